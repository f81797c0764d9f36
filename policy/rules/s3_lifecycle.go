package rules

import "github.com/platform-team/webstack/policy"

func s3Lifecycle() policy.Rule {
	return policy.Rule{
		ID:          "WS-S3-4",
		Level:       policy.Warning,
		Severity:    policy.Low,
		Description: "Buckets expire objects (and old versions) by a lifecycle rule",
		Controls:    []string{"CKV2_AWS_61", "S3.10", "S3.13"},
		Fix:         "in code: add an aws_s3_bucket_lifecycle_configuration with an enabled rule that expires objects",
		Types:       []string{"aws_s3_bucket"},
		Check: func(r policy.Resource, s *policy.Stack) []string {
			lc, ok := attachedTo(s, "aws_s3_bucket_lifecycle_configuration", "bucket", r)
			if !ok {
				return []string{"no lifecycle configuration"}
			}
			for _, rule := range lc.Attrs.Blocks("rule") {
				if rule.Str("status") == "Enabled" && (rule.Get("expiration") != nil || rule.Get("noncurrent_version_expiration") != nil) {
					return nil
				}
			}
			return []string{"no enabled rule expires anything"}
		},
	}
}
