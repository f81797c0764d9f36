package rules

import "github.com/platform-team/webstack/policy"

func asgLaunchTemplate() policy.Rule {
	return policy.Rule{
		ID:          "WS-ASG-1",
		Level:       policy.Error,
		Severity:    policy.Medium,
		Description: "Auto Scaling groups launch from a launch template, not a launch configuration",
		Controls:    []string{"CKV_AWS_315", "AutoScaling.9"},
		Fix:         "in code: give the group a launch_template (launch configurations lack IMDSv2 and newer settings)",
		Types:       []string{"aws_autoscaling_group"},
		Check: func(r policy.Resource, _ *policy.Stack) []string {
			if r.Attrs.Str("launch_template.id") == "" && r.Attrs.Str("launch_template.name") == "" &&
				r.Attrs.Get("mixed_instances_policy") == nil {
				return []string{"the group has no launch template"}
			}
			return nil
		},
	}
}
