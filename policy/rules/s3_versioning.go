package rules

import "github.com/platform-team/webstack/policy"

func s3Versioning() policy.Rule {
	return policy.Rule{
		ID:          "WS-S3-3",
		Level:       policy.Error,
		Severity:    policy.Medium,
		Description: "Buckets keep object versions",
		Controls:    []string{"CKV_AWS_21", "AVD-AWS-0090"},
		Fix:         `in code: add an aws_s3_bucket_versioning with status "Enabled"`,
		Types:       []string{"aws_s3_bucket"},
		Check: func(r policy.Resource, s *policy.Stack) []string {
			v, ok := attachedTo(s, "aws_s3_bucket_versioning", "bucket", r)
			if !ok || v.Attrs.Str("versioning_configuration.status") != "Enabled" {
				return []string{"versioning is not enabled"}
			}
			return nil
		},
	}
}
