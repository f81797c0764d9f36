package rules

import (
	"slices"
	"strings"

	"github.com/platform-team/webstack/policy"
)

func iamNoStarOnStar() policy.Rule {
	return policy.Rule{
		ID:       "WS-IAM-1",
		Level:    policy.Error,
		Severity: policy.High,
		Description: "No policy allows every action on every resource; identity policies allow no " +
			"service-wide wildcard on every resource",
		Controls: []string{"CKV_AWS_62", "CKV_AWS_63", "CKV_AWS_286", "CKV_AWS_287", "CKV_AWS_288", "CKV_AWS_289",
			"CKV_AWS_290", "CKV_AWS_355", "AVD-AWS-0057", "IAM.1", "IAM.21"},
		Fix:   "in code: name the actions the holder needs and the resources (ARNs) it needs them on",
		Types: policyTypes(),
		Check: func(r policy.Resource, _ *policy.Stack) []string {
			var out []string
			// Identity policies grant to whoever holds them: there "service:*" on
			// "*" is as broad as it gets. (In a key policy "*" is the key itself.)
			identity := slices.Contains([]string{"aws_iam_role_policy", "aws_iam_policy", "aws_iam_user_policy",
				"aws_iam_group_policy", "aws_iam_role"}, r.Type)
			for _, d := range policyDocuments(r) {
				attr, doc := d.attr, d.json
				if attr == "assume_role_policy" {
					continue // trust policies are WS-IAM-2's
				}
				statements, err := policy.ParsePolicy(doc)
				if err != nil {
					out = append(out, attr+": "+err.Error())
					continue
				}
				for _, st := range statements {
					if st.Effect != "Allow" || !slices.Contains(st.Resource, "*") {
						continue
					}
					for _, a := range st.Action {
						if a == "*" || (identity && strings.HasSuffix(a, ":*")) {
							out = append(out, attr+" allows "+a+` on "*"`)
						}
					}
				}
			}
			return out
		},
	}
}
