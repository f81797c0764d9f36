package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The README is the contract: TestReadmeCdktf and TestReadmeMake run the
// command lines of its shell blocks, as written, the way a newcomer does — in a fresh copy of the
// repository at a path with a space in it, from its root, with none of the
// caller's WEBSTACK_*, CDKTF_*, TF_* or AWS_* settings. Each line is found by
// what it is for (a pattern below) and run as the README spells it, so an
// edit to the README changes what runs; a line that neither list below
// accounts for fails TestReadmeCommands, naming it.

// readmeNotRun are the README's command lines this test does not run, and why.
var readmeNotRun = []struct{ find, why string }{
	{`^make test$`, "CI runs it (.ci/run calls it, checked by TestCIRunsTheReadmeTestCommand); this test is part of it"},
	{`^make unit$`, "the -short subset of make test, which CI runs"},
	{`^make fuzz$`, "runs for FUZZTIME by design; the fuzz target's seed corpus runs in make test"},
	{`^make bench$`, "benchmarks measure time, not behaviour; go vet in make test compiles them"},
	{`^AWS_PROFILE=\S+ npx cdktf deploy `, "deploys to real AWS: needs an account"},
	{`^make review PLAN=1$`, "the same synth of every variant as make review, which this test runs; with no change it " +
		"plans nothing, and cmd/webstack's TestReviewPlanMode runs the plan itself"},
	{`^make review FORMAT=markdown$`, "the same synth as make review, rendered as markdown: TestReviewGolden pins that rendering"},
	{`^make snapshots$`, "rewrites the goldens from a synth of every variant: TestSnapshots (make test) makes that synth " +
		"at this checkout's path and compares it with them, byte for byte"},
	{`^cd hcl/dev && terraform init`, "plans dev, which targets real AWS (an account, and what cdktf deployed there); " +
		"e2e plans the local stack's HCL over its deployed state instead"},
}

// readmeStep is one README line to run, found by pattern, and what its
// output and the clone must show afterwards.
type readmeStep struct {
	find  string
	check func(t *testing.T, c *readmeClone, out string)
}

// readmeSession is one newcomer path: the README lines it runs, in order.
type readmeSession struct {
	// id names the session's test (TestReadme<Id>); it is short because
	// the test's name is in the session's TMPDIR, where Terraform's
	// providers open their unix sockets (a path of at most 107 bytes: a
	// longer one fails the plugin handshake).
	id, name string
	steps    []readmeStep
}

// readmeSessions are the newcomer paths, each a shell of its own in a fresh
// clone of its own, run at the same time: a newcomer may take either path
// first (the make path needs no npm ci), and neither waits for the other.
var readmeSessions = []readmeSession{
	{"cdktf", "the cdktf CLI against the emulator", []readmeStep{
		{`^npm ci$`, nil},
		{`^eval "\$\(make -s emulator\)"$`, func(t *testing.T, c *readmeClone, _ string) {
			if c.exported("AWS_ENDPOINT_URL") == "" || c.exported("TF_CLI_CONFIG_FILE") == "" {
				t.Error("eval \"$(make -s emulator)\" exported no emulator endpoint or CLI configuration")
			}
		}},
		{`^npx cdktf deploy local\b`, func(t *testing.T, _ *readmeClone, out string) {
			wantIn(t, out, "webstack-local-web-", "Apply complete!")
		}},
		{`^npx cdktf diff local\b`, func(t *testing.T, _ *readmeClone, out string) { wantIn(t, out, "No changes.") }},
		{`^npx cdktf destroy local\b`, func(t *testing.T, c *readmeClone, out string) {
			wantIn(t, out, "Destroy complete!")
			c.nothingCachedOutside(t)
		}},
		{`^make emulator-stop$`, func(t *testing.T, c *readmeClone, _ string) { c.nothingRunning(t) }},
	}},
	{"make", "make deploy, synth, clean, hcl and destroy", []readmeStep{
		{`^make deploy$`, func(t *testing.T, c *readmeClone, out string) {
			wantIn(t, out, "starting moto_server", "local is deployed; outputs:", "alb_dns_name = ",
				"state: state/local/terraform.tfstate", ".webstack/local/terraform.log", "make destroy ENV=local")
			c.relativePaths(t, out)
			c.stateHolds(t, "aws_lb")
		}},
		{`^make synth$`, func(t *testing.T, c *readmeClone, _ string) {
			c.exists(t, "cdktf.out/stacks/local/cdk.tf.json", "cdktf.out/stacks/dev/cdk.tf.json")
		}},
		{`^make clean$`, func(t *testing.T, c *readmeClone, _ string) {
			if _, err := os.Stat(filepath.Join(c.root, "cdktf.out")); !os.IsNotExist(err) {
				t.Errorf("make clean left cdktf.out (%v)", err)
			}
			c.stateHolds(t, "aws_lb")
		}},
		{`^make synth$`, nil},
		{`^make hcl$`, func(t *testing.T, c *readmeClone, out string) {
			c.exists(t, "hcl/local/main.tf", "hcl/local/terraform.tfstate")
			c.relativePaths(t, out)
		}},
		{`^make destroy$`, func(t *testing.T, c *readmeClone, out string) {
			wantIn(t, out, "] destroyed aws_lb.webtier_alb_", "local is destroyed")
			c.relativePaths(t, out)
			c.nothingRunning(t)
		}},
		{`^make rules$`, func(t *testing.T, _ *readmeClone, out string) { wantIn(t, out, "CKV_AWS_", "ELB.") }},
		{`^make review$`, func(t *testing.T, _ *readmeClone, out string) {
			wantIn(t, out, "0 of ", "local: unchanged", "dev: unchanged")
		}},
	}},
}

// TestReadmeCommands checks that each of the README's command lines is run
// by a session below or listed, with the reason, as not run; it runs in
// -short too.
func TestReadmeCommands(t *testing.T) {
	accountFor(t, readmeCommandLines(t))
}

// Each session is a top-level test of its own, declared before the synth
// tests (synth_test.go), so make test starts both first: they are this
// package's longest chain. As subtests of one test they queued behind every
// other parallel test of the package, about 3 minutes under make test's load.
func TestReadmeCdktf(t *testing.T) { runReadmeSession(t, "cdktf") }
func TestReadmeMake(t *testing.T)  { runReadmeSession(t, "make") }

// runReadmeSession runs the session id's README lines in a fresh clone.
func runReadmeSession(t *testing.T, id string) {
	i := slices.IndexFunc(readmeSessions, func(s readmeSession) bool { return s.id == id })
	if i < 0 {
		t.Fatalf("no README session %q", id)
	}
	s := readmeSessions[i]
	if testing.Short() {
		t.Skip("deploys: TestReadmeCommands checks the table in -short")
	}
	plan := accountFor(t, readmeCommandLines(t))
	if t.Failed() {
		return
	}
	for _, tool := range []string{"terraform", "moto_server", "npm", "git"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("CI=true and %s is not installed", tool)
			}
			t.Skipf("skipping: %s is not installed (the README's commands need it)", tool)
		}
	}
	t.Parallel()
	c := newReadmeClone(t)
	c.envFile = filepath.Join(t.TempDir(), "exports")
	for j, st := range s.steps {
		line := plan[i][j]
		out, err := c.run(t, line)
		if err != nil {
			t.Fatalf("%s: the README's command\n\t%s\nfailed: %v\n%s", s.name, line, err, out)
		}
		if st.check != nil {
			st.check(t, c, out)
			if t.Failed() {
				t.Fatalf("%s: after the README's command\n\t%s\nits output:\n%s", s.name, line, out)
			}
		}
	}
}

// readmeCommandLines are the command lines of README.md's shell blocks,
// comments dropped, each once.
func readmeCommandLines(t *testing.T) []string {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	inShell := false
	for _, l := range strings.Split(string(data), "\n") {
		switch fence := strings.TrimSpace(l); {
		case strings.HasPrefix(fence, "```"):
			inShell = !inShell && slices.Contains([]string{"sh", "bash", "shell"}, strings.TrimPrefix(fence, "```"))
		case inShell:
			if cmd := dropComment(l); cmd != "" && !slices.Contains(lines, cmd) {
				lines = append(lines, cmd)
			}
		}
	}
	if len(lines) == 0 {
		t.Fatal("README.md has no shell blocks")
	}
	return lines
}

// dropComment returns a shell line without its comment: a # that starts a
// word outside quotes.
func dropComment(line string) string {
	var quote rune
	prev := ' '
	for i, r := range line {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '\'' || r == '"':
			quote = r
		case r == '#' && (prev == ' ' || prev == '\t'):
			return strings.TrimSpace(line[:i])
		}
		prev = r
	}
	return strings.TrimSpace(line)
}

// accountFor finds the README line of every step, and checks that every
// README line is either run or listed as not run: returned as plan[session][step].
func accountFor(t *testing.T, lines []string) [][]string {
	t.Helper()
	find := func(pattern string) []string {
		re := regexp.MustCompile(pattern)
		var hits []string
		for _, l := range lines {
			if re.MatchString(l) {
				hits = append(hits, l)
			}
		}
		return hits
	}
	accounted := map[string]bool{}
	for _, n := range readmeNotRun {
		for _, l := range find(n.find) {
			accounted[l] = true
		}
	}
	plan := make([][]string, len(readmeSessions))
	for i, s := range readmeSessions {
		for _, st := range s.steps {
			hits := find(st.find)
			switch len(hits) {
			case 1:
				plan[i] = append(plan[i], hits[0])
				accounted[hits[0]] = true
			case 0:
				t.Errorf("no command in the README's shell blocks matches %q (%s): the README lost a newcomer's "+
					"command, or it changed beyond recognition; update readmeSessions", st.find, s.name)
			default:
				t.Errorf("%q matches several README commands: %q", st.find, hits)
			}
		}
	}
	for _, l := range lines {
		if !accounted[l] {
			t.Errorf("the README's command\n\t%s\nis neither run by this test (readmeSessions) nor listed, "+
				"with the reason, as not runnable here (readmeNotRun)", l)
		}
	}
	return plan
}

func TestReadmeCommentsAreDropped(t *testing.T) {
	for in, want := range map[string]string{
		`make deploy  # synthesize`:                       "make deploy",
		`eval "$(make -s emulator)"      # starts (or …)`: `eval "$(make -s emulator)"`,
		`echo "a # b" 'c # d' # e`:                        `echo "a # b" 'c # d'`,
		`# only a comment`:                                "",
		`x=a#b`:                                           "x=a#b",
	} {
		if got := dropComment(in); got != want {
			t.Errorf("dropComment(%q) = %q; want %q", in, got, want)
		}
	}
}

// TestCIRunsTheReadmeTestCommand: .ci/run runs the README's test command.
func TestCIRunsTheReadmeTestCommand(t *testing.T) {
	lines := readmeCommandLines(t)
	if !slices.Contains(lines, "make test") {
		t.Fatal("the README's shell blocks no longer give `make test`")
	}
	ci, err := os.ReadFile(".ci/run")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^make test$`).Match(ci) {
		t.Error(".ci/run does not run `make test`, the README's test command")
	}
}

// readmeClone is a copy of the repository's files (tracked, and untracked
// ones git does not ignore: what the commit will hold) as they are in the
// working tree, committed in a repository of its own.
type readmeClone struct {
	root    string
	env     []string
	envFile string // the current shell's exports, carried from line to line
}

func newReadmeClone(t *testing.T) *readmeClone {
	t.Helper()
	c := &readmeClone{root: filepath.Join(t.TempDir(), "web stack")}
	src, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	for _, f := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		fi, err := os.Lstat(filepath.Join(src, f))
		if os.IsNotExist(err) || (err == nil && fi.IsDir()) { // deleted in the working tree; a submodule
			continue
		} else if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(c.root, f)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if fi.Mode()&os.ModeSymlink != 0 {
			to, _ := os.Readlink(filepath.Join(src, f))
			err = os.Symlink(to, dst)
		} else {
			var data []byte
			if data, err = os.ReadFile(filepath.Join(src, f)); err == nil {
				err = os.WriteFile(dst, data, fi.Mode().Perm())
			}
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		// Also what make (running this test) and the Makefile set: a user's
		// shell has none of it, and a MAKELEVEL makes make name directories.
		if !hasAnyPrefix(k, "WEBSTACK_", "CDKTF_", "TF_", "AWS_", "MAKE", "MFLAGS") && k != "CI" &&
			k != "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION" && k != "CHECKPOINT_DISABLE" && k != "TMPDIR" {
			c.env = append(c.env, kv)
		}
	}
	// The cdktf CLI leaves an empty cdktf.outdir.* in the temporary directory
	// on every run: give it one that goes with the test.
	c.env = append(c.env, "TMPDIR="+t.TempDir())
	c.git(t, "init", "-q", "-b", "main")
	c.git(t, "add", "-A")
	c.git(t, "-c", "user.name=readme test", "-c", "user.email=readme@test.invalid", "commit", "-q", "-m", "clone")
	t.Cleanup(func() { c.cleanUp(t) })
	return c
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// run runs one README line in the clone's root with bash, in the current
// shell's environment, and keeps what it exports for the next line.
func (c *readmeClone) run(t *testing.T, line string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Minute)
	defer cancel()
	script := "[ -f \"$README_EXPORTS\" ] && . \"$README_EXPORTS\"\nset -eo pipefail\n" + line +
		"\nexport -p | grep -v ' README_EXPORTS=' > \"$README_EXPORTS\"\n"
	cmd := exec.CommandContext(ctx, "bash", "-c", script)
	cmd.Dir = c.root
	cmd.Env = append(slices.Clone(c.env), "README_EXPORTS="+c.envFile)
	cmd.Stdin = nil
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	t.Logf("%-40s %5.1fs", line, time.Since(start).Seconds())
	return out.String(), err
}

// exported is the value the current shell exported for key.
func (c *readmeClone) exported(key string) string {
	data, _ := os.ReadFile(c.envFile)
	m := regexp.MustCompile(`(?m)^declare -x ` + regexp.QuoteMeta(key) + `="(.*)"$`).FindSubmatch(data)
	if m == nil {
		return ""
	}
	return string(m[1])
}

// relativePaths checks that out names no path by its absolute form: what a
// command says is where to look, relative to the repository.
func (c *readmeClone) relativePaths(t *testing.T, out string) {
	t.Helper()
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, c.root) {
			t.Errorf("an absolute path where a relative one would do: %s", l)
		}
	}
}

func (c *readmeClone) git(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = c.root
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

func (c *readmeClone) exists(t *testing.T, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if _, err := os.Stat(filepath.Join(c.root, p)); err != nil {
			t.Errorf("%s is missing: %v", p, err)
		}
	}
}

// stateHolds checks that the local stack's state (in state/, where the
// README says it is) records a resource of type.
func (c *readmeClone) stateHolds(t *testing.T, typ string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(c.root, "state", "local", "terraform.tfstate"))
	if err != nil || !bytes.Contains(data, []byte(`"type": "`+typ+`"`)) {
		t.Errorf("state/local/terraform.tfstate holds no %s (%v)", typ, err)
	}
}

// nothingCachedOutside checks that Terraform's plugin cache in the home
// directory (where the cdktf CLI points it by default) holds no link into
// the clone: such a link would serve the clone's stand-in provider to every
// other checkout and dangle once the clone is gone.
func (c *readmeClone) nothingCachedOutside(t *testing.T) {
	t.Helper()
	home, err := os.UserHomeDir()
	if err != nil {
		return
	}
	filepath.WalkDir(filepath.Join(home, ".terraform.d", "plugin-cache"), func(path string, d os.DirEntry, err error) error {
		if err == nil && d.Type()&os.ModeSymlink != 0 {
			if to, _ := os.Readlink(path); strings.HasPrefix(to, c.root) {
				t.Errorf("the shared plugin cache links into the clone: %s -> %s", path, to)
			}
		}
		return nil
	})
}

// ours lists the processes whose working directory or command line is in
// the clone: what a README command started and left behind.
func (c *readmeClone) ours() map[int]string {
	found := map[int]string{}
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	for _, d := range dirs {
		pid, _ := strconv.Atoi(filepath.Base(d))
		if pid == os.Getpid() {
			continue
		}
		cwd, _ := os.Readlink(filepath.Join(d, "cwd"))
		cmdline, _ := os.ReadFile(filepath.Join(d, "cmdline"))
		cmd := strings.ReplaceAll(string(cmdline), "\x00", " ")
		if cwd == c.root || strings.HasPrefix(cwd, c.root+"/") || strings.Contains(cmd, c.root) {
			found[pid] = strings.TrimSpace(cmd)
		}
	}
	return found
}

func (c *readmeClone) nothingRunning(t *testing.T) {
	t.Helper()
	// A process that just exited may still be on its way out.
	for i := 0; i < 50 && len(c.ours()) > 0; i++ {
		time.Sleep(100 * time.Millisecond)
	}
	for pid, cmd := range c.ours() {
		t.Errorf("left running: pid %d: %s", pid, cmd)
	}
}

// cleanUp stops whatever a failed run left: the emulators by their records,
// then any process still working in the clone, by its PID.
func (c *readmeClone) cleanUp(t *testing.T) {
	for _, record := range []string{".webstack/local/emulator.json", ".webstack/emulator/emulator.json"} {
		data, err := os.ReadFile(filepath.Join(c.root, record))
		if err != nil {
			continue
		}
		if m := regexp.MustCompile(`"pid": (\d+)`).FindSubmatch(data); m != nil {
			pid, _ := strconv.Atoi(string(m[1]))
			if pid > 0 {
				_ = syscall.Kill(-pid, syscall.SIGKILL)
			}
		}
	}
	for pid, cmd := range c.ours() {
		t.Logf("stopping pid %d, left by a failed step: %s", pid, cmd)
		_ = syscall.Kill(pid, syscall.SIGKILL)
	}
}

// wantIn checks that out holds every string of want.
func wantIn(t *testing.T, out string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("the output lacks %q", w)
		}
	}
}
