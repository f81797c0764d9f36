// Package rules is the security policy of webstack: one rule per file, each a
// policy.Rule with its id, severity, description, the public controls it
// implements (../shared/security-rules.md) and a pure check.
package rules

import (
	"fmt"

	"github.com/platform-team/webstack/policy"
)

// All returns every rule. A rule file defines a function returning its rule;
// a rule missing here is caught by the fixture test, which wants a fixture
// pair for every rule and a rule for every fixture pair.
func All() []policy.Rule {
	return []policy.Rule{
		albDropsInvalidHeaders(), albDeletionProtection(), albAccessLogs(), listenerTLSPolicy(),
		httpRedirectsToHTTPS(), albInternetFacing(), albMultiAZ(), albWAF(), productionHTTPS(),
		imdsv2Required(), imdsHopLimit(), noPublicIPAtLaunch(), ebsEncrypted(),
		asgLaunchTemplate(), asgELBHealthChecks(), asgMultiAZ(),
		sgDescription(), sgRuleDescription(), noAdminPortsFromWorld(), worldIngressOnlyToLoadBalancer(), noUnrestrictedEgress(),
		defaultSecurityGroupClosed(), vpcFlowLogs(), subnetsNoPublicIP(), vpcSSMEndpoints(),
		s3PublicAccessBlock(), s3Encryption(), s3Versioning(), s3Lifecycle(), s3ACLsDisabled(), s3TLSOnly(),
		iamNoStarOnStar(), iamScopedPrincipals(), iamNoAdminPolicies(),
		logRetention(), logEncryption(), snsEncryption(), kmsRotation(),
	}
}

// ByID returns the rule with the given id.
func ByID(id string) (policy.Rule, bool) {
	for _, r := range All() {
		if r.ID == id {
			return r, true
		}
	}
	return policy.Rule{}, false
}

// isTrue reads a boolean argument; unset is false.
func isTrue(a policy.Attrs, path string) bool {
	v, _ := a.Bool(path)
	return v
}

// document is a policy document and the attribute that holds it.
type document struct{ attr, json string }

// policyDocuments returns the policy documents a resource carries.
func policyDocuments(r policy.Resource) []document {
	attrs := map[string][]string{
		"aws_iam_role":         {"assume_role_policy"},
		"aws_iam_role_policy":  {"policy"},
		"aws_iam_policy":       {"policy"},
		"aws_iam_user_policy":  {"policy"},
		"aws_iam_group_policy": {"policy"},
		"aws_s3_bucket_policy": {"policy"},
		"aws_sns_topic_policy": {"policy"},
		"aws_sns_topic":        {"policy"},
		"aws_kms_key":          {"policy"},
	}[r.Type]
	var out []document
	for _, a := range attrs {
		if doc := r.Attrs.Str(a); doc != "" {
			out = append(out, document{a, doc})
		}
	}
	for i, inline := range r.Attrs.Blocks("inline_policy") {
		if doc := inline.Str("policy"); doc != "" {
			out = append(out, document{fmt.Sprintf("inline_policy[%d].policy", i), doc})
		}
	}
	return out
}

// policyTypes are the resource types policyDocuments reads.
func policyTypes() []string {
	return []string{"aws_iam_role", "aws_iam_role_policy", "aws_iam_policy", "aws_iam_user_policy",
		"aws_iam_group_policy", "aws_s3_bucket_policy", "aws_sns_topic_policy", "aws_sns_topic", "aws_kms_key"}
}

// attachedTo finds the resource of type typ whose attribute attr names target
// (e.g. the versioning block of a bucket).
func attachedTo(s *policy.Stack, typ, attr string, target policy.Resource) (policy.Resource, bool) {
	rs := s.Referencing(typ, attr, target)
	if len(rs) == 0 {
		return policy.Resource{}, false
	}
	return rs[0], true
}
