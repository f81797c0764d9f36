package rules

import "github.com/platform-team/webstack/policy"

func snsEncryption() policy.Rule {
	return policy.Rule{
		ID:          "WS-SNS-1",
		Level:       policy.Error,
		Severity:    policy.Medium,
		Description: "SNS topics are encrypted at rest",
		Controls:    []string{"CKV_AWS_26", "AVD-AWS-0095", "SNS.1"},
		Fix:         "in code: set kms_master_key_id to a key CloudWatch may use (the AWS-managed alias/aws/sns key it may not)",
		Types:       []string{"aws_sns_topic"},
		Check: func(r policy.Resource, _ *policy.Stack) []string {
			if r.Attrs.Str("kms_master_key_id") == "" {
				return []string{"no kms_master_key_id"}
			}
			return nil
		},
	}
}
