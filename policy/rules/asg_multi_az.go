package rules

import (
	"fmt"

	"github.com/platform-team/webstack/policy"
)

func asgMultiAZ() policy.Rule {
	return policy.Rule{
		ID:          "WS-ASG-3",
		Level:       policy.Error,
		Severity:    policy.Medium,
		Description: "Auto Scaling groups span at least two availability zones",
		Controls:    []string{"AutoScaling.2"},
		Fix:         "set az_count to 2 or more; in code: give vpc_zone_identifier subnets in two or more AZs",
		Types:       []string{"aws_autoscaling_group"},
		Check: func(r policy.Resource, _ *policy.Stack) []string {
			n := len(r.Attrs.List("vpc_zone_identifier"))
			if n == 0 {
				n = len(r.Attrs.List("availability_zones"))
			}
			if n < 2 {
				return []string{fmt.Sprintf("the group spans %d subnet(s)/zone(s)", n)}
			}
			return nil
		},
	}
}
