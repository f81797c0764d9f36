package stacks

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"webstack/policy"
	"webstack/policy/rules"
)

// Violation is an unsuppressed finding in one stack.
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

// checkPolicy runs the security policy over each synthesized stack in dir,
// prints every suppression it applies (and every unused one) to log, and
// returns the violations left.
func checkPolicy(dir string, envs []Environment, log io.Writer) error {
	var violations PolicyViolations
	for _, env := range envs {
		data, err := os.ReadFile(filepath.Join(dir, "stacks", env.ID, "cdk.tf.json"))
		if err != nil {
			return err
		}
		s, err := policy.ParseStack(data)
		if err != nil {
			return err
		}
		rep := policy.Evaluate(s, rules.All(), env.Config.Policy.Suppressions)
		for _, f := range rep.Suppressed {
			fmt.Fprintf(log, "webstack: %s: %s suppressed on %s (%s): %s\n", env.ID, f.Rule.ID, f.Resource.Path, env.File, f.Suppressed.Reason)
		}
		for _, u := range rep.Unused {
			fmt.Fprintf(log, "webstack: %s: warning: suppression of %s on %s matches no finding; remove it from %s\n",
				env.ID, u.Rule, u.Resource, env.File)
		}
		for _, f := range rep.Violations {
			violations = append(violations, Violation{Stack: env.ID, File: env.File, Finding: f})
		}
	}
	if len(violations) > 0 {
		return violations
	}
	return nil
}
