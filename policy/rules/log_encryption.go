package rules

import "github.com/platform-team/webstack/policy"

func logEncryption() policy.Rule {
	return policy.Rule{
		ID:          "WS-LOG-2",
		Level:       policy.Error,
		Severity:    policy.Medium,
		Description: "Log groups are encrypted with a customer-managed KMS key",
		Controls:    []string{"CKV_AWS_158", "AVD-AWS-0017"},
		Fix:         "in code: set kms_key_id on the log group (the stack's key from constructs/keys allows CloudWatch Logs)",
		Types:       []string{"aws_cloudwatch_log_group"},
		Check: func(r policy.Resource, _ *policy.Stack) []string {
			if r.Attrs.Str("kms_key_id") == "" {
				return []string{"no kms_key_id"}
			}
			return nil
		},
	}
}
