package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/platform-team/webstack/internal/emulator"
)

// TestCdktfCLIAgainstTheEmulator is the README's line for the cdktf CLI, run
// as a user runs it: `eval "$(make -s emulator)"`, then the real `npx cdktf`
// deploys two stacks at once, diffs each (no changes), and destroys them;
// `make emulator-stop` leaves nothing running. Everything it writes (out
// dir, state, emulator record) goes to temp directories.
func TestCdktfCLIAgainstTheEmulator(t *testing.T) {
	t.Parallel()
	needCdktfCLI(t)
	envDir, out, state, work := t.TempDir(), t.TempDir(), t.TempDir(), t.TempDir()
	cliTmp := t.TempDir() // the CLI leaves an empty cdktf.outdir.* per run
	for _, id := range []string{"cli-a", "cli-b"} {
		body := localConfig(t, `"environment": "`+id+`"`)
		if err := os.WriteFile(filepath.Join(envDir, id+".json"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	record := filepath.Join(work, "emulator", "emulator.json")
	t.Cleanup(func() {
		if s := emulator.Load(context.Background(), record); s != nil {
			t.Errorf("make emulator-stop left the emulator (pid %d) running; stopping it", s.PID)
			s.Stop()
		}
	})
	run := func(script string) string {
		t.Helper()
		cmd := exec.CommandContext(ctxFor(t), "bash", "-c", "set -euo pipefail\n"+script)
		cmd.Dir = ".."
		cmd.Env = append(cleanEnv(), "TMPDIR="+cliTmp, "WEBSTACK_ENV_DIR="+envDir, "WEBSTACK_STATE_DIR="+state,
			"WEBSTACK_WORK_DIR="+work, "OUT="+out, "FORCE_COLOR=0", "NO_COLOR=1")
		b, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s\nfailed: %v\n%s", script, err, b)
		}
		return string(b)
	}

	got := run(`eval "$(make -s emulator)"
npx cdktf deploy cli-a cli-b --auto-approve --parallelism 2 --output "$OUT"
echo "=== diff cli-a"
npx cdktf diff cli-a --output "$OUT"
echo "=== diff cli-b"
npx cdktf diff cli-b --output "$OUT"
echo "=== destroy"
npx cdktf destroy cli-a cli-b --auto-approve --parallelism 2 --output "$OUT"`)
	deploy, rest, _ := strings.Cut(got, "=== diff cli-a")
	diffA, rest, _ := strings.Cut(rest, "=== diff cli-b")
	diffB, destroy, _ := strings.Cut(rest, "=== destroy")
	for _, id := range []string{"cli-a", "cli-b"} {
		if !strings.Contains(deploy, "webstack-"+id+"-web-") {
			t.Errorf("deploy output names no load balancer of %s", id)
		}
	}
	for name, diff := range map[string]string{"cli-a": diffA, "cli-b": diffB} {
		if !strings.Contains(diff, "No changes.") {
			t.Errorf("cdktf diff %s right after the deploy is not clean:\n%s", name, diff)
		}
	}
	if n := strings.Count(destroy, "Destroy complete!"); n != 2 {
		t.Errorf("destroy reported %d completed stacks; want 2:\n%s", n, destroy)
	}
	for _, noise := range []string{"end-of-life", "providers lock"} {
		if strings.Contains(got, noise) {
			t.Errorf("the cdktf CLI's output mentions %q", noise)
		}
	}

	// The state stayed out of the build output through plans and applies.
	for _, id := range []string{"cli-a", "cli-b"} {
		fi, err := os.Lstat(filepath.Join(out, "stacks", id, "terraform.tfstate"))
		if err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("%s: the stack directory's state is not a link to the state directory (%v)", id, err)
		}
		if st, err := os.Stat(filepath.Join(state, id, "terraform.tfstate")); err != nil || st.Size() == 0 {
			t.Errorf("%s: no state in the state directory after deploy and destroy (%v)", id, err)
		}
	}

	s := emulator.Load(context.Background(), record)
	if s == nil {
		t.Fatal("make emulator left no running emulator on record")
	}
	run(`make -s emulator-stop`)
	if s.Alive() {
		t.Errorf("make emulator-stop left moto_server (pid %d) running", s.PID)
	}
}

// cleanEnv is this process's environment without anything that would point
// the run at another emulator, state or provider setup.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(k, "TF_VAR_"), strings.HasPrefix(k, "WEBSTACK_"), strings.HasPrefix(k, "AWS_"),
			k == "TF_CLI_CONFIG_FILE", k == "CDKTF_OUTDIR":
			continue
		}
		env = append(env, kv)
	}
	return env
}
