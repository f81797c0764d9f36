package policy

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
)

// Level says what a finding does to synth, as in cdk-nag.
type Level string

const (
	// Error: an unsuppressed finding fails synth and no stack is written.
	Error Level = "error"
	// Warning: an unsuppressed finding is printed once per stack, in a short
	// summary, and synth goes on.
	Warning Level = "warning"
)

// Severity ranks a rule by how much harm its finding can do, whatever its
// level: how urgent a fix, or a suppression's review, is.
type Severity string

const (
	High   Severity = "HIGH"
	Medium Severity = "MEDIUM"
	Low    Severity = "LOW"
)

// Rule is one security check over synthesized resources.
type Rule struct {
	ID          string
	Level       Level
	Severity    Severity
	Description string   // one line: what must hold
	Controls    []string // public control ids it implements (checkov, tfsec/trivy, AWS FSBP)
	// Fix says how to make a finding go away: the environment-file key to set
	// where one controls it ("set flow_logs.retention_days to ..."), else
	// "in code: ..." for the construct that builds the resource. {path}
	// stands for the resource's construct path.
	Fix   string
	Types []string // resource types it looks at
	// Check returns what is wrong with r (nothing when r complies). It reads
	// r and, where a rule needs another block, s; it changes neither.
	Check func(r Resource, s *Stack) []string
}

// Suppression accepts a rule's violation on one resource, for a reason.
type Suppression struct {
	Rule     string `json:"rule"`
	Resource string `json:"resource"` // construct path below the stack, e.g. webtier/alb
	Reason   string `json:"reason"`
}

// MinReasonLength is the shortest reason a suppression may give.
const MinReasonLength = 10

// Finding is one rule failing on one resource.
type Finding struct {
	Rule       Rule
	Resource   Resource
	Detail     string
	Suppressed *Suppression
}

func (f Finding) String() string {
	return fmt.Sprintf("%s [%s] %s (%s): %s. Fix: %s", f.Rule.ID, f.Rule.Severity, f.Resource.Path,
		f.Resource.Address(), f.Detail, strings.ReplaceAll(f.Rule.Fix, "{path}", f.Resource.Path))
}

// Report is the outcome of the rules over one stack.
type Report struct {
	Stack string
	// Errors are the unsuppressed findings of error-level rules: they fail synth.
	Errors []Finding
	// Warnings are the unsuppressed findings of warning-level rules.
	Warnings   []Finding
	Suppressed []Finding
	// Unused suppressions match no finding: stale, or naming the wrong resource.
	Unused []Suppression
}

// Failed says whether any error is left.
func (r Report) Failed() bool { return len(r.Errors) > 0 }

// Evaluate runs rules over every resource of s and applies suppressions.
func Evaluate(s *Stack, rules []Rule, suppressions []Suppression) Report {
	rep := Report{Stack: s.Name}
	used := make([]bool, len(suppressions))
	for _, rule := range rules {
		for _, r := range s.Resources {
			if r.Data || !slices.Contains(rule.Types, r.Type) {
				continue
			}
			for _, detail := range rule.Check(r, s) {
				f := Finding{Rule: rule, Resource: r, Detail: detail}
				for i, sup := range suppressions {
					if sup.Rule == rule.ID && sup.Resource == r.Path {
						f.Suppressed, used[i] = &suppressions[i], true
					}
				}
				switch {
				case f.Suppressed != nil:
					rep.Suppressed = append(rep.Suppressed, f)
				case rule.Level == Warning:
					rep.Warnings = append(rep.Warnings, f)
				default:
					rep.Errors = append(rep.Errors, f)
				}
			}
		}
	}
	for i, u := range used {
		if !u {
			rep.Unused = append(rep.Unused, suppressions[i])
		}
	}
	return rep
}

// Table renders rules as the table `make rules` prints.
func Table(rules []Rule) string {
	sorted := append([]Rule(nil), rules...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tLEVEL\tSEVERITY\tDESCRIPTION\tCONTROLS")
	for _, r := range sorted {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Level, r.Severity, r.Description, strings.Join(r.Controls, ", "))
	}
	w.Flush()
	errors := 0
	for _, r := range sorted {
		if r.Level == Error {
			errors++
		}
	}
	fmt.Fprintf(&b, "%d rules: %d errors (fail synth), %d warnings (printed; synth goes on)\n", len(sorted), errors, len(sorted)-errors)
	return b.String()
}
