package rules

import (
	"fmt"

	"github.com/platform-team/webstack/policy"
)

// albInternetFacing: a public web tier is what this project builds, so an
// internet-facing load balancer is no exception to suppress. What matters is
// that the exposure was chosen (alb_scheme), and that what is exposed is a
// web entry point: listeners and admitted ports 80 and 443 only. That
// instances stay private is WS-EC2-3, WS-VPC-3 and WS-SG-4's business.
func albInternetFacing() policy.Rule {
	return policy.Rule{
		ID:          "WS-ALB-6",
		Level:       policy.Error,
		Severity:    policy.High,
		Description: "Load balancers are internet-facing only when declared (alb_scheme), and then serve 80 and 443 only",
		Controls:    []string{"AVD-AWS-0053"},
		Fix: `set alb_scheme to "internal" for a tier only the VPC reaches; a public tier (alb_scheme "internet-facing", ` +
			`the default) serves on 80 and 443 only`,
		Types: []string{"aws_lb", "aws_alb"},
		Check: func(r policy.Resource, s *policy.Stack) []string {
			if internal, _ := r.Attrs.Bool("internal"); internal {
				return nil
			}
			var out []string
			if s.Intent.Exposure != "internet-facing" {
				declared := s.Intent.Exposure
				if declared == "" {
					declared = "nothing"
				}
				out = append(out, fmt.Sprintf("the load balancer is internet-facing, but the environment declares %s", declared))
			}
			for _, typ := range []string{"aws_lb_listener", "aws_alb_listener"} {
				for _, l := range s.Referencing(typ, "load_balancer_arn", r) {
					if port, _ := l.Attrs.Num("port"); port != 80 && port != 443 {
						out = append(out, fmt.Sprintf("listener %s serves port %v to the internet", l.Path, port))
					}
				}
			}
			for _, group := range r.Attrs.Strings("security_groups") {
				for _, rule := range policy.IngressRulesOfGroup(s, group) {
					if rule.AllPorts() || rule.FromPort != rule.ToPort || (rule.FromPort != 80 && rule.FromPort != 443) {
						out = append(out, fmt.Sprintf("its security group admits ports %d-%d (protocol %s)", rule.FromPort, rule.ToPort, rule.Protocol))
					}
				}
			}
			return out
		},
	}
}
