// Package synthtest synthesizes constructs in tests and hands back the result
// as a policy.Stack, so tests assert on the same JSON users deploy.
package synthtest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	randomprovider "github.com/cdktf/cdktf-provider-random-go/random/v11/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/internal/emulator"
	"github.com/platform-team/webstack/internal/jsiirt"
	"github.com/platform-team/webstack/internal/tfharness"
	"github.com/platform-team/webstack/policy"
)

// Main runs a package's tests and then stops the jsii runtime. Use it as
//
//	func TestMain(m *testing.M) { synthtest.Main(m) }
//
// The tests' temporary directory is one of their own, removed afterwards:
// cdktf's Testing.app leaves an empty cdktf.outdir.* in it on every call,
// and the jsii runtime its own files.
func Main(m *testing.M) {
	tmp, err := os.MkdirTemp("", "webstack-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "synthtest:", err)
		os.Exit(1)
	}
	old, had := os.LookupEnv("TMPDIR")
	os.Setenv("TMPDIR", tmp)
	// jsii prepared its node process's environment while packages
	// initialized: discard that client, so the one made on first use takes
	// TMPDIR (and, as the programs do, no end-of-life banner).
	jsiirt.QuietNodeBanner()
	jsii.Close()
	code := m.Run()
	jsiirt.Close()
	if had {
		os.Setenv("TMPDIR", old)
	} else {
		os.Unsetenv("TMPDIR")
	}
	os.RemoveAll(tmp)
	os.Exit(code)
}

// Stack builds a stack named "test" with build, synthesizes it the way
// `cdktf synth` does (construct paths included) and parses the result.
func Stack(t testing.TB, build func(stack cdktf.TerraformStack)) *policy.Stack {
	t.Helper()
	return App(t, "test", func(app cdktf.App) {
		stack := cdktf.NewTerraformStack(app, jsii.String("test"))
		provider.NewAwsProvider(stack, jsii.String("aws"), &provider.AwsProviderConfig{Region: jsii.String("us-east-1")})
		randomprovider.NewRandomProvider(stack, jsii.String("random"), &randomprovider.RandomProviderConfig{})
		build(stack)
	})
}

// App builds an app with build, synthesizes it the way `cdktf synth` does
// and parses its stack id.
func App(t testing.TB, id string, build func(app cdktf.App)) *policy.Stack {
	t.Helper()
	out := t.TempDir()
	app := cdktf.NewApp(&cdktf.AppConfig{Outdir: jsii.String(out)})
	build(app)
	app.Synth()
	data, err := os.ReadFile(filepath.Join(out, "stacks", id, "cdk.tf.json"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := policy.ParseStack(data)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Require skips a test whose tool is missing (missing is the error saying
// so), or fails it under CI=true, where every tool must be installed.
func Require(t testing.TB, missing error) {
	t.Helper()
	if missing == nil {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true and a required tool is missing: %v", missing)
	}
	t.Skipf("skipping: %v (these tests run in CI, where it is installed)", missing)
}

// NeedsEmulator skips a test (or fails it under CI=true) unless Terraform
// and moto_server are installed; -short skips it too.
func NeedsEmulator(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("deploys to an emulator")
	}
	if _, err := tfharness.FindTerraform(context.Background()); errors.Is(err, tfharness.ErrNoTerraform) {
		Require(t, err)
	}
	if _, err := exec.LookPath("moto_server"); err != nil {
		Require(t, emulator.ErrNoMoto)
	}
}

// Inventory synthesizes stack as cdktf's Testing does and lists, one line
// each, the resource and data source types built by the construct whose id
// is under (a child of the stack; "" for all), with their counts: what a
// package example prints, so go test checks what it builds.
func Inventory(stack cdktf.TerraformStack, under string) string {
	var cfg struct {
		Resource map[string]map[string]any `json:"resource"`
		Data     map[string]map[string]any `json:"data"`
	}
	if err := json.Unmarshal([]byte(*cdktf.Testing_Synth(stack, jsii.Bool(false))), &cfg); err != nil {
		panic(err) // cdktf wrote it: not input
	}
	counts := map[string]int{}
	tally := func(blocks map[string]map[string]any, kind string) {
		for typ, byName := range blocks {
			for name := range byName {
				// Logical names are the construct path below the stack, joined
				// by "_", and a hash.
				if under == "" || strings.HasPrefix(name, under+"_") {
					counts[kind+typ]++
				}
			}
		}
	}
	tally(cfg.Resource, "")
	tally(cfg.Data, "data.")
	var b strings.Builder
	for _, typ := range slices.Sorted(maps.Keys(counts)) {
		fmt.Fprintf(&b, "%s %d\n", typ, counts[typ])
	}
	return b.String()
}

// repositoryFiles are the files of the repository that shipped environment
// files name (app.user_data), relative to its root.
var repositoryFiles = []string{"examples/app/user-data.sh"}

// Repository makes dir stand for the repository, for tests that copy
// environment files elsewhere: a cdktf.json at its root (which makes it the
// files' project root) and the files the shipped environments name.
func Repository(t testing.TB, dir string) {
	t.Helper()
	root, err := tfharness.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range append([]string{"cdktf.json"}, repositoryFiles...) {
		data, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
