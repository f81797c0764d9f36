package rules

import (
	"fmt"

	"github.com/platform-team/webstack/policy"
)

func albMultiAZ() policy.Rule {
	return policy.Rule{
		ID:          "WS-ALB-7",
		Level:       policy.Error,
		Severity:    policy.Medium,
		Description: "Load balancers span at least two availability zones",
		Controls:    []string{"ELB.13"},
		Fix:         "set az_count to 2 or more; in code: place the load balancer in subnets of two or more AZs",
		Types:       []string{"aws_lb", "aws_alb"},
		Check: func(r policy.Resource, _ *policy.Stack) []string {
			n := len(r.Attrs.List("subnets")) + len(r.Attrs.Blocks("subnet_mapping"))
			if n < 2 {
				return []string{fmt.Sprintf("the load balancer is in %d subnet(s)", n)}
			}
			return nil
		},
	}
}
