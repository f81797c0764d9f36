package rules

import "github.com/platform-team/webstack/policy"

func albDropsInvalidHeaders() policy.Rule {
	return policy.Rule{
		ID:          "WS-ALB-1",
		Level:       policy.Error,
		Severity:    policy.High,
		Description: "Application load balancers drop invalid HTTP header fields",
		Controls:    []string{"CKV_AWS_131", "AVD-AWS-0052", "ELB.4"},
		Fix:         "in code: set drop_invalid_header_fields = true on the load balancer (request smuggling defence)",
		Types:       []string{"aws_lb", "aws_alb"},
		Check: func(r policy.Resource, _ *policy.Stack) []string {
			if t := r.Attrs.Str("load_balancer_type"); t != "" && t != "application" {
				return nil
			}
			if !isTrue(r.Attrs, "drop_invalid_header_fields") {
				return []string{"drop_invalid_header_fields is not true"}
			}
			return nil
		},
	}
}
