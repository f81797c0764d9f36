package rules

import "github.com/platform-team/webstack/policy"

func s3ACLsDisabled() policy.Rule {
	return policy.Rule{
		ID:          "WS-S3-5",
		Level:       policy.Error,
		Severity:    policy.Medium,
		Description: "Buckets have ACLs disabled (the bucket owner owns every object)",
		Controls:    []string{"CKV2_AWS_65", "S3.12"},
		Fix:         `in code: add an aws_s3_bucket_ownership_controls with object_ownership "BucketOwnerEnforced"`,
		Types:       []string{"aws_s3_bucket"},
		Check: func(r policy.Resource, s *policy.Stack) []string {
			oc, ok := attachedTo(s, "aws_s3_bucket_ownership_controls", "bucket", r)
			if !ok || oc.Attrs.Str("rule.object_ownership") != "BucketOwnerEnforced" {
				return []string{"object ownership is not BucketOwnerEnforced, so ACLs still apply"}
			}
			return nil
		},
	}
}
