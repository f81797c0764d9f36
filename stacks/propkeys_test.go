package stacks

import (
	"strings"
	"testing"

	"github.com/platform-team/webstack/constructs/webtier"
	"github.com/platform-team/webstack/field"
	"github.com/platform-team/webstack/naming/random"
	"github.com/platform-team/webstack/stacks/config"
)

// sourceCases are configurations that between them make every part build
// every prop it can: own and existing network, each WAF mode.
func sourceCases(t *testing.T) map[string]config.Config {
	t.Helper()
	cases := map[string]config.Config{}
	for name, body := range map[string]string{
		"defaults":     `{}`,
		"existing-vpc": `{"existing_vpc": {"vpc_id": "vpc-0a1b2c3d", "private_subnet_ids": ["subnet-0a1b2c3d", "subnet-0a1b2c3e"]}, "alb_scheme": "internal"}`,
		"waf-managed":  `{"production": true}`,
		"waf-existing": `{"waf": {"mode": "existing", "web_acl_arn": "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/a/0a1b2c3d-0a1b-0a1b-0a1b-0a1b2c3d4e5f"}}`,
	} {
		env, ps := Parse("environments/"+name+".json", []byte(body))
		if len(ps) > 0 {
			t.Fatalf("%s: %v", name, ps)
		}
		cases[name] = env.Config
	}
	return cases
}

// TestEveryPropHasASource: every prop of every part's construct comes from
// an environment-file key, from wiring, or from nowhere (the construct's
// default), as its part declares. A prop a part fills from the file without
// naming its key, or a key mapping removed, fails here: an error about that
// prop would otherwise reach a user as "internal error".
func TestEveryPropHasASource(t *testing.T) {
	for name, c := range sourceCases(t) {
		w := placeholderWiring(c)
		for _, p := range parts {
			for _, keys := range p.sources(c, w) {
				if missing := keys.withoutSource(); len(missing) > 0 {
					t.Errorf("%s: %s props %v come from no key, wiring or default: declare their source", name, keys.construct, missing)
				}
				if len(keys.keys) == 0 && keys.construct != "keys" {
					t.Errorf("%s: %s has no prop from a key", name, keys.construct)
				}
			}
		}
	}
}

// TestKeysNameProblemsAndReferences: a construct's error on a prop from a key
// names the key, below it ("[2]", ".Team"), and in the props its message
// refers to; an error on a wired prop is an internal error, not a key.
func TestKeysNameProblemsAndReferences(t *testing.T) {
	c := sourceCases(t)["defaults"]
	_, keys := webTierPart{}.props(c, placeholderWiring(c))
	errs := field.Errors{
		{Path: "AllowedCidrs[2]", Kind: field.Invalid, Detail: "bad"},
		{Path: "Tags.Team", Kind: field.Invalid, Detail: "bad"},
		{Path: "Tags.Project", Kind: field.Invalid, Detail: "bad"},
		{Path: "HealthCheck.TimeoutSeconds", Kind: field.Forbidden, Detail: "must be below " + field.Ref("HealthCheck.IntervalSeconds")},
		{Path: "VpcID", Kind: field.Required, Detail: "wired"},
	}
	ps := keys.problems(errs)
	want := []string{"allowed_cidrs[2]", "tags.Team", "project", "health_check.timeout", ""}
	for i, p := range ps {
		if p.Field.String() != want[i] {
			t.Errorf("%s → %q, want %q", errs[i].Path, p.Field, want[i])
		}
	}
	if ps[3].Msg != "must be below health_check.interval" || ps[4].Kind != config.KindInternal || !strings.Contains(ps[4].Msg, "internal error") {
		t.Errorf("got %v", ps)
	}
}

// TestPackagesAgreeOnLimits: what package config must know without the
// constructs (it imports no jsii) is theirs.
func TestPackagesAgreeOnLimits(t *testing.T) {
	if config.SuffixLength != random.SuffixLength || config.MaxUserDataBytes != webtier.MaxUserDataBytes {
		t.Errorf("config's suffix length %d and user-data limit %d differ from naming/random's %d and webtier's %d",
			config.SuffixLength, config.MaxUserDataBytes, random.SuffixLength, webtier.MaxUserDataBytes)
	}
}
