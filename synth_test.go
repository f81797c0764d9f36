package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestSynthWritesEveryEnvironmentAndLeavesNothingBehind(t *testing.T) {
	t.Parallel() // temp dirs of its own: beside the README test
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
	// A clean synth says nothing on standard error (which the cdktf CLI shows
	// as [ERROR] lines): no end-of-life banner, no notes.
	if stderr != "" {
		t.Errorf("a clean synth wrote to standard error:\n%s", stderr)
	}
}

func TestBadEnvironmentFailsAndWritesNoStack(t *testing.T) {
	t.Parallel() // temp dirs of its own: beside the README test
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
	t.Parallel() // temp dirs of its own: beside the README test
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
	state := t.TempDir()
	if err := os.MkdirAll(filepath.Join(state, "dev"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(state, "dev", "terraform.tfstate"), []byte("deployed"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("npx", "cdktf", "synth", "--output", out)
	// No spinner, no prompts; the CLI's leftover cdktf.outdir.* go with the test.
	cliTmp := t.TempDir()
	cmd.Env = append(os.Environ(), "CI=true", "WEBSTACK_STATE_DIR="+state, "TMPDIR="+cliTmp)
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
	// cdktf synth keeps the state and links the stack directory to it.
	if got, err := os.ReadFile(filepath.Join(out, "stacks", "dev", "terraform.tfstate")); err != nil || string(got) != "deployed" {
		t.Errorf("after cdktf synth the stack directory does not reach the state: %q, %v", got, err)
	}

	// synth --hcl, into the same out dir: each stack becomes HCL only (Terraform
	// would read a JSON file left beside it too); a JSON synth turns it back.
	synth := func(args ...string) string {
		cmd := exec.Command("npx", append([]string{"cdktf", "synth", "--output", out}, args...)...)
		// The banner variable set, as make test sets it: the app must then
		// still keep SYNTH_HCL_OUTPUT from the jsii runtime.
		cmd.Env = append(os.Environ(), "CI=true", "WEBSTACK_STATE_DIR="+state, "CHECKPOINT_DISABLE=1", "TMPDIR="+cliTmp,
			"JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20")
		b, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("npx cdktf synth %v: %v\n%s", args, err, b)
		}
		return string(b)
	}
	synth("--hcl")
	for _, e := range envs {
		dir := filepath.Join(out, "stacks", strings.TrimSuffix(filepath.Base(e), ".json"))
		hcl, err := os.ReadFile(filepath.Join(dir, "cdk.tf"))
		if err != nil || !strings.Contains(string(hcl), `resource "aws_lb" "webtier_alb_`) {
			t.Errorf("%s: synth --hcl wrote no HCL stack (%v)", dir, err)
		}
		if _, err := os.Stat(filepath.Join(dir, "cdk.tf.json")); err == nil {
			t.Errorf("%s: synth --hcl left cdk.tf.json beside cdk.tf", dir)
		}
	}
	if got, err := os.ReadFile(filepath.Join(out, "stacks", "dev", "terraform.tfstate")); err != nil || string(got) != "deployed" {
		t.Errorf("after cdktf synth --hcl the stack directory does not reach the state: %q, %v", got, err)
	}
	synth()
	if _, err := os.Stat(filepath.Join(out, "stacks", "dev", "cdk.tf")); err == nil {
		t.Error("a JSON synth after synth --hcl left cdk.tf beside cdk.tf.json")
	}
}

// Local state lives in the state directory, not in the build output: it
// survives deleting cdktf.out, a re-synth, and a synth into another out dir;
// state an earlier version left in the stack directory is moved there with a
// message; when both places hold state, synth touches neither and fails.
func TestStateOutlivesTheBuildOutput(t *testing.T) {
	t.Parallel() // temp dirs of its own: beside the README test
	if testing.Short() {
		t.Skip("builds and runs the app")
	}
	bin := buildApp(t)
	envDir, state := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(envDir, "st.json"), []byte(`{}`), 0o644); err != nil {
		t.Fatal(err)
	}
	// synth returns the exit code and everything the app printed.
	synth := func(out, stateDir string) (int, string) {
		code, stdout, stderr, _ := runAppOut(t, bin, "CDKTF_OUTDIR="+out, "WEBSTACK_ENV_DIR="+envDir, "WEBSTACK_STATE_DIR="+stateDir)
		return code, stdout + stderr
	}
	stateFile := filepath.Join(state, "st", "terraform.tfstate")

	out := filepath.Join(t.TempDir(), "cdktf.out")
	if code, stderr := synth(out, state); code != 0 {
		t.Fatal(stderr)
	}
	link := filepath.Join(out, "stacks", "st", "terraform.tfstate")
	if to, err := os.Readlink(link); err != nil || to != stateFile {
		t.Fatalf("the stack directory's state is not a link to %s: %q, %v", stateFile, to, err)
	}
	// Terraform writes through the link.
	if err := os.WriteFile(link, []byte("deployed"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(stateFile); string(got) != "deployed" {
		t.Fatalf("state written through the link landed elsewhere: %q", got)
	}
	// make clean, then synth again; and a synth into another out dir.
	if err := os.RemoveAll(out); err != nil {
		t.Fatal(err)
	}
	other := t.TempDir()
	for _, dir := range []string{out, out, other} {
		if code, stderr := synth(dir, state); code != 0 {
			t.Fatal(stderr)
		}
		if got, err := os.ReadFile(filepath.Join(dir, "stacks", "st", "terraform.tfstate")); err != nil || string(got) != "deployed" {
			t.Errorf("%s: state not reached after re-synth: %q, %v", dir, got, err)
		}
	}

	// The old layout: state as a file in the stack directory.
	old := filepath.Join(t.TempDir(), "cdktf.out")
	oldState := filepath.Join(old, "stacks", "st", "terraform.tfstate")
	if err := os.MkdirAll(filepath.Dir(oldState), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(oldState, []byte("old layout"), 0o600); err != nil {
		t.Fatal(err)
	}
	fresh := t.TempDir()
	code, stderr := synth(old, fresh)
	if code != 0 || !strings.Contains(stderr, "moved Terraform state "+oldState+" to "+filepath.Join(fresh, "st", "terraform.tfstate")) {
		t.Fatalf("no move message (exit %d):\n%s", code, stderr)
	}
	if got, _ := os.ReadFile(filepath.Join(fresh, "st", "terraform.tfstate")); string(got) != "old layout" {
		t.Errorf("moved state reads %q", got)
	}
	if got, _ := os.ReadFile(oldState); string(got) != "old layout" {
		t.Errorf("the stack directory no longer reaches the moved state: %q", got)
	}

	// Both places hold state: refused, both kept.
	clash := filepath.Join(t.TempDir(), "cdktf.out")
	clashState := filepath.Join(clash, "stacks", "st", "terraform.tfstate")
	os.MkdirAll(filepath.Dir(clashState), 0o755)
	if err := os.WriteFile(clashState, []byte("other"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, stderr := synth(clash, state); code == 0 || !strings.Contains(stderr, "both") {
		t.Errorf("two states were not refused (exit %d):\n%s", code, stderr)
	}
	a, _ := os.ReadFile(clashState)
	b, _ := os.ReadFile(stateFile)
	if string(a) != "other" || string(b) != "deployed" {
		t.Errorf("a state was changed: %q, %q", a, b)
	}
}

// make clean deletes the build output and nothing else: never state.
func TestMakeCleanKeepsState(t *testing.T) {
	t.Parallel() // temp dirs of its own: beside the README test
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("skipping: no make")
	}
	dir := t.TempDir()
	for _, f := range []string{"cdktf.out/stacks/dev/cdk.tf.json", "state/dev/terraform.tfstate", ".webstack/local/emulator.json"} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(f)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	makefile, _ := filepath.Abs("Makefile")
	if out, err := exec.Command("make", "-s", "-C", dir, "-f", makefile, "clean").CombinedOutput(); err != nil {
		t.Fatalf("make clean: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "cdktf.out")); !os.IsNotExist(err) {
		t.Error("make clean left cdktf.out")
	}
	if _, err := os.Stat(filepath.Join(dir, "state/dev/terraform.tfstate")); err != nil {
		t.Errorf("make clean deleted state: %v", err)
	}
}

// TestSecondSynthReusesTheFirst: a synth with nothing changed since the last
// one into the same out dir reuses it, saying so, without building anything;
// an environment file changed since, or the output changed, means a synth.
func TestSecondSynthReusesTheFirst(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds and runs the app")
	}
	bin := buildApp(t)
	envDir, out, state := t.TempDir(), t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(envDir, "dev.json"), []byte(`{}`), 0o644); err != nil {
		t.Fatal(err)
	}
	var tmp string
	run := func(env ...string) string {
		t.Helper()
		code, stdout, stderr, dir := runAppOut(t, bin, append([]string{"CDKTF_OUTDIR=" + out, "WEBSTACK_ENV_DIR=" + envDir,
			"WEBSTACK_STATE_DIR=" + state, "WEBSTACK_SYNTH_CACHE="}, env...)...)
		if code != 0 {
			t.Fatalf("exit %d:\n%s", code, stderr)
		}
		tmp = dir
		return stdout
	}
	const reused = "nothing changed since the last synth into "
	if first := run(); strings.Contains(first, reused) {
		t.Fatalf("the first synth reused nothing:\n%s", first)
	}
	// As make runs it (the banner setting exported): the jsii runtime the
	// app prepared at start is removed although no stack was built.
	if second := run("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20"); !strings.Contains(second, reused) {
		t.Errorf("the second synth, nothing changed, must reuse the first:\n%s", second)
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("a synth that reused the last one left %d temporary entries (%s…)", len(left), left[0].Name())
	}
	if err := os.WriteFile(filepath.Join(envDir, "dev.json"), []byte(`{"owner": "web"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if third := run(); strings.Contains(third, reused) {
		t.Errorf("a changed environment file must be synthesized:\n%s", third)
	}
	stack := filepath.Join(out, "stacks", "dev", "cdk.tf.json")
	if data, err := os.ReadFile(stack); err != nil || !strings.Contains(string(data), `"Owner": "web"`) {
		t.Fatalf("the change must reach the output: %v", err)
	}
	if err := os.WriteFile(stack, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if fourth := run(); strings.Contains(fourth, reused) {
		t.Errorf("a changed output must be synthesized again:\n%s", fourth)
	}
}
