package rules

import (
	"slices"

	"github.com/platform-team/webstack/constructs/https/tlspolicy"
	"github.com/platform-team/webstack/policy"
)

func listenerTLSPolicy() policy.Rule {
	return policy.Rule{
		ID:          "WS-ALB-4",
		Level:       policy.Error,
		Severity:    policy.High,
		Description: "HTTPS listeners negotiate TLS 1.2 or later only",
		Controls:    []string{"CKV_AWS_103", "CKV2_AWS_74", "AVD-AWS-0047", "ELB.17"},
		Fix:         "set https.ssl_policy to ELBSecurityPolicy-TLS13-1-2-2021-06 or another TLS 1.2+ policy in constructs/https/tlspolicy",
		Types:       []string{"aws_lb_listener", "aws_alb_listener"},
		Check: func(r policy.Resource, _ *policy.Stack) []string {
			if r.Attrs.Str("protocol") != "HTTPS" {
				return nil
			}
			if p := r.Attrs.Str("ssl_policy"); !slices.Contains(tlspolicy.Allowed(), p) {
				return []string{"ssl_policy " + quote(p) + " allows protocols older than TLS 1.2"}
			}
			return nil
		},
	}
}

func quote(s string) string {
	if s == "" {
		return "(unset: the AWS default, which allows TLS 1.0)"
	}
	return `"` + s + `"`
}
