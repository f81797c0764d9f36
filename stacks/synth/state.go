package synth

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/platform-team/webstack/stacks/config"
)

// StateDirDefault is where local state lives, relative to the project: out
// of cdktf.out, which is build output that `make clean` and users delete.
const StateDirDefault = "state"

// LinkState gives dir, a directory Terraform runs in (such as one `make hcl`
// writes), the state of env the way synth gives it to a stack directory:
// links into stateDir/<id>/. It does nothing for a remote backend.
func LinkState(dir, stateDir string, env config.Environment, log io.Writer) error {
	return keepState(dir, stateDir, env, log)
}

// keepState keeps a local backend's state out of the build output. The state
// file and its backup live in stateDir/<stack id>/; the stack directory, where
// Terraform runs, holds symbolic links to them. The synthesized backend path
// stays relative ("terraform.tfstate"), so the configuration is the same on
// every machine and in every out dir, and every out dir finds the same state.
//
// State left in the stack directory by an earlier version is moved to the
// state directory, with a message; when both places hold state, nothing is
// touched and the stack is refused.
func keepState(stackDir, stateDir string, env config.Environment, log io.Writer) error {
	if env.Config.Backend.Type != config.BackendLocal {
		return nil
	}
	abs, err := filepath.Abs(filepath.Join(stateDir, env.ID))
	if err != nil {
		return err
	}
	rel := env.Config.Backend.StatePath()
	for _, name := range []string{rel, rel + ".backup"} {
		if err := keepFile(filepath.Join(stackDir, name), filepath.Join(abs, name), env.ID, log); err != nil {
			return err
		}
	}
	// The state file must exist before Terraform first locks it. Otherwise
	// Terraform creates it through the link to hold the lock and, when a run
	// writes no state (a plan, a diff), removes the path it created — the
	// link — so the next apply writes a plain file into the build output.
	// An empty state file is what Terraform reads as "no state yet".
	target := filepath.Join(abs, rel)
	if _, err := os.Stat(target); errors.Is(err, os.ErrNotExist) {
		f, err := os.OpenFile(target, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err != nil && !errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%s: the state directory %s cannot be written (%v); nothing was changed: make it writable "+
				"(or point WEBSTACK_STATE_DIR elsewhere) and run again", env.ID, filepath.Dir(target), err)
		}
		if f != nil {
			f.Close()
		}
	}
	return nil
}

// keepFile makes link a symbolic link to target, moving a state file found
// at link to target first.
func keepFile(link, target, stack string, log io.Writer) error {
	for _, dir := range []string{filepath.Dir(link), filepath.Dir(target)} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("%s: %s cannot be made (%v); nothing was changed", stack, dir, err)
		}
	}
	fi, err := os.Lstat(link)
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return err
	case fi.Mode()&os.ModeSymlink != 0:
		if to, _ := os.Readlink(link); to == target {
			return nil
		}
		if err := os.Remove(link); err != nil { // a link to elsewhere (a moved project): only the link goes
			return err
		}
	case fi.Mode().IsRegular():
		if t, err := os.Stat(target); err == nil && t.Size() > 0 { // an empty one is no state: replaced
			return fmt.Errorf("%s: both %s and %s hold Terraform state; keep the one that describes what is deployed "+
				"(terraform show shows it), move the other away, and synthesize again", stack, link, target)
		}
		if err := moveFile(link, target); err != nil {
			return fmt.Errorf("%s: moving state %s to %s: %w", stack, link, target, err)
		}
		fmt.Fprintf(log, "webstack: %s: moved Terraform state %s to %s, out of the build output (make clean deletes cdktf.out)\n",
			stack, link, target)
	default:
		return fmt.Errorf("%s: %s is in the way of the state link; it should be the state file or a link to it", stack, link)
	}
	return os.Symlink(target, link)
}

// moveFile renames, or copies and removes where a rename cannot cross
// file systems; the source is removed only once the copy is complete.
func moveFile(from, to string) error {
	if err := os.Rename(from, to); err == nil {
		return nil
	}
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	tmp := to + ".moving"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return err
	}
	if err := os.Rename(tmp, to); err != nil {
		return err
	}
	return os.Remove(from)
}
