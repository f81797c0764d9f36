package rules

import "github.com/platform-team/webstack/policy"

func iamScopedPrincipals() policy.Rule {
	return policy.Rule{
		ID:          "WS-IAM-2",
		Level:       policy.Error,
		Severity:    policy.High,
		Description: `Trust and resource policies allow named principals only, never "*"`,
		Controls:    []string{"CKV_AWS_60", "CKV_AWS_61"},
		Fix:         "in code: name the service or account that needs access (a Deny for everyone, like a TLS-only rule, is fine)",
		Types:       policyTypes(),
		Check: func(r policy.Resource, _ *policy.Stack) []string {
			var out []string
			for _, d := range policyDocuments(r) {
				attr, doc := d.attr, d.json
				statements, err := policy.ParsePolicy(doc)
				if err != nil {
					out = append(out, attr+": "+err.Error())
					continue
				}
				for _, st := range statements {
					if st.Effect != "Allow" {
						continue
					}
					for _, p := range st.PrincipalValues() {
						if p == "*" {
							out = append(out, attr+` allows any principal ("*")`)
						}
					}
				}
			}
			return out
		},
	}
}
