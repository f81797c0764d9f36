package rules

import (
	"fmt"
	"strings"
	"testing"

	"github.com/platform-team/webstack/policy"
)

// sgStack is a stack whose security group web has one ingress (or egress)
// rule per CIDR on port (-1: every port).
func sgStack(t *testing.T, ingress bool, port int, cidrs ...string) *policy.Stack {
	t.Helper()
	typ, protocol := "aws_vpc_security_group_egress_rule", "tcp"
	if ingress {
		typ = "aws_vpc_security_group_ingress_rule"
	}
	if port < 0 {
		protocol = "-1"
	}
	var rules []string
	for i, c := range cidrs {
		rules = append(rules, fmt.Sprintf(`"r%d": {"//": {"metadata": {"path": "fixture/r%d"}}, "cidr_ipv4": %q, "description": "d",
		  "from_port": %d, "to_port": %d, "ip_protocol": %q, "security_group_id": "${aws_security_group.web.id}"}`, i, i, c, port, port, protocol))
	}
	s, err := policy.ParseStack([]byte(`{"resource": {"` + typ + `": {` + strings.Join(rules, ",") + `}}}`))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Rules that limit who reaches a group judge the group's ranges by the
// public addresses they cover together: two /1 rules are the internet, a /8
// of private space is not.
func TestRulesJudgeRangesTogether(t *testing.T) {
	for _, tc := range []struct {
		rule    string
		ingress bool
		port    int
		cidrs   []string
		want    bool
	}{
		{"WS-SG-3", true, 22, []string{"0.0.0.0/1", "128.0.0.0/1"}, true},
		{"WS-SG-3", true, 22, []string{"0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"}, true},
		{"WS-SG-3", true, 22, []string{"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"}, false},
		{"WS-SG-3", true, 22, []string{"203.0.113.0/24"}, false},
		{"WS-SG-4", true, 8080, []string{"0.0.0.0/1", "128.0.0.0/1"}, true},
		{"WS-SG-4", true, 8080, []string{"10.0.0.0/8"}, false},
		{"WS-SG-5", false, -1, []string{"0.0.0.0/1", "128.0.0.0/1"}, true},
		{"WS-SG-5", false, -1, []string{"10.0.0.0/8"}, false},
	} {
		r, _ := ByID(tc.rule)
		s := sgStack(t, tc.ingress, tc.port, tc.cidrs...)
		rep := policy.Evaluate(s, []policy.Rule{r}, nil)
		if got := len(rep.Errors) > 0; got != tc.want {
			t.Errorf("%s over %v: finding %v, want %v: %v", tc.rule, tc.cidrs, got, tc.want, rep.Errors)
		}
		if tc.want && len(rep.Errors) > 0 && !strings.Contains(rep.Errors[0].String(), "of the internet's public addresses") {
			t.Errorf("%s: the finding says how much of the internet: %v", tc.rule, rep.Errors[0])
		}
	}
}
