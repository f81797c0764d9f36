package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/platform-team/webstack/stacks/synth"
)

// hclExport writes every stack as plain Terraform: out/<stack>/main.tf, the
// same HCL `cdktf synth --hcl` writes, in a directory that is the user's to
// take away. A local backend's state is linked in as for a stack directory,
// so `terraform plan` there sees what is deployed.
type hclExport struct {
	envDir, out, stateDir string
	log                   io.Writer
}

func (h hclExport) run() error {
	if err := os.MkdirAll(h.out, 0o755); err != nil {
		return err
	}
	stage, err := os.MkdirTemp(h.out, ".synth-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(stage)
	envs, err := synth.Synth(synth.Options{EnvDir: h.envDir, Outdir: stage, HCL: true, Log: h.log})
	if err != nil {
		return synthError(err)
	}
	for _, env := range envs {
		dir := filepath.Join(h.out, env.ID)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if err := os.Rename(filepath.Join(stage, "stacks", env.ID, "cdk.tf"), filepath.Join(dir, "main.tf")); err != nil {
			return err
		}
		if err := synth.LinkState(dir, h.stateDir, env, h.log); err != nil {
			return err
		}
		fmt.Fprintf(h.log, "webstack: %s: %s\n", env.ID, filepath.Join(dir, "main.tf"))
	}
	// Aligned as Terraform writes it, where Terraform is installed.
	if tf, err := exec.LookPath("terraform"); err == nil {
		fmtCmd := exec.Command(tf, "fmt", "-recursive", h.out)
		if out, err := fmtCmd.CombinedOutput(); err != nil {
			return fmt.Errorf("terraform fmt: %v\n%s", err, out)
		}
	}
	fmt.Fprintf(h.log, "webstack: plain Terraform for %d stack(s) in %s/; see README, \"Leaving CDKTF\"\n", len(envs), h.out)
	return nil
}
