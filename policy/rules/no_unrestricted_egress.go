package rules

import (
	"fmt"

	"github.com/platform-team/webstack/policy"
)

func noUnrestrictedEgress() policy.Rule {
	return policy.Rule{
		ID:          "WS-SG-5",
		Level:       policy.Error,
		Severity:    policy.Medium,
		Description: "Egress is limited to what each tier needs: no all-ports rules to the internet, load balancers only to their targets",
		Controls:    []string{"CKV_AWS_382", "AVD-AWS-0104"},
		Fix:         "in code: allow only the ports a tier uses; a load balancer's egress names its targets' security group",
		Types:       policy.SGRuleTypes(),
		Check: func(r policy.Resource, s *policy.Stack) []string {
			var out []string
			for _, rule := range policy.SGRulesOf(r) {
				if rule.Ingress {
					continue
				}
				if rule.AllPorts() {
					// The group's all-ports rules, judged together.
					if open, share := policy.OpenToInternet(s, rule, policy.SGRule.AllPorts); open {
						out = append(out, "all traffic may leave for "+reach(rule.Cidrs, share))
					}
				}
				if fronted(s, rule.Group) && rule.PeerGroup == "" {
					out = append(out, fmt.Sprintf("the load balancer may send to %v, not only to its targets' group", rule.Cidrs))
				}
			}
			return out
		},
	}
}
