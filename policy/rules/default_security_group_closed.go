package rules

import "github.com/platform-team/webstack/policy"

func defaultSecurityGroupClosed() policy.Rule {
	return policy.Rule{
		ID:          "WS-VPC-1",
		Level:       policy.Error,
		Severity:    policy.Medium,
		Description: "Every VPC's default security group is managed and has no rules",
		Controls:    []string{"CKV2_AWS_12", "AVD-AWS-0173", "EC2.2"},
		Fix:         "in code: add an aws_default_security_group for the VPC with no ingress and no egress",
		Types:       []string{"aws_vpc"},
		Check: func(r policy.Resource, s *policy.Stack) []string {
			sg, ok := attachedTo(s, "aws_default_security_group", "vpc_id", r)
			if !ok {
				return []string{"the default security group is left with AWS's allow-all rules"}
			}
			if sg.Attrs.Get("ingress") != nil || sg.Attrs.Get("egress") != nil {
				return []string{"the default security group has rules"}
			}
			return nil
		},
	}
}
