package stacks

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/constructs/webtier"
	"github.com/platform-team/webstack/internal/emutarget"
	"github.com/platform-team/webstack/policy"
	"github.com/platform-team/webstack/policy/rules"
	"github.com/platform-team/webstack/stacks/config"
)

// Synthesize builds the stack of each of envs in one cdktf app and writes
// them under outdir as cdktf does (stacks/<id>/cdk.tf.json, manifest.json);
// the stacks whose target is the emulator are pointed at it
// (emutarget.Retarget). It starts the jsii runtime.
func Synthesize(outdir string, envs []config.Environment) error {
	// JSON always: the policy reads it (package synth writes HCL from it).
	// cdktf's own validations (every resource has its provider, the backend
	// is well formed) and the stack trace it records for every construct
	// cost about 0.1 s per stack and change nothing written; the stacks pass
	// the validations, which TestStacksPassCdktfValidations runs on every
	// variant, and Terraform validates them in e2e.
	app := cdktf.NewApp(&cdktf.AppConfig{Outdir: jsii.String(outdir), HclOutput: jsii.Bool(false),
		SkipValidation: jsii.Bool(true), StackTraces: jsii.Bool(false)})
	return synthesize(app, outdir, envs)
}

// synthesize builds envs' stacks in app, synthesizes it into outdir and
// retargets the emulator's.
func synthesize(app cdktf.App, outdir string, envs []config.Environment) error {
	for _, env := range envs {
		if _, err := NewStack(app, env); err != nil {
			return err
		}
	}
	app.Synth()
	for _, env := range envs {
		if env.Config.Target != config.TargetEmulator {
			continue
		}
		path := filepath.Join(outdir, "stacks", env.ID, "cdk.tf.json")
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if data, err = emutarget.Retarget(data, emutarget.Options{}); err != nil {
			return fmt.Errorf("%s: %w", env.File, err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// intent is what c declares about the environment, for the policy rules
// that depend on it.
func intent(c config.Config) policy.Intent {
	scheme := webtier.DefaultScheme
	if c.AlbScheme != nil {
		scheme = webtier.Scheme(*c.AlbScheme)
	}
	return policy.Intent{Exposure: string(scheme), Production: c.Production}
}

// PolicyReport runs the security policy over data, a synthesized stack of
// env, with env's intent and suppressions: what synth checks.
func PolicyReport(env config.Environment, data []byte) (policy.Report, error) {
	s, err := policy.ParseStack(data)
	if err != nil {
		return policy.Report{}, err
	}
	s.Intent = intent(env.Config)
	return policy.Evaluate(s, rules.All(), env.Config.Policy.Suppressions), nil
}
