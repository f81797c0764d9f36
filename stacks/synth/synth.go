// Package synth is the synth pipeline: it loads the environment files,
// synthesizes their stacks (package stacks) in a staging directory, runs the
// security policy over them, writes HCL when asked, and only then publishes
// them under the out dir, with their provider lock files and links to their
// local state. Any problem leaves the out dir untouched.
package synth

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/platform-team/webstack/stacks"
	"github.com/platform-team/webstack/stacks/config"
)

// Options say what to synthesize and where.
type Options struct {
	EnvDir string    // directory of environment files
	Files  []string  // environment files to use instead of EnvDir's
	Outdir string    // cdktf output directory (cdktf.out)
	Only   []string  // stack ids to synthesize; all when empty
	Log    io.Writer // where notes (suppressions, …) go; os.Stderr when nil
	// StateDir, when set, holds the local state of every stack (StateDir/<id>/),
	// linked from the stack directory (see keepState). Empty leaves state in
	// the stack directory, as tests with throw-away out dirs want.
	StateDir string
	// HCL writes each stack as native Terraform (cdk.tf) instead of JSON, as
	// `cdktf synth --hcl` asks (SYNTH_HCL_OUTPUT=true). The policy still
	// runs on the JSON.
	HCL bool
	// ProviderLock, when set, is a Terraform dependency lock file copied into
	// every stack directory whose lock file differs (see seedLockFile).
	ProviderLock string
	// KeepPolicyViolations publishes stacks that break the security policy
	// instead of failing, for callers that report the findings themselves
	// (make review shows a change's new violations).
	KeepPolicyViolations bool
}

// Synth loads and validates every environment file, builds one stack per
// file, synthesizes them in a staging directory, runs the security policy over
// them, and only then publishes them under Outdir/stacks/<id>/. Any problem
// (invalid file, policy violation) leaves Outdir untouched. The stacks
// published are returned in order.
func Synth(opts Options) ([]config.Environment, error) {
	if opts.Log == nil {
		opts.Log = os.Stderr
	}
	var envs []config.Environment
	var err error
	if len(opts.Files) > 0 {
		envs, err = stacks.LoadFiles(opts.Files...)
	} else {
		envs, err = stacks.LoadDir(opts.EnvDir)
	}
	if err != nil {
		return nil, err
	}
	if len(opts.Only) > 0 {
		var picked []config.Environment
		for _, id := range opts.Only {
			i := slices.IndexFunc(envs, func(e config.Environment) bool { return e.ID == id })
			if i < 0 {
				return nil, fmt.Errorf("no environment %q in %s", id, opts.EnvDir)
			}
			picked = append(picked, envs[i])
		}
		envs = picked
	}

	if err := os.MkdirAll(opts.Outdir, 0o755); err != nil {
		return nil, err
	}
	stage, err := os.MkdirTemp(opts.Outdir, ".staging-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(stage)

	if err := stacks.Synthesize(stage, envs); err != nil {
		return nil, err
	}
	var violations PolicyViolations
	if err := checkPolicy(stage, envs, opts.Log); errors.As(err, &violations) && opts.KeepPolicyViolations {
		fmt.Fprintf(opts.Log, "webstack: %d policy violation(s) kept, as asked\n", len(violations))
	} else if err != nil {
		return nil, err
	}
	if opts.HCL {
		if err := toHCL(stage, envs); err != nil {
			return nil, err
		}
	}

	Forget(opts.Outdir) // what the out dir holds is about to change
	if err := publish(stage, opts.Outdir, envs, len(opts.Only) == 0); err != nil {
		return nil, err
	}
	if opts.ProviderLock != "" {
		for _, env := range envs {
			if err := seedLockFile(opts.ProviderLock, filepath.Join(opts.Outdir, "stacks", env.ID)); err != nil {
				return nil, err
			}
		}
	}
	if opts.StateDir != "" {
		for _, env := range envs {
			if err := keepState(filepath.Join(opts.Outdir, "stacks", env.ID), opts.StateDir, env, opts.Log); err != nil {
				return nil, err
			}
		}
	}
	return envs, nil
}

// publish moves each stack's synthesized files from stage into outdir,
// leaving anything else in the stack directory (state, .terraform) alone.
func publish(stage, outdir string, envs []config.Environment, manifest bool) error {
	for _, env := range envs {
		from := filepath.Join(stage, "stacks", env.ID)
		to := filepath.Join(outdir, "stacks", env.ID)
		if err := os.MkdirAll(to, 0o755); err != nil {
			return err
		}
		entries, err := os.ReadDir(from)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if e.IsDir() {
				continue // cdktf writes assets only for stacks that have some; these have none
			}
			if other := otherFormat(e.Name()); other != "" {
				if err := os.Remove(filepath.Join(to, other)); err != nil && !errors.Is(err, os.ErrNotExist) {
					return err
				}
			}
			if err := os.Rename(filepath.Join(from, e.Name()), filepath.Join(to, e.Name())); err != nil {
				return err
			}
		}
	}
	if !manifest {
		return nil
	}
	err := os.Rename(filepath.Join(stage, "manifest.json"), filepath.Join(outdir, "manifest.json"))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}
