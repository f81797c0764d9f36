package rules

import "github.com/platform-team/webstack/policy"

func s3Encryption() policy.Rule {
	return policy.Rule{
		ID:          "WS-S3-2",
		Level:       policy.Error,
		Severity:    policy.High,
		Description: "Buckets encrypt objects at rest (SSE-S3 for ALB log buckets, the only kind log delivery supports)",
		Controls:    []string{"CKV_AWS_19", "AVD-AWS-0088"},
		Fix:         "in code: add an aws_s3_bucket_server_side_encryption_configuration (AES256 or aws:kms)",
		Types:       []string{"aws_s3_bucket"},
		Check: func(r policy.Resource, s *policy.Stack) []string {
			enc, ok := attachedTo(s, "aws_s3_bucket_server_side_encryption_configuration", "bucket", r)
			if !ok {
				return []string{"no default encryption configured"}
			}
			switch enc.Attrs.Str("rule.apply_server_side_encryption_by_default.sse_algorithm") {
			case "AES256", "aws:kms", "aws:kms:dsse":
				return nil
			}
			return []string{"the encryption rule names no algorithm"}
		},
	}
}
