package rules

import "github.com/platform-team/webstack/policy"

func asgELBHealthChecks() policy.Rule {
	return policy.Rule{
		ID:          "WS-ASG-2",
		Level:       policy.Error,
		Severity:    policy.Medium,
		Description: "Auto Scaling groups behind a load balancer use its health checks",
		Controls:    []string{"CKV2_AWS_15", "AutoScaling.1"},
		Fix:         `in code: set health_check_type = "ELB" so instances failing the target group's check are replaced`,
		Types:       []string{"aws_autoscaling_group"},
		Check: func(r policy.Resource, _ *policy.Stack) []string {
			behind := len(r.Attrs.List("target_group_arns")) > 0 || len(r.Attrs.List("load_balancers")) > 0
			if behind && r.Attrs.Str("health_check_type") != "ELB" {
				return []string{"health_check_type is " + quote(r.Attrs.Str("health_check_type"))}
			}
			return nil
		},
	}
}
