package rules

import "github.com/platform-team/webstack/policy"

func albAccessLogs() policy.Rule {
	return policy.Rule{
		ID:          "WS-ALB-3",
		Level:       policy.Error,
		Severity:    policy.Medium,
		Description: "Load balancers write access logs",
		Controls:    []string{"CKV_AWS_91", "ELB.5"},
		Fix:         "in code: give the load balancer an access_logs block with a bucket and enabled = true",
		Types:       []string{"aws_lb", "aws_alb"},
		Check: func(r policy.Resource, _ *policy.Stack) []string {
			if !isTrue(r.Attrs, "access_logs.enabled") || r.Attrs.Str("access_logs.bucket") == "" {
				return []string{"access logs are not enabled"}
			}
			return nil
		},
	}
}
