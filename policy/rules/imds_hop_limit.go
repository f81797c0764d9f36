package rules

import (
	"fmt"

	"github.com/platform-team/webstack/policy"
)

func imdsHopLimit() policy.Rule {
	return policy.Rule{
		ID:          "WS-EC2-2",
		Level:       policy.Error,
		Severity:    policy.Medium,
		Description: "Instance metadata answers one network hop only (no container reaches instance credentials)",
		Controls:    []string{"CKV_AWS_341", "AutoScaling.4"},
		Fix:         "in code: set metadata_options { http_put_response_hop_limit = 1 }",
		Types:       []string{"aws_launch_template", "aws_instance"},
		Check: func(r policy.Resource, _ *policy.Stack) []string {
			m := r.Attrs.Block("metadata_options")
			if m.Str("http_endpoint") == "disabled" {
				return nil
			}
			if hops, set := m.Num("http_put_response_hop_limit"); !set || hops != 1 {
				return []string{fmt.Sprintf("http_put_response_hop_limit is %v (unset means the AMI default)", m.Get("http_put_response_hop_limit"))}
			}
			return nil
		},
	}
}
