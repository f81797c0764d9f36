// Package e2e proves with Terraform what the project synthesizes: every
// variant validates, and the stack deploys to a local AWS emulator, re-plans
// clean, destroys clean, runs side by side and keeps remote state locked.
//
// The tests need Terraform (>= 1.10) and moto_server. Outside CI they skip
// with a message when either is missing; with CI=true a missing tool fails.
// `go test -short` skips them all.
package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/platform-team/webstack/internal/emulator"
	"github.com/platform-team/webstack/internal/synthtest"
	"github.com/platform-team/webstack/internal/tfharness"
	"github.com/platform-team/webstack/stacks/config"
	"github.com/platform-team/webstack/stacks/synth"
)

func TestMain(m *testing.M) { synthtest.Main(m) }

var require = synthtest.Require

var (
	setupOnce sync.Once
	tfPath    string
	providers *tfharness.Providers
	setupErr  error
)

// terraform returns the Terraform binary and the provider setup shared by
// every test of this binary (the stand-in provider is built once).
func terraform(t *testing.T) (string, *tfharness.Providers) {
	t.Helper()
	if testing.Short() {
		t.Skip("skipping Terraform tests in -short mode")
	}
	setupOnce.Do(func() {
		ctx := context.Background()
		root, err := tfharness.ModuleRoot()
		if err != nil {
			setupErr = err
			return
		}
		tfPath, providers, setupErr = tfharness.Setup(ctx, filepath.Join(root, ".webstack", "providers"))
		if setupErr == nil {
			for _, n := range providers.Notes() {
				fmt.Println("e2e:", n)
			}
		}
	})
	if errors.Is(setupErr, tfharness.ErrNoTerraform) {
		require(t, setupErr)
	}
	if setupErr != nil {
		t.Fatal(setupErr)
	}
	return tfPath, providers
}

// startEmulator starts a moto_server for one test and stops it afterwards.
// It checks for Terraform first, so a test without its tools skips before
// doing any work.
func startEmulator(t *testing.T) *emulator.Server {
	t.Helper()
	terraform(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s, err := emulator.Start(ctx, emulator.Options{LogPath: filepath.Join(t.TempDir(), "moto.log")})
	if errors.Is(err, emulator.ErrNoMoto) {
		require(t, err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Stop(); err != nil {
			t.Error(err)
		}
	})
	return s
}

// synthMu serializes synths: the jsii runtime is one process for the binary.
var synthMu sync.Mutex

// synthFiles writes env files (name → JSON body) to a directory, synthesizes them
// and returns the output directory and the loaded environments by id.
func synthFiles(t *testing.T, files map[string]string) (string, map[string]config.Environment) {
	t.Helper()
	return synthWith(t, files, false)
}

// synthWith is synthFiles, writing native HCL (cdk.tf) when hcl is set.
func synthWith(t *testing.T, files map[string]string, hcl bool) (string, map[string]config.Environment) {
	t.Helper()
	dir, out := t.TempDir(), t.TempDir()
	synthtest.Repository(t, dir)
	var paths []string
	for name, body := range files {
		p := filepath.Join(dir, name+".json")
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	synthMu.Lock()
	defer synthMu.Unlock()
	envs, err := synth.Synth(synth.Options{Files: paths, Outdir: out, Log: &strings.Builder{}, HCL: hcl})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]config.Environment{}
	for _, e := range envs {
		byID[e.ID] = e
	}
	return out, byID
}

// localConfig is environments/local.json with extra top-level keys merged in.
func localConfig(t *testing.T, extra string) string {
	t.Helper()
	data, err := os.ReadFile("../environments/local.json")
	if err != nil {
		t.Fatal(err)
	}
	if extra == "" {
		return string(data)
	}
	// Keys of extra replace local.json's (a key written twice is an error).
	var base, over map[string]any
	if err := json.Unmarshal(data, &base); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte("{"+extra+"}"), &over); err != nil {
		t.Fatalf("extra keys %s: %v", extra, err)
	}
	for k, v := range over {
		base[k] = v
	}
	merged, err := json.MarshalIndent(base, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(merged)
}

// workspace opens the Terraform workspace of a synthesized stack, wired to
// the emulator, with output prefixed by the stack id.
func workspace(t *testing.T, outdir, id string, emu *emulator.Server) *tfharness.Workspace {
	t.Helper()
	tf, prov := terraform(t)
	w, err := tfharness.NewWorkspace(filepath.Join(outdir, "stacks", id), tfharness.Options{
		Terraform: tf, Providers: prov, Env: tfharness.EmulatorEnv(emu.URL), Log: os.Stdout, Prefix: "[" + id + "] ", Serve: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Close)
	return w
}

// awsConfig is an SDK configuration for the emulator.
func awsConfig(emu *emulator.Server, region string) aws.Config {
	return aws.Config{
		Region:       region,
		Credentials:  credentials.NewStaticCredentialsProvider("test", "test", ""),
		BaseEndpoint: aws.String(emu.URL),
	}
}

// ctxFor is a context bounded by the test's deadline, with room to clean up.
func ctxFor(t *testing.T) context.Context {
	ctx := context.Background()
	if d, ok := t.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, d.Add(-time.Minute))
		t.Cleanup(cancel)
	}
	return ctx
}
