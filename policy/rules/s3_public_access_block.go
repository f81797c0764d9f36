package rules

import "github.com/platform-team/webstack/policy"

func s3PublicAccessBlock() policy.Rule {
	return policy.Rule{
		ID:          "WS-S3-1",
		Level:       policy.Error,
		Severity:    policy.High,
		Description: "Buckets block public access with all four settings",
		Controls: []string{"CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56", "CKV2_AWS_6",
			"AVD-AWS-0086", "AVD-AWS-0087", "AVD-AWS-0091", "AVD-AWS-0093", "AVD-AWS-0094", "S3.8"},
		Fix:   "in code: add an aws_s3_bucket_public_access_block with all four settings true",
		Types: []string{"aws_s3_bucket"},
		Check: func(r policy.Resource, s *policy.Stack) []string {
			pab, ok := attachedTo(s, "aws_s3_bucket_public_access_block", "bucket", r)
			if !ok {
				return []string{"no public access block"}
			}
			var out []string
			for _, k := range []string{"block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"} {
				if !isTrue(pab.Attrs, k) {
					out = append(out, k+" is not true")
				}
			}
			return out
		},
	}
}
