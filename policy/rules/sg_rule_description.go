package rules

import "github.com/platform-team/webstack/policy"

func sgRuleDescription() policy.Rule {
	return policy.Rule{
		ID:          "WS-SG-2",
		Level:       policy.Error,
		Severity:    policy.Low,
		Description: "Every security group rule says why it exists",
		Controls:    []string{"CKV_AWS_23", "AVD-AWS-0124"},
		Fix:         "in code: give the rule a description (who talks to whom, and why)",
		Types:       policy.SGRuleTypes(),
		Check: func(r policy.Resource, _ *policy.Stack) []string {
			var out []string
			for _, rule := range policy.SGRulesOf(r) {
				if rule.Description == "" {
					out = append(out, "a rule has no description")
				}
			}
			return out
		},
	}
}
