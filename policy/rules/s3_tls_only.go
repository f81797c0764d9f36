package rules

import (
	"fmt"
	"slices"

	"github.com/platform-team/webstack/policy"
)

func s3TLSOnly() policy.Rule {
	return policy.Rule{
		ID:          "WS-S3-6",
		Level:       policy.Error,
		Severity:    policy.Medium,
		Description: "Bucket policies deny requests not made over TLS",
		Controls:    []string{"S3.5"},
		Fix:         `in code: add a Deny statement for s3:* on the bucket and its objects when "aws:SecureTransport" is "false"`,
		Types:       []string{"aws_s3_bucket"},
		Check: func(r policy.Resource, s *policy.Stack) []string {
			bp, ok := attachedTo(s, "aws_s3_bucket_policy", "bucket", r)
			if !ok {
				return []string{"no bucket policy"}
			}
			statements, err := policy.ParsePolicy(bp.Attrs.Str("policy"))
			if err != nil {
				return []string{err.Error()}
			}
			for _, st := range statements {
				cond, _ := st.Condition["Bool"].(map[string]any)
				if st.Effect == "Deny" && fmt.Sprint(cond["aws:SecureTransport"]) == "false" &&
					(slices.Contains(st.Action, "s3:*") || slices.Contains(st.Action, "*")) {
					return nil
				}
			}
			return []string{"the bucket policy does not deny insecure transport"}
		},
	}
}
