package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"webstack/internal/synthtest"
)

// The test binary links the app, whose packages start the jsii runtime when
// loaded: stop it when the tests end.
func TestMain(m *testing.M) { synthtest.Main(m) }

// buildApp compiles the app once per test binary.
func buildApp(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "webstack")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// runApp runs the app with its own TMPDIR so a leaked jsii runtime is visible.
func runApp(t *testing.T, bin string, env ...string) (code int, stderr string, tmp string) {
	t.Helper()
	tmp = t.TempDir()
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), append(env, "TMPDIR="+tmp)...)
	var errb bytes.Buffer
	cmd.Stderr = &errb
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), errb.String(), tmp
	} else if err != nil {
		t.Fatal(err)
	}
	return 0, errb.String(), tmp
}

func TestSynthWritesEveryEnvironmentAndLeavesNothingBehind(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the app")
	}
	bin := buildApp(t)
	out := t.TempDir()
	code, stderr, tmp := runApp(t, bin, "CDKTF_OUTDIR="+out, "WEBSTACK_ENV_DIR=environments")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	envs, _ := filepath.Glob("environments/*.json")
	for _, e := range envs {
		id := strings.TrimSuffix(filepath.Base(e), ".json")
		if _, err := os.Stat(filepath.Join(out, "stacks", id, "cdk.tf.json")); err != nil {
			t.Errorf("stack %s not written: %v", id, err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "manifest.json")); err != nil {
		t.Error("no manifest.json for the cdktf CLI")
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("the jsii runtime left %d entries in TMPDIR (e.g. %s)", len(left), left[0].Name())
	}
	if pids := processesMentioning(tmp); len(pids) > 0 {
		t.Errorf("processes still running from the app's TMPDIR: %v", pids)
	}
	if staging, _ := filepath.Glob(filepath.Join(out, ".staging-*")); len(staging) > 0 {
		t.Errorf("staging directory left behind: %v", staging)
	}
}

func TestBadEnvironmentFailsAndWritesNoStack(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the app")
	}
	bin := buildApp(t)
	envDir, out := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(envDir, "good.json"), []byte(`{}`), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(envDir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"vpc_cidr": "10.0.0.0/33"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stderr, _ := runApp(t, bin, "CDKTF_OUTDIR="+out, "WEBSTACK_ENV_DIR="+envDir)
	if code == 0 {
		t.Fatal("synth succeeded with a bad environment file")
	}
	if want := bad + `: vpc_cidr "10.0.0.0/33": not a valid IPv4 CIDR`; !strings.Contains(stderr, want) {
		t.Errorf("stderr does not name file, field and value (%q):\n%s", want, stderr)
	}
	if strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "panic") {
		t.Errorf("bad input produced a stack trace:\n%s", stderr)
	}
	if entries, _ := os.ReadDir(out); len(entries) > 0 {
		t.Errorf("a stack was written although a file is invalid: %v", entries)
	}
}

// processesMentioning lists the pids whose command line contains s.
func processesMentioning(s string) []string {
	var pids []string
	procs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, p := range procs {
		b, err := os.ReadFile(p)
		if err == nil && bytes.Contains(b, []byte(s)) {
			pids = append(pids, filepath.Base(filepath.Dir(p)))
		}
	}
	return pids
}

// TestCdktfCLISynth runs the app the way users do, through the pinned cdktf
// CLI, and expects the same stacks as a direct run.
func TestCdktfCLISynth(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the cdktf CLI")
	}
	if _, err := os.Stat("node_modules/.bin/cdktf"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but the cdktf CLI is not installed (npm ci)")
		}
		t.Skip("skipping: the cdktf CLI is not installed; run npm ci")
	}
	out := t.TempDir()
	cmd := exec.Command("npx", "cdktf", "synth", "--output", out)
	cmd.Env = append(os.Environ(), "CI=true") // no spinner, no prompts
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("npx cdktf synth: %v\n%s", err, b)
	}
	direct := t.TempDir()
	if code, stderr, _ := runApp(t, buildApp(t), "CDKTF_OUTDIR="+direct); code != 0 {
		t.Fatalf("direct synth: %s", stderr)
	}
	envs, _ := filepath.Glob("environments/*.json")
	for _, e := range envs {
		id := strings.TrimSuffix(filepath.Base(e), ".json")
		a, errA := os.ReadFile(filepath.Join(out, "stacks", id, "cdk.tf.json"))
		b, errB := os.ReadFile(filepath.Join(direct, "stacks", id, "cdk.tf.json"))
		if errA != nil || errB != nil || !bytes.Equal(a, b) {
			t.Errorf("%s: cdktf synth and the app differ (%v, %v)", id, errA, errB)
		}
	}
}
