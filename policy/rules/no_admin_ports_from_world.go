package rules

import (
	"fmt"
	"strings"

	"github.com/platform-team/webstack/policy"
)

func noAdminPortsFromWorld() policy.Rule {
	return policy.Rule{
		ID:          "WS-SG-3",
		Level:       policy.Error,
		Severity:    policy.High,
		Description: "SSH (22) and RDP (3389) are never open to the whole internet",
		Controls:    []string{"CKV_AWS_24", "CKV_AWS_25", "EC2.19"},
		Fix:         "set ssh_cidrs to the networks that need SSH, or remove ssh_cidrs and key_name and use SSM Session Manager",
		Types:       policy.SGRuleTypes(),
		Check: func(r policy.Resource, s *policy.Stack) []string {
			var out []string
			for _, rule := range policy.SGRulesOf(r) {
				if !rule.Ingress {
					continue
				}
				for _, port := range []int{22, 3389} {
					if !rule.Covers(port) {
						continue
					}
					// The group's rules on the port, judged together.
					open, share := policy.OpenToInternet(s, rule, func(o policy.SGRule) bool { return o.Covers(port) })
					if open {
						out = append(out, fmt.Sprintf("port %d is open to %s", port, reach(rule.Cidrs, share)))
					}
				}
			}
			return out
		},
	}
}

// reach describes a rule's CIDRs and the share of the internet they reach
// together with the group's other rules.
func reach(cidrs []string, share float64) string {
	for _, c := range cidrs {
		if policy.IsWorld(c) {
			return c
		}
	}
	return fmt.Sprintf("%s (with the group's other rules, %.1f%% of the internet's public addresses)", strings.Join(cidrs, ", "), 100*share)
}
