package rules

import "github.com/platform-team/webstack/policy"

func albDeletionProtection() policy.Rule {
	return policy.Rule{
		ID:          "WS-ALB-2",
		Level:       policy.Error,
		Severity:    policy.Medium,
		Description: "Load balancers of environments declared production have deletion protection",
		Controls:    []string{"CKV_AWS_150", "ELB.6"},
		Fix:         `set alb_deletion_protection to true (it defaults to true when production is true)`,
		Types:       []string{"aws_lb", "aws_alb"},
		Check: func(r policy.Resource, s *policy.Stack) []string {
			if s.Intent.Production && !isTrue(r.Attrs, "enable_deletion_protection") {
				return []string{"the environment is production but enable_deletion_protection is not true"}
			}
			return nil
		},
	}
}
