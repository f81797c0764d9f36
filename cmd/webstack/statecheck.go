package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/platform-team/webstack/internal/tfharness"
	"github.com/platform-team/webstack/stacks/config"
)

// statePath is where a local backend's state is: in the state directory,
// which synth links the stack directory to.
func (r *runner) statePath(env config.Environment) string {
	return filepath.Join(r.stateDir, r.env, env.Config.Backend.StatePath())
}

// preflight reads the environment file alone (no synth, no jsii) and checks
// its state as checkState does, so a run that cannot keep state is refused
// in a second, before anything. A file with problems is left to synth, which
// reports them all.
func (r *runner) preflight() error {
	envs, err := config.LoadFiles([]string{filepath.Join(r.envDir, r.env+".json")})
	if err != nil || len(envs) != 1 {
		return nil
	}
	return r.checkState(envs[0])
}

// checkState refuses, before Terraform touches anything, a local state that
// cannot be read, or a state directory that cannot take a new state: a
// state file that does not parse is never overwritten, and an apply that
// could not save what it created is not started.
func (r *runner) checkState(env config.Environment) error {
	if env.Config.Backend.Type != config.BackendLocal {
		return nil
	}
	path := r.statePath(env)
	show := tfharness.Display(path)
	if locked(path) {
		return nil // another run writes it now: Terraform's state lock refuses this one, saying who
	}
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return fmt.Errorf("the state file %s cannot be read (%v); nothing was changed. Fix its permissions and run again", show, err)
	case len(data) > 0:
		var st struct {
			Version *int   `json:"version"`
			Lineage string `json:"lineage"`
		}
		if json.Unmarshal(data, &st) != nil || st.Version == nil || st.Lineage == "" {
			return fmt.Errorf("the state file %s is not Terraform state (it does not parse); nothing was changed and it "+
				"was not overwritten. Restore it from %s (the state before the last change) or from your own copy: "+
				"without it, Terraform no longer knows what it created", show, tfharness.Display(path+".backup"))
		}
	}
	// Room for the state, its backup and the new state: Terraform writes
	// state after creating things, and a full disk then costs what it made.
	need := max(int64(1<<20), 3*int64(len(data)))
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("the state directory %s cannot be made (%v); nothing was changed", tfharness.Display(dir), err)
	}
	f, err := os.CreateTemp(dir, ".room-check-*")
	if err != nil {
		return fmt.Errorf("the state directory %s cannot be written (%v); nothing was changed. Make it writable and run again",
			tfharness.Display(dir), err)
	}
	defer os.Remove(f.Name())
	defer f.Close()
	if _, err := f.Write(make([]byte, need)); err != nil {
		return fmt.Errorf("the state directory %s has no room for the state (%v); nothing was changed. Free some space "+
			"and run again", tfharness.Display(dir), err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("the state directory %s cannot keep data (%v); nothing was changed", tfharness.Display(dir), err)
	}
	return nil
}

// keepErroredState looks for errored.tfstate, which Terraform writes in the
// directory it runs in when it cannot save state after changing things. It
// is moved next to the state (where make clean does not reach) and the way
// to restore it is returned; "" when there is none.
func (r *runner) keepErroredState(env config.Environment) string {
	errored := filepath.Join(r.stackDir(), "errored.tfstate")
	if _, err := os.Stat(errored); err != nil {
		return ""
	}
	keep := errored
	if env.Config.Backend.Type == config.BackendLocal {
		dir := filepath.Dir(r.statePath(env))
		to := filepath.Join(dir, fmt.Sprintf("errored-%s.tfstate", time.Now().UTC().Format("20060102T150405Z")))
		if err := os.Rename(errored, to); err == nil {
			keep = to
		} else if data, err := os.ReadFile(errored); err == nil && os.WriteFile(to, data, 0o600) == nil {
			keep = to
		}
	}
	abs, _ := filepath.Abs(keep)
	return fmt.Sprintf("Terraform could not save the state after changing things; it wrote what it knows to %s. "+
		"Make room (or fix what failed), then restore it before anything else: (cd %s && terraform state push %s)",
		tfharness.Display(keep), tfharness.Display(r.stackDir()), abs)
}

// locked says whether another process holds Terraform's lock on a local
// state file (a POSIX record lock, taken for the whole file).
func locked(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	lk := syscall.Flock_t{Type: syscall.F_WRLCK, Whence: 0, Start: 0, Len: 0}
	if err := syscall.FcntlFlock(f.Fd(), syscall.F_GETLK, &lk); err != nil {
		return false
	}
	return lk.Type != syscall.F_UNLCK
}
