package rules

import (
	"strings"

	"github.com/platform-team/webstack/policy"
)

func iamNoAdminPolicies() policy.Rule {
	return policy.Rule{
		ID:          "WS-IAM-3",
		Level:       policy.Error,
		Severity:    policy.High,
		Description: "No role gets an administrator-level AWS managed policy",
		Controls:    []string{"CKV_AWS_274"},
		Fix:         "in code: attach only the managed policies the role needs (web instances: AmazonSSMManagedInstanceCore)",
		Types:       []string{"aws_iam_role_policy_attachment", "aws_iam_policy_attachment", "aws_iam_role"},
		Check: func(r policy.Resource, _ *policy.Stack) []string {
			arns := append(r.Attrs.Strings("policy_arn"), r.Attrs.Strings("managed_policy_arns")...)
			var out []string
			for _, arn := range arns {
				for _, admin := range []string{"AdministratorAccess", "PowerUserAccess", "IAMFullAccess"} {
					if strings.HasSuffix(arn, ":policy/"+admin) {
						out = append(out, "attaches "+admin)
					}
				}
			}
			return out
		},
	}
}
