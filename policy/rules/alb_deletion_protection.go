package rules

import (
	"strings"

	"webstack/policy"
)

func albDeletionProtection() policy.Rule {
	return policy.Rule{
		ID:          "WS-ALB-2",
		Severity:    policy.Medium,
		Description: "Load balancers of production environments have deletion protection",
		Controls:    []string{"CKV_AWS_150", "ELB.6"},
		Fix:         `set "alb_deletion_protection": true in the production environment file`,
		Types:       []string{"aws_lb", "aws_alb"},
		Check: func(r policy.Resource, s *policy.Stack) []string {
			env := strings.ToLower(s.DefaultTags()["Environment"])
			if env != "prod" && env != "production" {
				return nil
			}
			if !isTrue(r.Attrs, "enable_deletion_protection") {
				return []string{"environment " + env + " but enable_deletion_protection is not true"}
			}
			return nil
		},
	}
}
