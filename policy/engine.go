package policy

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
)

// Severity ranks a rule. Every unsuppressed violation fails synth whatever its
// severity; severity says how urgent a suppression's review is.
type Severity string

const (
	High   Severity = "HIGH"
	Medium Severity = "MEDIUM"
	Low    Severity = "LOW"
)

// Rule is one security check over synthesized resources.
type Rule struct {
	ID          string
	Severity    Severity
	Description string   // one line: what must hold
	Controls    []string // public control ids it implements (checkov, tfsec/trivy, AWS FSBP)
	Fix         string   // how to make a violation go away; {path} stands for the resource's path
	Types       []string // resource types it looks at
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
	Stack      string
	Violations []Finding
	Suppressed []Finding
	// Unused suppressions match no finding: stale, or naming the wrong resource.
	Unused []Suppression
}

// Failed says whether any violation is left.
func (r Report) Failed() bool { return len(r.Violations) > 0 }

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
				if f.Suppressed != nil {
					rep.Suppressed = append(rep.Suppressed, f)
				} else {
					rep.Violations = append(rep.Violations, f)
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
	fmt.Fprintln(w, "ID\tSEVERITY\tDESCRIPTION\tCONTROLS")
	for _, r := range sorted {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.Description, strings.Join(r.Controls, ", "))
	}
	w.Flush()
	fmt.Fprintf(&b, "%d rules\n", len(sorted))
	return b.String()
}
