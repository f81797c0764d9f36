package synth

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/platform-team/webstack/policy"
	"github.com/platform-team/webstack/stacks"
	"github.com/platform-team/webstack/stacks/config"
)

// Violation is an unsuppressed error-level finding in one stack.
type Violation struct {
	Stack string // stack id
	File  string // its environment file, where a suppression would go
	policy.Finding
}

func (v Violation) String() string { return v.Stack + ": " + v.Finding.String() }

// PolicyViolations is the error of a synth whose output breaks the security
// policy: every unsuppressed finding of every stack.
type PolicyViolations []Violation

func (v PolicyViolations) Error() string {
	lines := make([]string, len(v))
	for i, f := range v {
		lines[i] = f.String()
	}
	return strings.Join(lines, "\n")
}

// checkPolicy runs the security policy over each synthesized stack in dir.
// It prints to log, once per stack, the suppressions it applied (and any
// unused one) and a summary of the warnings, and returns the errors left.
func checkPolicy(dir string, envs []config.Environment, log io.Writer) error {
	var violations PolicyViolations
	for _, env := range envs {
		data, err := os.ReadFile(filepath.Join(dir, "stacks", env.ID, "cdk.tf.json"))
		if err != nil {
			return err
		}
		rep, err := stacks.PolicyReport(env, data)
		if err != nil {
			return err
		}
		for _, f := range rep.Suppressed {
			fmt.Fprintf(log, "webstack: %s: %s suppressed on %s (%s): %s\n", env.ID, f.Rule.ID, f.Resource.Path, env.File, f.Suppressed.Reason)
		}
		for _, u := range rep.Unused {
			fmt.Fprintf(log, "webstack: %s: suppression of %s on %s matches no finding; remove it from %s\n",
				env.ID, u.Rule, u.Resource, env.File)
		}
		if n := len(rep.Warnings); n > 0 {
			fmt.Fprintf(log, "webstack: %s: %d policy warning(s); synth goes on (fix, or suppress with a reason in %s):\n",
				env.ID, n, env.File)
			for _, f := range rep.Warnings {
				fmt.Fprintf(log, "  %s\n", f)
			}
		}
		for _, f := range rep.Errors {
			violations = append(violations, Violation{Stack: env.ID, File: env.File, Finding: f})
		}
	}
	if len(violations) > 0 {
		return violations
	}
	return nil
}
