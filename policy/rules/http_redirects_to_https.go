package rules

import "github.com/platform-team/webstack/policy"

func httpRedirectsToHTTPS() policy.Rule {
	return policy.Rule{
		ID:          "WS-ALB-5",
		Level:       policy.Error,
		Severity:    policy.High,
		Description: "When a load balancer serves HTTPS, its HTTP listeners only redirect to HTTPS",
		Controls:    []string{"CKV_AWS_2", "CKV2_AWS_20", "AVD-AWS-0054", "ELB.1"},
		Fix:         "in code: make the HTTP listener's default action a redirect with protocol HTTPS",
		Types:       []string{"aws_lb_listener", "aws_alb_listener"},
		Check: func(r policy.Resource, s *policy.Stack) []string {
			if r.Attrs.Str("protocol") != "HTTP" {
				return nil
			}
			lb := r.Attrs.Str("load_balancer_arn")
			servesHTTPS := false
			for _, typ := range []string{"aws_lb_listener", "aws_alb_listener"} {
				for _, l := range s.OfType(typ) {
					if l.Attrs.Str("load_balancer_arn") == lb && l.Attrs.Str("protocol") == "HTTPS" {
						servesHTTPS = true
					}
				}
			}
			if !servesHTTPS {
				return nil // HTTP-only by design until HTTPS is switched on
			}
			for _, a := range r.Attrs.Blocks("default_action") {
				if a.Str("type") != "redirect" || a.Str("redirect.protocol") != "HTTPS" {
					return []string{"the load balancer serves HTTPS but this HTTP listener answers with " + a.Str("type")}
				}
			}
			return nil
		},
	}
}
