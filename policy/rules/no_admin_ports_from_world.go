package rules

import (
	"fmt"

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
		Check: func(r policy.Resource, _ *policy.Stack) []string {
			var out []string
			for _, rule := range policy.SGRulesOf(r) {
				if !rule.Ingress {
					continue
				}
				for _, c := range rule.Cidrs {
					for _, port := range []int{22, 3389} {
						if policy.IsWorld(c) && rule.Covers(port) {
							out = append(out, fmt.Sprintf("port %d is open to %s", port, c))
						}
					}
				}
			}
			return out
		},
	}
}
