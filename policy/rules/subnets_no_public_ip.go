package rules

import "github.com/platform-team/webstack/policy"

func subnetsNoPublicIP() policy.Rule {
	return policy.Rule{
		ID:          "WS-VPC-3",
		Level:       policy.Error,
		Severity:    policy.Medium,
		Description: "Subnets do not give instances public IP addresses on launch",
		Controls:    []string{"CKV_AWS_130", "AVD-AWS-0164", "EC2.15"},
		Fix:         "in code: set map_public_ip_on_launch = false (load balancers and NAT gateways get their addresses explicitly)",
		Types:       []string{"aws_subnet"},
		Check: func(r policy.Resource, _ *policy.Stack) []string {
			if isTrue(r.Attrs, "map_public_ip_on_launch") {
				return []string{"map_public_ip_on_launch is true"}
			}
			return nil
		},
	}
}
