package rules

import "github.com/platform-team/webstack/policy"

func sgDescription() policy.Rule {
	return policy.Rule{
		ID:          "WS-SG-1",
		Level:       policy.Error,
		Severity:    policy.Low,
		Description: "Security groups say what they are for",
		Controls:    []string{"CKV_AWS_23", "AVD-AWS-0099"},
		Fix:         "in code: give the security group a description naming who uses it and what it allows",
		Types:       []string{"aws_security_group"},
		Check: func(r policy.Resource, _ *policy.Stack) []string {
			if d := r.Attrs.Str("description"); d == "" || d == "Managed by Terraform" {
				return []string{"no description (or Terraform's placeholder)"}
			}
			return nil
		},
	}
}
