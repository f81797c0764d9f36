package rules

import "github.com/platform-team/webstack/policy"

func vpcFlowLogs() policy.Rule {
	return policy.Rule{
		ID:          "WS-VPC-2",
		Level:       policy.Error,
		Severity:    policy.Medium,
		Description: "Every VPC has flow logs",
		Controls:    []string{"CKV2_AWS_11", "AVD-AWS-0178", "EC2.6"},
		Fix:         "in code: add an aws_flow_log for the VPC (the network construct does)",
		Types:       []string{"aws_vpc"},
		Check: func(r policy.Resource, s *policy.Stack) []string {
			if _, ok := attachedTo(s, "aws_flow_log", "vpc_id", r); !ok {
				return []string{"no flow log records this VPC's traffic"}
			}
			return nil
		},
	}
}
