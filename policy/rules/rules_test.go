package rules

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"webstack/policy"
)

var controlID = regexp.MustCompile(`^(CKV2?_AWS_[0-9]+|AVD-AWS-[0-9]{4}|[A-Za-z][A-Za-z0-9]*\.[0-9]+)$`)

func TestRuleMetadata(t *testing.T) {
	all := All()
	if len(all) < 25 {
		t.Errorf("the policy has %d rules; at least 25 are required", len(all))
	}
	seen := map[string]bool{}
	for _, r := range all {
		if seen[r.ID] {
			t.Errorf("duplicate rule id %s", r.ID)
		}
		seen[r.ID] = true
		if !regexp.MustCompile(`^WS-[A-Z0-9]+-[0-9]+$`).MatchString(r.ID) {
			t.Errorf("%s: id must look like WS-ALB-1", r.ID)
		}
		switch r.Severity {
		case policy.High, policy.Medium, policy.Low:
		default:
			t.Errorf("%s: severity %q", r.ID, r.Severity)
		}
		if r.Description == "" || strings.Contains(r.Description, "\n") || r.Fix == "" || len(r.Types) == 0 || r.Check == nil {
			t.Errorf("%s: needs a one-line description, a fix, resource types and a check", r.ID)
		}
		if len(r.Controls) == 0 {
			t.Errorf("%s: cites no public control", r.ID)
		}
		for _, c := range r.Controls {
			if !controlID.MatchString(c) {
				t.Errorf("%s: %q is not a checkov, tfsec/trivy or FSBP control id", r.ID, c)
			}
		}
		if got, ok := ByID(r.ID); !ok || got.ID != r.ID {
			t.Errorf("ByID(%s) failed", r.ID)
		}
	}
	table := policy.Table(all)
	for _, r := range all {
		if !strings.Contains(table, r.ID) || !strings.Contains(table, r.Controls[0]) {
			t.Errorf("table lacks %s", r.ID)
		}
	}
}

// TestEveryRuleCanFailAndPass runs each rule alone on its two fixtures.
func TestEveryRuleCanFailAndPass(t *testing.T) {
	rules := map[string]policy.Rule{}
	for _, r := range All() {
		rules[r.ID] = r
	}
	dirs, _ := filepath.Glob("testdata/*")
	fixtures := map[string]bool{}
	for _, d := range dirs {
		fixtures[filepath.Base(d)] = true
		if _, ok := rules[filepath.Base(d)]; !ok {
			t.Errorf("%s: fixtures for a rule that All() does not return", d)
		}
	}
	for id, rule := range rules {
		t.Run(id, func(t *testing.T) {
			if !fixtures[id] {
				t.Fatalf("no testdata/%s/{pass,fail}.json", id)
			}
			for _, tc := range []struct {
				file string
				fail bool
			}{{"fail.json", true}, {"pass.json", false}} {
				data, err := os.ReadFile(filepath.Join("testdata", id, tc.file))
				if err != nil {
					t.Fatal(err)
				}
				s, err := policy.ParseStack(data)
				if err != nil {
					t.Fatal(err)
				}
				rep := policy.Evaluate(s, []policy.Rule{rule}, nil)
				switch {
				case tc.fail && !rep.Failed():
					t.Errorf("%s: the rule did not fire", tc.file)
				case !tc.fail && rep.Failed():
					t.Errorf("%s: the rule fired: %v", tc.file, rep.Violations)
				}
				for _, v := range rep.Violations {
					if v.Detail == "" || !strings.Contains(v.String(), id) || !strings.Contains(v.String(), "Fix:") {
						t.Errorf("%s: finding does not name the rule, say what is wrong and how to fix it: %s", tc.file, v)
					}
				}
			}
		})
	}
}
