package rules

import "github.com/platform-team/webstack/policy"

// albWAF: an internet-facing production load balancer takes requests from
// anyone; a web ACL filters the common exploits and floods before they reach
// the instances (AWS FSBP WAF and ELB guidance; checkov CKV2_AWS_28).
func albWAF() policy.Rule {
	return policy.Rule{
		ID:          "WS-ALB-8",
		Level:       policy.Error,
		Severity:    policy.High,
		Description: "Internet-facing load balancers of environments declared production are behind a web ACL (AWS WAF)",
		Controls:    []string{"CKV2_AWS_28", "ELB.16"},
		Fix:         `set waf.mode to "managed" (the default when production is true) or "existing" with waf.web_acl_arn`,
		Types:       []string{"aws_lb", "aws_alb"},
		Check: func(r policy.Resource, s *policy.Stack) []string {
			if internal, _ := r.Attrs.Bool("internal"); internal || !s.Intent.Production {
				return nil
			}
			if len(s.Referencing("aws_wafv2_web_acl_association", "resource_arn", r)) == 0 {
				return []string{"the environment is production and the load balancer is internet-facing, but no web ACL is associated with it"}
			}
			return nil
		},
	}
}

// productionHTTPS: a production environment that serves plain HTTP sends
// its users' traffic, cookies included, readable on the way. It can be a
// deliberate first step (no domain yet), so it warns rather than refuses.
func productionHTTPS() policy.Rule {
	return policy.Rule{
		ID:          "WS-ALB-9",
		Level:       policy.Warning,
		Severity:    policy.Medium,
		Description: "Load balancers of environments declared production serve HTTPS",
		Controls:    []string{"CKV_AWS_2", "ELB.1"},
		Fix:         `set https.mode to "acm" (a domain you own) or "certificate" (a certificate you bring)`,
		Types:       []string{"aws_lb", "aws_alb"},
		Check: func(r policy.Resource, s *policy.Stack) []string {
			if !s.Intent.Production {
				return nil
			}
			for _, typ := range []string{"aws_lb_listener", "aws_alb_listener"} {
				for _, l := range s.Referencing(typ, "load_balancer_arn", r) {
					if l.Attrs.Str("protocol") == "HTTPS" {
						return nil
					}
				}
			}
			return []string{"the environment is production but the load balancer serves plain HTTP only"}
		},
	}
}
