package tfharness

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// LockFileName is Terraform's dependency lock file.
const LockFileName = ".terraform.lock.hcl"

// Requirement is one entry of a configuration's required_providers.
type Requirement struct {
	Source     string // "hashicorp/aws"
	Constraint string // ">= 5.99.1, < 6.0.0"
}

// WriteLockFile selects, from the plugins p installs, a version of each
// required provider and writes the dependency lock file for them to path,
// with the checksums of the packages this machine has. It runs
// `terraform init -backend=false` on a configuration holding only the
// requirements, in a scratch directory beside path.
//
// Why: the cdktf CLI runs `terraform providers lock` whenever a stack
// directory has no lock file matching its requirements, and that command
// asks the origin registry, never a filesystem mirror; with this file in
// place it has nothing to do.
func WriteLockFile(ctx context.Context, terraform string, p *Providers, path string, reqs map[string]Requirement) error {
	scratch, err := os.MkdirTemp(filepath.Dir(path), ".lock-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(scratch)
	required := map[string]any{}
	for name, r := range reqs {
		required[name] = map[string]string{"source": r.Source, "version": r.Constraint}
	}
	cfg, _ := json.Marshal(map[string]any{"terraform": map[string]any{"required_providers": required}})
	if err := os.WriteFile(filepath.Join(scratch, "main.tf.json"), cfg, 0o644); err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, terraform, "init", "-backend=false", "-input=false", "-no-color")
	cmd.Dir = scratch
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+p.CLIConfigFile, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("terraform init (to write the provider lock file): %v\n%s", err, strings.TrimSpace(string(out)))
	}
	data, err := os.ReadFile(filepath.Join(scratch, LockFileName))
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
