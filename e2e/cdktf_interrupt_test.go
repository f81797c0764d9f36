package e2e

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/platform-team/webstack/internal/emulator"
)

// TestCdktfDeployInterrupted is Ctrl-C in the middle of `npx cdktf deploy`
// against the emulator (`eval "$(make -s emulator)"`), as a terminal sends
// it: SIGINT to the whole foreground process group. Terraform finishes what
// it started and saves the state; the CLI itself exits with an error at once,
// and the Terraform it started ends by itself once it has saved the state;
// the state holds what was created. The documented
// recovery, `make deploy ENV=<name>` (the same stack directory and state),
// completes without destroying anything, and `make destroy` leaves nothing
// of the copy in the emulator.
func TestCdktfDeployInterrupted(t *testing.T) {
	t.Parallel()
	needCdktfCLI(t)
	const id = "cli-int"
	envDir, out, state, work := t.TempDir(), t.TempDir(), t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(envDir, id+".json"), []byte(localConfig(t, `"environment": "`+id+`"`)), 0o644); err != nil {
		t.Fatal(err)
	}
	record := filepath.Join(work, "emulator", "emulator.json")
	t.Cleanup(func() {
		if s := emulator.Load(context.Background(), record); s != nil {
			s.Stop()
		}
	})
	env := append(cleanEnv(), "TMPDIR="+t.TempDir(), "WEBSTACK_ENV_DIR="+envDir, "WEBSTACK_STATE_DIR="+state,
		"WEBSTACK_WORK_DIR="+work, "CDKTF_OUTDIR="+out, "OUT="+out, "FORCE_COLOR=0", "NO_COLOR=1")
	shell := func(script string) *exec.Cmd {
		cmd := exec.Command("bash", "-c", "set -euo pipefail\neval \"$(make -s emulator)\"\n"+script)
		cmd.Dir, cmd.Env = "..", env
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // a terminal's foreground job
		return cmd
	}

	// Deploy, and interrupt it a few resources into the apply.
	deploy := shell(`exec npx cdktf deploy ` + id + ` --auto-approve --output "$OUT"`)
	var output bytes.Buffer
	var mu sync.Mutex
	pr, pw := io.Pipe()
	deploy.Stdout, deploy.Stderr = pw, pw
	created := make(chan struct{})
	go func() {
		n := 0
		lines := bufio.NewScanner(pr)
		for lines.Scan() {
			mu.Lock()
			output.WriteString(lines.Text() + "\n")
			mu.Unlock()
			if strings.Contains(lines.Text(), "Creation complete after") {
				if n++; n == 6 {
					close(created)
				}
			}
		}
	}()
	if err := deploy.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { err := deploy.Wait(); pw.Close(); done <- err }()
	text := func() string { mu.Lock(); defer mu.Unlock(); return output.String() }
	select {
	case <-created:
	case err := <-done:
		t.Fatalf("npx cdktf deploy ended before 6 resources were created: %v\n%s", err, text())
	case <-time.After(10 * time.Minute):
		syscall.Kill(-deploy.Process.Pid, syscall.SIGKILL)
		t.Fatalf("npx cdktf deploy created no 6 resources in 10 minutes:\n%s", text())
	}
	interrupted := time.Now()
	if err := syscall.Kill(-deploy.Process.Pid, syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err == nil {
			t.Errorf("an interrupted npx cdktf deploy exited 0:\n%s", text())
		}
	case <-time.After(5 * time.Minute):
		syscall.Kill(-deploy.Process.Pid, syscall.SIGKILL)
		t.Fatalf("npx cdktf deploy did not stop within 5 minutes of Ctrl-C:\n%s", text())
	}
	t.Logf("figures: npx cdktf deploy returned %s after Ctrl-C", time.Since(interrupted).Round(100*time.Millisecond))
	// The CLI returns at once, while the Terraform it started finishes the
	// operations in flight and saves the state (and holds the state lock
	// until then): the README says to let it. It must end by itself.
	var lingered []string
	for {
		pids, _ := exec.Command("pgrep", "-g", strconv.Itoa(deploy.Process.Pid)).Output()
		if len(bytes.TrimSpace(pids)) == 0 {
			break
		}
		if lingered == nil {
			for _, pid := range strings.Fields(string(pids)) {
				comm, _ := os.ReadFile("/proc/" + pid + "/comm")
				lingered = append(lingered, strings.TrimSpace(string(comm)))
			}
		}
		if time.Since(interrupted) > 5*time.Minute {
			syscall.Kill(-deploy.Process.Pid, syscall.SIGKILL)
			t.Fatalf("processes of the interrupted deploy (%v) still ran 5 minutes after Ctrl-C", lingered)
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("figures: after the CLI returned, %v ran on; the last ended %s after Ctrl-C", lingered,
		time.Since(interrupted).Round(100*time.Millisecond))
	for _, name := range lingered {
		if name != "terraform" && !strings.HasPrefix(name, "terraform-prov") {
			t.Errorf("%s outlived the interrupted npx cdktf deploy: only Terraform and its providers, finishing, may", name)
		}
	}
	var st struct {
		Resources []json.RawMessage `json:"resources"`
	}
	data, err := os.ReadFile(filepath.Join(state, id, "terraform.tfstate"))
	if err != nil || json.Unmarshal(data, &st) != nil || len(st.Resources) < 6 {
		t.Fatalf("the interrupted deploy's state must hold what it created (6 or more): %v, %d resources\n%s", err, len(st.Resources), text())
	}
	t.Logf("figures: the saved state holds %d resources", len(st.Resources))

	// The documented recovery: make deploy of the same environment.
	run := func(script string) string {
		t.Helper()
		cmd := shell(script)
		b, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s\nfailed: %v\n%s", script, err, b)
		}
		return string(b)
	}
	start := time.Now()
	again := run(`make -s deploy ENV=` + id)
	t.Logf("figures: make deploy after the interrupted npx cdktf deploy took %s; %s", time.Since(start).Round(time.Second),
		firstMatch(again, "adopting "))
	if !strings.Contains(again, id+" is deployed") ||
		!regexp.MustCompile(`==> plan: \d+ to add, \d+ to change, \d+ to replace, 0 to destroy`).MatchString(again) {
		t.Errorf("make deploy after an interrupted npx cdktf deploy must complete, destroying nothing:\n%s", again)
	}
	gone := run(`make -s destroy ENV=` + id + `; make -s emulator-stop`)
	if !strings.Contains(gone, id+" is destroyed") || !strings.Contains(gone, "is left in the account") {
		t.Errorf("make destroy must destroy the copy and find nothing of it left:\n%s", gone)
	}
}

// needCdktfCLI skips (fails under CI=true) without Terraform, moto or the
// cdktf CLI (npm ci).
func needCdktfCLI(t *testing.T) {
	t.Helper()
	terraform(t)
	if _, err := exec.LookPath("moto_server"); err != nil {
		require(t, emulator.ErrNoMoto)
	}
	if _, err := os.Stat("../node_modules/.bin/cdktf"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true and the cdktf CLI is not installed (npm ci)")
		}
		t.Skip("skipping: the cdktf CLI is not installed; run npm ci")
	}
}

// firstMatch is the first line of out holding want ("" when none).
func firstMatch(out, want string) string {
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, want) {
			return strings.TrimSpace(l)
		}
	}
	return ""
}
