package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/platform-team/webstack/internal/emulator"
	"github.com/platform-team/webstack/internal/synthtest"
	"github.com/platform-team/webstack/internal/tfharness"
	"github.com/platform-team/webstack/stacks/config"
)

var errNotRoot = errors.New("these cases mount file systems in a namespace of their own, which needs root")

// scratch is a set of relative work, state and out directories below the
// repository's .webstack/ (as the defaults are relative), removed after t.
type scratch struct {
	t                *testing.T
	root             string
	work, state, out string
	endpoint         string
	extraEnv         []string
	// urgent runs the commands at a higher CPU priority (nice -10, where
	// allowed): for a test that is a long chain of commands waiting on the
	// provider, whose few CPU-bound steps would otherwise queue behind the
	// CPU-bound tests beside it and make it the last to finish.
	urgent bool
}

func newScratch(t *testing.T, endpoint string) *scratch {
	t.Helper()
	root, err := tfharness.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(root, ".webstack"), 0o755); err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp(filepath.Join(root, ".webstack"), "faults-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	rel, _ := filepath.Rel(root, dir)
	return &scratch{t: t, root: root, work: filepath.Join(rel, "work"), state: filepath.Join(rel, "state"),
		out: filepath.Join(rel, "out"), endpoint: endpoint}
}

// command is make target ENV=local from the repository root, in a process
// group of its own (as a terminal runs a foreground job), on s's directories.
func (s *scratch) command(target string) *exec.Cmd { return s.commandFor(target, "local") }

// commandFor is command for environment env.
func (s *scratch) commandFor(target, env string) *exec.Cmd {
	args := []string{"make", "-s", target, "ENV=" + env}
	if s.urgent {
		// nice execs make (the pid is make's); without the privilege it
		// warns and runs make at the usual priority.
		args = append([]string{"nice", "-n", "-10"}, args...)
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = s.root
	cmd.Env = append(os.Environ(), "AWS_ENDPOINT_URL="+s.endpoint,
		"CDKTF_OUTDIR="+s.out, "WEBSTACK_WORK_DIR="+s.work, "WEBSTACK_STATE_DIR="+s.state)
	cmd.Env = append(cmd.Env, s.extraEnv...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	return cmd
}

// run runs make target and returns its output and error.
func (s *scratch) run(target string) (string, error) { return s.runFor(target, "local") }

// runFor is run for environment env.
func (s *scratch) runFor(target, env string) (string, error) {
	cmd := s.commandFor(target, env)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// mustRun is run that fails the test on an error.
func (s *scratch) mustRun(target string) string {
	s.t.Helper()
	out, err := s.run(target)
	if err != nil {
		s.t.Fatalf("make %s ENV=local: %v\n%s", target, err, out)
	}
	return out
}

// statePath is the state file of local in s.
func (s *scratch) statePath() string {
	return filepath.Join(s.root, s.state, "local", "terraform.tfstate")
}

// footprint is what runs in s leave behind: processes running in its
// directories, entries in the TMPDIR its commands get, and the bytes its
// work and out directories hold (the state, which grows with what is
// deployed, aside).
func (s *scratch) footprint(tmp string) (procs, temps []string, size, logSize int64) {
	entries, _ := os.ReadDir(tmp)
	for _, e := range entries {
		temps = append(temps, e.Name())
	}
	for _, dir := range []string{s.work, s.out} {
		filepath.WalkDir(filepath.Join(s.root, dir), func(path string, d os.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				if fi, err := d.Info(); err == nil && d.Name() == "terraform.log" {
					logSize += fi.Size()
				} else if err == nil {
					size += fi.Size()
				}
			}
			return nil
		})
	}
	return s.processes(), temps, size, logSize
}

// firstBlock is out from the first line holding marker on ("" when none).
func firstBlock(out, marker string) string {
	i := strings.Index(out, marker)
	if i < 0 {
		return ""
	}
	if j := strings.LastIndex(out[:i], "\n"); j >= 0 {
		i = j + 1
	} else {
		i = 0
	}
	return out[i:]
}

// keepOnlySuffixes rewrites the state as a run killed after creating
// everything, before saving any of it, leaves it: the random suffixes alone.
func (s *scratch) keepOnlySuffixes() {
	s.t.Helper()
	data, err := os.ReadFile(s.statePath())
	if err != nil {
		s.t.Fatal(err)
	}
	var st map[string]any
	if err := json.Unmarshal(data, &st); err != nil {
		s.t.Fatal(err)
	}
	var kept []any
	for _, r := range st["resources"].([]any) {
		if r.(map[string]any)["type"] == "random_string" {
			kept = append(kept, r)
		}
	}
	st["resources"] = kept
	st["serial"] = st["serial"].(float64) + 1
	data, _ = json.MarshalIndent(st, "", "  ")
	if err := os.WriteFile(s.statePath(), data, 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// started runs make target and returns once after lines of its output
// contain want n times, with the running command and its output so far.
func (s *scratch) startUntil(target, want string, n int) (*exec.Cmd, *bytes.Buffer, <-chan error) {
	s.t.Helper()
	cmd := s.command(target)
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = pw, pw
	var out bytes.Buffer
	seen := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		count := 0
		for sc.Scan() {
			out.WriteString(sc.Text() + "\n")
			if strings.Contains(sc.Text(), want) {
				if count++; count == n {
					close(seen)
				}
			}
		}
	}()
	if err := cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	go func() { err := cmd.Wait(); pw.Close(); done <- err }()
	select {
	case <-seen:
	case err := <-done:
		s.t.Fatalf("make %s ended before %d × %q: %v\n%s", target, n, want, err, out.String())
	case <-time.After(10 * time.Minute):
		s.t.Fatalf("make %s: no %d × %q in 10 minutes:\n%s", target, n, want, out.String())
	}
	return cmd, &out, done
}

// TestInterruptedAndConcurrentDeploys is make deploy ENV=local and make
// destroy ENV=local against an emulator the user started and named with
// AWS_ENDPOINT_URL, run through make from the repository root, with relative
// work, state and out directories as the defaults are (the README test runs
// the defaults themselves, with the emulator make deploy starts, in a fresh
// clone). Ctrl-C in the middle of the first deploy stops it cleanly, saying
// what was created and that state is saved; while the next deploy carries
// on, a second one from the same working copy is refused at once by the run
// lock, and one from another copy (another out and work directory, the same
// state) by Terraform's state lock, saying who holds it; the carried-on
// deploy completes and reports as a deploy does; a re-plan is empty; after
// make clean, destroy finds everything and leaves nothing.
func TestInterruptedAndConcurrentDeploys(t *testing.T) {
	srv := ownEmulator(t)
	s := newScratch(t, srv.URL)

	// Ctrl-C from a terminal: SIGINT to the whole foreground process group.
	cmd, out, done := s.startUntil("deploy", "] created ", 6)
	if err := syscall.Kill(-cmd.Process.Pid, syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err == nil {
		t.Fatalf("an interrupted deploy must fail:\n%s", out)
	}
	for _, want := range []string{"interrupted: Terraform finished the operations it had started, saved the state and stopped",
		"resource(s) created by this run: ", "state is saved: " + filepath.Join(s.state, "local", "terraform.tfstate") + " holds ",
		"deploy of local interrupted; next: make deploy ENV=local carries on from the saved state"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("interrupted deploy output lacks %q:\n%s", want, out)
		}
	}
	t.Logf("figures: %s; %s", firstLine(out.String(), "created by this run"), firstLine(out.String(), "state is saved"))
	var st struct {
		Resources []struct {
			Mode, Type, Name string
			Instances        []struct {
				Status string `json:"status"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if data, err := os.ReadFile(s.statePath()); err != nil || json.Unmarshal(data, &st) != nil || len(st.Resources) < 6 {
		t.Fatalf("the interrupted deploy's state must hold what it created: %v, %d resources", err, len(st.Resources))
	}
	// A create the interrupt cut short is saved tainted: the next deploy
	// replaces it, as Terraform does; nothing else may be replaced.
	tainted := map[string]bool{}
	for _, r := range st.Resources {
		for _, i := range r.Instances {
			if i.Status == "tainted" {
				tainted[r.Type+"."+r.Name] = true
			}
		}
	}

	// Carry on; meanwhile, two more deploys of the same environment.
	resumed := time.Now()
	cmd, out, done = s.startUntil("deploy", "terraform apply of that plan", 1)
	refused := time.Now()
	sameCopy, err := s.run("deploy")
	t.Logf("figures: the second deploy from the same copy was refused after %s", time.Since(refused).Round(100*time.Millisecond))
	if err == nil || !strings.Contains(sameCopy, "another run of this environment is in progress here: make deploy ENV=local (pid ") {
		t.Errorf("a second deploy from the same working copy must be refused by the run lock: %v\n%s", err, sameCopy)
	}
	// The other copy synthesizes and initializes before it reaches the
	// state; on a loaded machine the carried-on apply could end first. Its
	// Terraform is paused meanwhile, holding the lock as a long apply does.
	resume := s.pauseApply(cmd.Process.Pid)
	other := newScratch(t, srv.URL)
	other.state = s.state
	otherCopy, err := other.run("deploy")
	resume()
	if err == nil || !strings.Contains(otherCopy, "another Terraform run holds the state lock of ") ||
		!strings.Contains(otherCopy, "Nothing was changed") {
		t.Errorf("a deploy from another copy must be refused by the state lock, saying who holds it: %v\n%s", err, otherCopy)
	}
	if err := <-done; err != nil {
		t.Fatalf("the carried-on deploy failed: %v\n%s", err, out)
	}
	t.Logf("figures: the carried-on deploy took %s; %s", time.Since(resumed).Round(time.Second), firstLine(out.String(), "adopting "))
	deployed := out.String()
	// It may adopt what the interrupted run created but did not save, and
	// update it, and replaces what was saved tainted; it destroys nothing.
	if !regexp.MustCompile(`==> plan: \d+ to add, \d+ to change, \d+ to replace, 0 to destroy`).MatchString(deployed) {
		t.Errorf("the carried-on deploy's plan must destroy nothing:\n%s", deployed)
	}
	for _, m := range regexp.MustCompile(`==>   replace (\S+)(.*)`).FindAllStringSubmatch(deployed, -1) {
		if !tainted[m[1]] {
			t.Errorf("the carried-on deploy replaces %s, which the interrupted run did not leave tainted (%v)", m[1], tainted)
		}
		if !strings.Contains(m[2], "(tainted: ") {
			t.Errorf("the plan summary must say why %s is replaced (tainted): %q", m[1], m[0])
		}
	}
	for _, want := range []string{"using the emulator at AWS_ENDPOINT_URL=" + srv.URL, "terraform apply", "local is deployed; outputs:",
		"alb_dns_name = ", "make destroy ENV=local",
		"] created aws_lb.webtier_alb_", "    https_enabled = false\n", filepath.Join(s.work, "local", "terraform.log"),
		"state: " + filepath.Join(s.state, "local", "terraform.tfstate")} {
		if !strings.Contains(deployed, want) {
			t.Errorf("deploy output lacks %q", want)
		}
	}
	if strings.Contains(deployed, "starting moto_server") {
		t.Error("deploy started an emulator of its own although AWS_ENDPOINT_URL named one")
	}
	// Quiet by default: the plan's detail and Terraform's own outputs listing
	// are in the log, and each output is printed once.
	if n := strings.Count(deployed, "alb_dns_name"); n != 1 || strings.Contains(deployed, "will be created") {
		t.Errorf("deploy output holds the full plan or repeats the outputs (%d × alb_dns_name):\n%s", n, deployed)
	}
	if lines := strings.Count(deployed, "\n"); lines > 120 {
		t.Errorf("deploy printed %d lines; want a summary", lines)
	}
	if log, err := os.ReadFile(filepath.Join(s.root, s.work, "local", "terraform.log")); err != nil || !strings.Contains(string(log), "will be created") {
		t.Errorf("the named log lacks the full plan (%v)", err)
	}
	if again := s.mustRun("deploy"); !strings.Contains(again, "plan: 0 to add, 0 to change, 0 to replace, 0 to destroy") {
		t.Errorf("a re-plan after the carried-on deploy must be empty:\n%s", again)
	}
	// make clean between the two: the build output goes, the state stays, and
	// destroy (which synthesizes afresh) still finds everything.
	if err := os.RemoveAll(filepath.Join(s.root, s.out)); err != nil {
		t.Fatal(err)
	}
	gone := s.mustRun("destroy")
	for _, want := range []string{"] destroyed aws_vpc.network_vpc_", "local is destroyed", "is left in the account"} {
		if !strings.Contains(gone, want) {
			t.Errorf("destroy output lacks %q:\n%s", want, gone)
		}
	}
	if !srv.Alive() {
		t.Error("destroy stopped the emulator the user started")
	}
}

// TestKilledDeployIsRecovered: make deploy killed (SIGKILL to make, the
// webstack command and Terraform) a few resources into the apply, before
// Terraform saved them; the next make deploy finds what the killed run
// created, adopts it and completes; a re-plan is empty; destroy leaves
// nothing with the copy's suffix in the emulator.
func TestKilledDeployIsRecovered(t *testing.T) {
	srv := ownEmulator(t)
	s := newScratch(t, srv.URL)
	// Repetition: the five deploys and the destroy after the kill, in a row,
	// must leave no process and no temporary file (they get a TMPDIR of
	// their own: the killed run's leftovers cannot be cleaned by it), and the
	// work and out directories must not grow from one run to the next
	// (beyond the log a run rewrites).
	tmp := t.TempDir()
	var sizes, logs []int64
	settled := func(after string) {
		t.Helper()
		procs, temps, size, log := s.footprint(tmp)
		if len(procs) > 0 || len(temps) > 0 {
			t.Errorf("after %s: processes %v and temporary files %v are left", after, procs, temps)
		}
		// Terraform's log is rewritten by each run, as long as its output.
		if n := len(sizes); n > 0 && size > sizes[n-1]+64<<10 {
			t.Errorf("after %s the work and out directories (the log aside) grew from %d to %d bytes", after, sizes[n-1], size)
		}
		sizes, logs = append(sizes, size), append(logs, log)
	}

	cmd, out, done := s.startUntil("deploy", "] created aws_", 3)
	// Terraform runs in a process group of its own; find it by its plan file.
	plan, _ := filepath.Abs(filepath.Join(s.root, s.work, "local", "deploy.tfplan"))
	tf, _ := exec.Command("pgrep", "-f", plan).Output()
	syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	for _, pid := range strings.Fields(string(tf)) {
		exec.Command("kill", "-KILL", pid).Run()
	}
	<-done
	t.Logf("killed after:\n%s", out)
	// Nothing of the killed run runs on: Terraform's plugins (the stand-in
	// provider) notice their parent is gone.
	deadline := time.Now().Add(10 * time.Second)
	for len(s.processes()) > 0 && time.Now().Before(deadline) {
		time.Sleep(200 * time.Millisecond)
	}
	if left := s.processes(); len(left) > 0 {
		t.Errorf("processes of the killed run still run: %v", left)
	}

	s.extraEnv = append(s.extraEnv, "TMPDIR="+tmp)
	start := time.Now()
	again := s.mustRun("deploy")
	settled("the deploy after the kill")
	t.Logf("figures: the deploy after the kill took %s; %s", time.Since(start).Round(time.Second), firstLine(again, "adopting "))
	if !strings.Contains(again, "adopting ") || !strings.Contains(again, "local is deployed") {
		t.Errorf("the deploy after a kill must adopt what the killed run left and complete:\n%s", again)
	}
	replan := s.mustRun("deploy")
	settled("a re-plan")
	if !strings.Contains(replan, "plan: 0 to add, 0 to change, 0 to replace, 0 to destroy") {
		t.Errorf("a re-plan after recovery must be empty:\n%s", replan)
	}
	if !strings.Contains(replan, "nothing changed since the last synth") {
		t.Errorf("a deploy with nothing changed must reuse the last synth, not start the jsii runtime again:\n%s", replan)
	}

	// The latest a kill can strike: everything created, nothing saved but
	// the suffixes (drawn first). The next deploy adopts it all, the
	// nameless attachments (routes, associations, rules, the listener, the
	// flow log) found through what they attach to.
	s.keepOnlySuffixes()
	start = time.Now()
	all := s.mustRun("deploy")
	settled("the deploy that adopted everything")
	t.Logf("figures: the deploy after losing every resource from the state took %s; %s",
		time.Since(start).Round(time.Second), firstLine(all, "adopting "))
	// The adopted, as the deploy lists them: "    <address> ← <arn>" lines
	// after the "adopting" headline, up to the next step.
	adopted, _, _ := strings.Cut(firstBlock(all, "adopting "), "\n==> ")
	for _, want := range []string{"aws_route.", "aws_route_table_association.", "aws_vpc_security_group_ingress_rule.",
		"aws_vpc_security_group_egress_rule.", "aws_lb_listener.", "aws_flow_log.", "aws_cloudwatch_log_group."} {
		if !strings.Contains(adopted, "    "+want) {
			t.Errorf("the deploy after losing the state of everything created must adopt %s…; it adopted:\n%s", want, adopted)
		}
	}
	if !strings.Contains(all, "local is deployed") {
		t.Errorf("the deploy after losing the state of everything created must complete:\n%s", all)
	}
	if replan := s.mustRun("deploy"); !strings.Contains(replan, "plan: 0 to add, 0 to change, 0 to replace, 0 to destroy") {
		t.Errorf("a re-plan after adopting everything must be empty:\n%s", replan)
	}
	settled("a second re-plan")
	if n := len(logs); logs[n-1] > logs[1]+64<<10 {
		t.Errorf("the log of a second no-op deploy is %d bytes, the first's %d: it grows", logs[n-1], logs[1])
	}
	if gone := s.mustRun("destroy"); !strings.Contains(gone, "is left in the account") {
		t.Errorf("destroy after recovery must leave nothing of the copy:\n%s", gone)
	}
	settled("destroy")
	t.Logf("figures: work and out directories after each run: %v bytes (the log: %v)", sizes, logs)
	if left := s.processes(); len(left) > 0 {
		t.Errorf("processes left after destroy: %v", left)
	}
}

// TestBrokenStateIsRefusedBeforeAnything: a state file that does not parse
// is refused and left as it was; the emulator is never asked for anything
// (the endpoint given does not exist).
func TestBrokenStateIsRefusedBeforeAnything(t *testing.T) {
	if testing.Short() {
		t.Skip("synthesizes through make")
	}
	t.Parallel()
	s := newScratch(t, "http://127.0.0.1:9")
	if err := os.MkdirAll(filepath.Dir(s.statePath()), 0o755); err != nil {
		t.Fatal(err)
	}
	broken := []byte(`{"version": 4, "lineage": "a1b2", "resources": [` + "\x00\x00")
	if err := os.WriteFile(s.statePath(), broken, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := s.run("deploy")
	if err == nil || !strings.Contains(out, "is not Terraform state (it does not parse); nothing was changed and it was not overwritten") {
		t.Errorf("deploy over a broken state: %v\n%s", err, out)
	}
	if data, _ := os.ReadFile(s.statePath()); !bytes.Equal(data, broken) {
		t.Error("the broken state was changed")
	}
	out, err = s.run("destroy")
	if err == nil || !strings.Contains(out, "is not Terraform state") {
		t.Errorf("destroy over a broken state: %v\n%s", err, out)
	}
}

// TestStateThatCannotBeWritten: a state directory on a read-only or a full
// file system is refused before Terraform runs. Each case runs make in a
// mount namespace of its own (root and unshare), where the state directory
// is a read-only bind mount or a 256 KiB tmpfs.
func TestStateThatCannotBeWritten(t *testing.T) {
	if testing.Short() {
		t.Skip("synthesizes through make")
	}
	if os.Geteuid() != 0 {
		synthtest.Require(t, errNotRoot)
	}
	if _, err := exec.LookPath("unshare"); err != nil {
		synthtest.Require(t, err)
	}
	t.Parallel()
	for name, mount := range map[string]string{
		"read-only": `mount --bind "$STATE" "$STATE" && mount -o remount,bind,ro "$STATE"`,
		"full":      `mount -t tmpfs -o size=256k tmpfs "$STATE" && head -c 250000 /dev/zero > "$STATE/filler"`,
	} {
		s := newScratch(t, "http://127.0.0.1:9")
		dir := filepath.Join(s.root, s.state, "local")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		cmd := s.command("deploy")
		make := strings.Join(cmd.Args, " ")
		cmd.Path, _ = exec.LookPath("unshare")
		cmd.Args = []string{"unshare", "-m", "--propagation", "private", "sh", "-ec", mount + " && exec " + make}
		cmd.Env = append(cmd.Env, "STATE="+dir)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		if err == nil || !strings.Contains(out.String(), "nothing was changed") ||
			!(strings.Contains(out.String(), "cannot be written") || strings.Contains(out.String(), "has no room for the state")) {
			t.Errorf("%s: deploy over a state directory that cannot take state: %v\n%s", name, err, out.String())
		}
	}
}

// TestErroredStateIsKeptAndExplained: when Terraform could not save state
// after changing things it writes errored.tfstate where it runs; that file
// is moved next to the state (out of reach of make clean) and the way to
// restore it is said.
func TestErroredStateIsKeptAndExplained(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := &runner{env: "local", outdir: filepath.Join(dir, "out"), stateDir: filepath.Join(dir, "state")}
	if err := os.MkdirAll(r.stackDir(), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(r.stackDir(), "errored.tfstate"), []byte(`{"version": 4}`), 0o600); err != nil {
		t.Fatal(err)
	}
	// The stack directory links its state into the state directory, as synth makes it.
	stateDir := filepath.Join(r.stateDir, "local")
	if err := os.MkdirAll(stateDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(stateDir, "terraform.tfstate"), filepath.Join(r.stackDir(), "terraform.tfstate")); err != nil {
		t.Fatal(err)
	}
	env := config.Environment{ID: "local", Config: config.Config{Backend: config.Backend{Type: config.BackendLocal}}}
	msg := r.keepErroredState(env)
	kept, _ := filepath.Glob(filepath.Join(stateDir, "errored-*.tfstate"))
	if len(kept) != 1 || !strings.Contains(msg, "terraform state push "+kept[0]) {
		t.Errorf("errored state kept as %v; message %q", kept, msg)
	}
	if _, err := os.Stat(filepath.Join(r.stackDir(), "errored.tfstate")); err == nil {
		t.Error("errored.tfstate is still in the stack directory, which make clean removes")
	}
}

// firstLine is the first line of out that contains want ("" when none).
func firstLine(out, want string) string {
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, want) {
			return strings.TrimSpace(l)
		}
	}
	return ""
}

// TestEmulatorDyingMidApply: the emulator stops (SIGKILL) in the middle of
// an apply; the deploy fails naming the emulator, and the state holds what
// Terraform had saved, readable.
func TestEmulatorDyingMidApply(t *testing.T) {
	srv := ownEmulator(t)
	s := newScratch(t, srv.URL)
	_, out, done := s.startUntil("deploy", "] created aws_", 3)
	if err := syscall.Kill(-srv.PID, syscall.SIGKILL); err != nil {
		syscall.Kill(srv.PID, syscall.SIGKILL)
	}
	if err := <-done; err == nil {
		t.Fatalf("a deploy whose emulator died must fail:\n%s", out)
	}
	if !strings.Contains(out.String(), "the emulator at "+srv.URL+" stopped answering during the run. The state (") {
		t.Errorf("the failure must name the emulator:\n%s", out)
	}
	var st struct {
		Version int `json:"version"`
	}
	if data, err := os.ReadFile(s.statePath()); err != nil || json.Unmarshal(data, &st) != nil || st.Version != 4 {
		t.Errorf("the state must stay readable: %v", err)
	}
}

// ownEmulator starts an emulator for t alone (t runs in parallel) and stops
// it after t.
func ownEmulator(t *testing.T) *emulator.Server {
	t.Helper()
	synthtest.NeedsEmulator(t)
	t.Parallel()
	srv, err := emulator.Start(t.Context(), emulator.Options{LogPath: filepath.Join(t.TempDir(), "moto.log")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Stop() })
	return srv
}

// pauseApply waits until a terraform apply started by a run of make (pid)
// holds the state lock of local, and stops it (SIGSTOP) with the lock held,
// as a long apply holds it. It returns what resumes it (SIGCONT), which also
// runs after the test. terraform-exec gives Terraform a process group of
// its own, so it is found by descent.
func (s *scratch) pauseApply(pid int) (resume func()) {
	s.t.Helper()
	// Terraform records the holder beside the state path it was given: the
	// link in the stack's directory, not the file it points at.
	lockInfo := filepath.Join(s.root, s.out, "stacks", "local", ".terraform.tfstate.lock.info")
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if _, err := os.Stat(lockInfo); err == nil {
			if apply := descendant(pid, "terraform", "apply"); apply > 0 && syscall.Kill(apply, syscall.SIGSTOP) == nil {
				var once sync.Once
				resume = func() { once.Do(func() { syscall.Kill(apply, syscall.SIGCONT) }) }
				s.t.Cleanup(resume)
				if _, err := os.Stat(lockInfo); err != nil {
					s.t.Fatal("the apply released the state lock before it could be paused")
				}
				return resume
			}
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("no terraform apply started by make (pid %d) held the state lock (%s) within 2 minutes", pid, lockInfo)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// descendant is a live process below pid named name whose arguments
// include arg, or 0.
func descendant(pid int, name, arg string) int {
	parent, match := map[int]int{}, map[int]bool{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid …; comm may hold spaces and parentheses.
		open, end := bytes.IndexByte(stat, '('), bytes.LastIndexByte(stat, ')')
		if open < 0 || end+2 >= len(stat) {
			continue
		}
		fields := strings.Fields(string(stat[end+2:]))
		if len(fields) < 2 {
			continue
		}
		parent[p], _ = strconv.Atoi(fields[1])
		cmdline, _ := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		args := strings.Split(string(cmdline), "\x00")
		match[p] = string(stat[open+1:end]) == name && fields[0] != "Z" && slices.Contains(args, arg)
	}
	for p, ok := range match {
		for q := p; ok && q > 1; q = parent[q] {
			if parent[q] == pid {
				return p
			}
		}
	}
	return 0
}

// processes lists the processes running in s's directories (by their
// working directory): what a run of ours left running.
func (s *scratch) processes() []string {
	base, _ := filepath.Abs(filepath.Join(s.root, filepath.Dir(s.work)))
	entries, _ := os.ReadDir("/proc")
	var out []string
	for _, e := range entries {
		cwd, err := os.Readlink(filepath.Join("/proc", e.Name(), "cwd"))
		if err != nil || !strings.HasPrefix(cwd, base) {
			continue
		}
		cmdline, _ := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		out = append(out, e.Name()+" "+strings.ReplaceAll(string(cmdline), "\x00", " "))
	}
	return out
}
