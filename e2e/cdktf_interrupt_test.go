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
// the state holds what was created. `make deploy ENV=<name>` (the same
// stack directory and state) then completes, and `make destroy` leaves
// nothing of the copy in the emulator.
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

	// Recovery is the next make deploy (the same stack directory and state):
	// it completes, adopting whatever the interrupted run created but did
	// not save (an apply's create that Ctrl-C cancelled after AWS made the
	// resource: a KMS key did that in one CI run), and make destroy then
	// finds nothing of the copy left in the emulator (it fails on anything
	// with the copy's suffix that no state knows).
	redeploy := shell(`make -s deploy ENV=` + id)
	b, err := redeploy.CombinedOutput()
	if err != nil || !strings.Contains(string(b), id+" is deployed") {
		t.Fatalf("make deploy after the interrupted deploy must complete: %v\n%s", err, b)
	}
	if _, adopted, ok := strings.Cut(string(b), "adopting "); ok {
		n, _, _ := strings.Cut(adopted, " ")
		t.Logf("figures: make deploy adopted %s resource(s) the interrupted run created but did not save", n)
	} else {
		t.Logf("figures: make deploy adopted nothing: the interrupted run saved all it created")
	}
	cmd := shell(`make -s destroy ENV=` + id + `; make -s emulator-stop`)
	b, err = cmd.CombinedOutput()
	gone := string(b)
	if err != nil || !strings.Contains(gone, id+" is destroyed") || !strings.Contains(gone, "is left in the account") {
		t.Errorf("make destroy after the recovery must destroy the copy and find nothing of it left: %v\n%s", err, gone)
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
