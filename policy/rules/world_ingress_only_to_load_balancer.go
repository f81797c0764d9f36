package rules

import (
	"fmt"

	"github.com/platform-team/webstack/policy"
)

// worldIngressOnlyToLoadBalancer: the one thing a public web tier exposes is
// its load balancer, on HTTP and HTTPS.
func worldIngressOnlyToLoadBalancer() policy.Rule {
	return policy.Rule{
		ID:          "WS-SG-4",
		Level:       policy.Error,
		Severity:    policy.High,
		Description: "Only a load balancer's security group takes traffic from 0.0.0.0/0, on ports 80 and 443",
		Controls:    []string{"CKV_AWS_260", "CKV_AWS_277", "AVD-AWS-0107", "EC2.18"},
		Fix:         "set allowed_cidrs for the load balancer only; in code: reach instances through the load balancer and open other groups to named CIDRs or security groups only",
		Types:       policy.SGRuleTypes(),
		Check: func(r policy.Resource, s *policy.Stack) []string {
			var out []string
			for _, rule := range policy.SGRulesOf(r) {
				if !rule.Ingress {
					continue
				}
				web := func(o policy.SGRule) bool {
					return !o.AllPorts() && o.FromPort == o.ToPort && (o.FromPort == 80 || o.FromPort == 443)
				}
				// The group's rules on the same ports, judged together.
				open, share := policy.OpenToInternet(s, rule, func(o policy.SGRule) bool {
					return o.Protocol == rule.Protocol && o.FromPort <= rule.ToPort && rule.FromPort <= o.ToPort || o.AllPorts()
				})
				switch {
				case !open:
				case !web(rule):
					out = append(out, fmt.Sprintf("ports %d-%d (protocol %s) are open to %s", rule.FromPort, rule.ToPort, rule.Protocol, reach(rule.Cidrs, share)))
				case !fronted(s, rule.Group):
					out = append(out, fmt.Sprintf("port %d is open to %s on a group no load balancer uses", rule.FromPort, reach(rule.Cidrs, share)))
				}
			}
			return out
		},
	}
}

// fronted says whether a load balancer uses the security group group.
func fronted(s *policy.Stack, group string) bool {
	for _, typ := range []string{"aws_lb", "aws_alb"} {
		for _, lb := range s.OfType(typ) {
			for _, g := range lb.Attrs.Strings("security_groups") {
				if g == group {
					return true
				}
			}
		}
	}
	return false
}
