package rules

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/platform-team/webstack/policy"
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
		if r.Level != policy.Error && r.Level != policy.Warning {
			t.Errorf("%s: level %q: must be error or warning", r.ID, r.Level)
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
		if !regexp.MustCompile(`(?m)^`+r.ID+` +`+string(r.Level)+` +`+string(r.Severity)+` `).MatchString(table) ||
			!strings.Contains(table, r.Controls[0]) {
			t.Errorf("table lacks %s with its level and severity:\n%s", r.ID, table)
		}
	}
}

// TestEveryRuleCanFailAndPass runs each rule alone on its two fixtures, with
// the environment's intent from testdata/<rule>/intent.json where a rule reads
// it.
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
				if intent, err := os.ReadFile(filepath.Join("testdata", id, "intent.json")); err == nil {
					if err := json.Unmarshal(intent, &s.Intent); err != nil {
						t.Fatal(err)
					}
				}
				// Evaluate at error level, so warnings are checked the same way.
				rule := rule
				rule.Level = policy.Error
				rep := policy.Evaluate(s, []policy.Rule{rule}, nil)
				switch {
				case tc.fail && !rep.Failed():
					t.Errorf("%s: the rule did not fire", tc.file)
				case !tc.fail && rep.Failed():
					t.Errorf("%s: the rule fired: %v", tc.file, rep.Errors)
				}
				for _, v := range rep.Errors {
					if v.Detail == "" || !strings.Contains(v.String(), id) || !strings.Contains(v.String(), "Fix:") {
						t.Errorf("%s: finding does not name the rule, say what is wrong and how to fix it: %s", tc.file, v)
					}
				}
			}
		})
	}
}

// A declared internet-facing load balancer passes WS-ALB-6 on 80 and 443,
// and fails it for any other listener port or admitted port.
func TestInternetFacingLoadBalancerServesWebPortsOnly(t *testing.T) {
	doc := func(listenerPort, rulePort int) *policy.Stack {
		data := fmt.Sprintf(`{"//": {"metadata": {"stackName": "f"}}, "resource": {
		  "aws_lb": {"alb": {"//": {"metadata": {"path": "f/alb"}}, "internal": false,
		    "security_groups": ["${aws_security_group.alb.id}"]}},
		  "aws_lb_listener": {"l": {"//": {"metadata": {"path": "f/l"}}, "load_balancer_arn": "${aws_lb.alb.arn}", "port": %d}},
		  "aws_vpc_security_group_ingress_rule": {"r": {"//": {"metadata": {"path": "f/r"}},
		    "security_group_id": "${aws_security_group.alb.id}", "ip_protocol": "tcp", "from_port": %d, "to_port": %d,
		    "cidr_ipv4": "10.0.0.0/8"}}}}`, listenerPort, rulePort, rulePort)
		s, err := policy.ParseStack([]byte(data))
		if err != nil {
			t.Fatal(err)
		}
		s.Intent = policy.Intent{Exposure: "internet-facing"}
		return s
	}
	rule, _ := ByID("WS-ALB-6")
	for _, tc := range []struct {
		listener, rule int
		fail           bool
	}{{80, 80, false}, {443, 443, false}, {8080, 80, true}, {443, 22, true}} {
		rep := policy.Evaluate(doc(tc.listener, tc.rule), []policy.Rule{rule}, nil)
		if rep.Failed() != tc.fail {
			t.Errorf("listener %d, rule %d: failed %v, want %v: %v", tc.listener, tc.rule, rep.Failed(), tc.fail, rep.Errors)
		}
	}
}
