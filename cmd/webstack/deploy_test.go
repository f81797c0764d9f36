package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/platform-team/webstack/internal/emulator"
	"github.com/platform-team/webstack/internal/synthtest"
	"github.com/platform-team/webstack/internal/tfharness"
)

func TestMain(m *testing.M) { synthtest.Main(m) }

// needsEmulator skips a test that deploys (or fails it under CI=true) unless
// Terraform and moto_server are installed.
func needsEmulator(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("deploys to an emulator")
	}
	if _, err := tfharness.FindTerraform(context.Background()); errors.Is(err, tfharness.ErrNoTerraform) {
		synthtest.Require(t, err)
	}
	if _, err := exec.LookPath("moto_server"); err != nil {
		synthtest.Require(t, emulator.ErrNoMoto)
	}
}

// TestDeployAndDestroyCommands is `make deploy` then `make destroy` on the
// shipped local environment: the emulator deploy starts stays up for destroy,
// and destroy stops it.
func TestDeployAndDestroyCommands(t *testing.T) {
	needsEmulator(t)
	t.Parallel() // beside the review's plan mode
	root, err := tfharness.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "webstack")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	outdir, work, state := t.TempDir(), t.TempDir(), t.TempDir()
	run := func(args ...string) string {
		cmd := exec.Command(bin, args...)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "CDKTF_OUTDIR="+outdir, "WEBSTACK_WORK_DIR="+work,
			"WEBSTACK_STATE_DIR="+state, "AWS_ENDPOINT_URL=")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			t.Fatalf("webstack %s: %v\n%s", strings.Join(args, " "), err, out.String())
		}
		return out.String()
	}
	record := filepath.Join(work, "local", "emulator.json")
	t.Cleanup(func() { // whatever happened, leave no emulator behind
		if s := emulator.Load(context.Background(), record); s != nil {
			s.Stop()
		}
	})

	out := run("deploy", "-env", "local")
	for _, want := range []string{"starting moto_server", "terraform apply", "local is deployed; outputs:", "alb_dns_name = ",
		"make destroy ENV=local", "==> plan: ", " to add, 0 to change, 0 to replace, 0 to destroy", "] created aws_lb.webtier_alb_",
		"    https_enabled = false\n", filepath.Join(work, "local", "terraform.log")} {
		if !strings.Contains(out, want) {
			t.Errorf("deploy output lacks %q", want)
		}
	}
	// Quiet by default: the plan's detail and Terraform's own outputs listing
	// are in the log, and each output is printed once.
	if n := strings.Count(out, "alb_dns_name"); n != 1 || strings.Contains(out, "will be created") {
		t.Errorf("deploy output holds the full plan or repeats the outputs (%d × alb_dns_name):\n%s", n, out)
	}
	if lines := strings.Count(out, "\n"); lines > 120 {
		t.Errorf("deploy printed %d lines; want a summary", lines)
	}
	if log, err := os.ReadFile(filepath.Join(work, "local", "terraform.log")); err != nil || !strings.Contains(string(log), "will be created") {
		t.Errorf("the named log lacks the full plan (%v)", err)
	}
	s := emulator.Load(context.Background(), record)
	if s == nil {
		t.Fatal("deploy did not leave its emulator running and recorded")
	}
	if _, err := os.Stat(filepath.Join(state, "local", "terraform.tfstate")); err != nil {
		t.Errorf("no state in the state directory: %v", err)
	}

	// make clean between the two: the build output goes, the state stays, and
	// destroy (which synthesizes afresh) still finds everything.
	if err := os.RemoveAll(outdir); err != nil {
		t.Fatal(err)
	}
	out = run("destroy", "-env", "local")
	if !strings.Contains(out, "] destroyed aws_vpc.network_vpc_") || !strings.Contains(out, "local is destroyed") {
		t.Errorf("destroy output:\n%s", out)
	}
	if s.Alive() {
		t.Error("destroy left the emulator running")
	}
	if _, err := os.Stat(record); !os.IsNotExist(err) {
		t.Error("destroy left the emulator record")
	}
}
