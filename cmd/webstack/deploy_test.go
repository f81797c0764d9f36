package main

import (
	"bytes"
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

// TestDeployAndDestroyCommands is `make deploy ENV=local` then `make destroy
// ENV=local` against an emulator the user started and named with
// AWS_ENDPOINT_URL, run through make from the repository root. Its work, state
// and out directories are relative paths (below .webstack/, which git
// ignores), as the defaults are; the README test runs the defaults
// themselves, with the emulator make deploy starts, in a fresh clone.
func TestDeployAndDestroyCommands(t *testing.T) {
	synthtest.NeedsEmulator(t)
	t.Parallel() // beside the review's plan mode
	root, err := tfharness.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	srv, err := emulator.Start(t.Context(), emulator.Options{LogPath: filepath.Join(t.TempDir(), "moto.log")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Stop() })
	if err := os.MkdirAll(filepath.Join(root, ".webstack"), 0o755); err != nil {
		t.Fatal(err)
	}
	scratch, err := os.MkdirTemp(filepath.Join(root, ".webstack"), "deploy-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(scratch) })
	rel, _ := filepath.Rel(root, scratch)
	work, state, outdir := filepath.Join(rel, "work"), filepath.Join(rel, "state"), filepath.Join(rel, "out")
	run := func(target string) string {
		cmd := exec.Command("make", target, "ENV=local")
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "AWS_ENDPOINT_URL="+srv.URL, "TF_VAR_emulator_endpoint=",
			"CDKTF_OUTDIR="+outdir, "WEBSTACK_WORK_DIR="+work, "WEBSTACK_STATE_DIR="+state)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			t.Fatalf("make %s ENV=local: %v\n%s", target, err, out.String())
		}
		return out.String()
	}

	out := run("deploy")
	for _, want := range []string{"using the emulator at AWS_ENDPOINT_URL=" + srv.URL, "terraform apply", "local is deployed; outputs:",
		"alb_dns_name = ", "make destroy ENV=local", "==> plan: ", " to add, 0 to change, 0 to replace, 0 to destroy",
		"] created aws_lb.webtier_alb_", "    https_enabled = false\n", filepath.Join(work, "local", "terraform.log"),
		"state: " + filepath.Join(state, "local", "terraform.tfstate")} {
		if !strings.Contains(out, want) {
			t.Errorf("deploy output lacks %q", want)
		}
	}
	if strings.Contains(out, "starting moto_server") {
		t.Error("deploy started an emulator of its own although AWS_ENDPOINT_URL named one")
	}
	// Quiet by default: the plan's detail and Terraform's own outputs listing
	// are in the log, and each output is printed once.
	if n := strings.Count(out, "alb_dns_name"); n != 1 || strings.Contains(out, "will be created") {
		t.Errorf("deploy output holds the full plan or repeats the outputs (%d × alb_dns_name):\n%s", n, out)
	}
	if lines := strings.Count(out, "\n"); lines > 120 {
		t.Errorf("deploy printed %d lines; want a summary", lines)
	}
	if log, err := os.ReadFile(filepath.Join(root, work, "local", "terraform.log")); err != nil || !strings.Contains(string(log), "will be created") {
		t.Errorf("the named log lacks the full plan (%v)", err)
	}
	if st, err := os.Stat(filepath.Join(root, state, "local", "terraform.tfstate")); err != nil || st.Size() == 0 {
		t.Errorf("no state in the state directory: %v", err)
	}

	// make clean between the two: the build output goes, the state stays, and
	// destroy (which synthesizes afresh) still finds everything.
	if err := os.RemoveAll(filepath.Join(root, outdir)); err != nil {
		t.Fatal(err)
	}
	out = run("destroy")
	if !strings.Contains(out, "] destroyed aws_vpc.network_vpc_") || !strings.Contains(out, "local is destroyed") {
		t.Errorf("destroy output:\n%s", out)
	}
	if !srv.Alive() {
		t.Error("destroy stopped the emulator the user started")
	}
}
