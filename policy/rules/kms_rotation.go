package rules

import "github.com/platform-team/webstack/policy"

func kmsRotation() policy.Rule {
	return policy.Rule{
		ID:          "WS-KMS-1",
		Level:       policy.Error,
		Severity:    policy.Medium,
		Description: "Customer-managed KMS keys rotate their key material",
		Controls:    []string{"CKV_AWS_7", "AVD-AWS-0065"},
		Fix:         "in code: set enable_key_rotation = true",
		Types:       []string{"aws_kms_key"},
		Check: func(r policy.Resource, _ *policy.Stack) []string {
			if spec := r.Attrs.Str("customer_master_key_spec"); spec != "" && spec != "SYMMETRIC_DEFAULT" {
				return nil // AWS rotates symmetric keys only
			}
			if !isTrue(r.Attrs, "enable_key_rotation") {
				return []string{"key rotation is off"}
			}
			return nil
		},
	}
}
