package rules

import "github.com/platform-team/webstack/policy"

func noPublicIPAtLaunch() policy.Rule {
	return policy.Rule{
		ID:          "WS-EC2-3",
		Level:       policy.Error,
		Severity:    policy.High,
		Description: "Launched instances get no public IP address",
		Controls:    []string{"CKV_AWS_88", "EC2.25"},
		Fix:         `in code: set network_interfaces { associate_public_ip_address = "false" } and launch into private subnets`,
		Types:       []string{"aws_launch_template", "aws_instance"},
		Check: func(r policy.Resource, _ *policy.Stack) []string {
			if isTrue(r.Attrs, "associate_public_ip_address") {
				return []string{"associate_public_ip_address is true"}
			}
			for _, ni := range r.Attrs.Blocks("network_interfaces") {
				if isTrue(ni, "associate_public_ip_address") {
					return []string{"a network interface associates a public IP address"}
				}
			}
			if r.Type == "aws_launch_template" && len(r.Attrs.Blocks("network_interfaces")) == 0 {
				return []string{"no network_interfaces block: whether instances get a public IP is left to the subnet"}
			}
			return nil
		},
	}
}
