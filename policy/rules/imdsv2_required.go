package rules

import "github.com/platform-team/webstack/policy"

func imdsv2Required() policy.Rule {
	return policy.Rule{
		ID:          "WS-EC2-1",
		Level:       policy.Error,
		Severity:    policy.High,
		Description: "Launch templates require IMDSv2 (session tokens) for instance metadata",
		Controls:    []string{"CKV_AWS_79", "AVD-AWS-0130", "EC2.170", "AutoScaling.3"},
		Fix:         `in code: set metadata_options { http_tokens = "required" } on the launch template`,
		Types:       []string{"aws_launch_template", "aws_instance"},
		Check: func(r policy.Resource, _ *policy.Stack) []string {
			m := r.Attrs.Block("metadata_options")
			if m.Str("http_endpoint") == "disabled" {
				return nil
			}
			if m.Str("http_tokens") != "required" {
				return []string{"metadata_options.http_tokens is " + quote(m.Str("http_tokens")) + ", so IMDSv1 answers without a token"}
			}
			return nil
		},
	}
}
