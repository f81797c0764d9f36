package stacks

import (
	"encoding/json"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/platform-team/webstack/stacks/config"

	"github.com/platform-team/webstack/policy"
	"github.com/platform-team/webstack/policy/rules"
)

// The shipped environments and every variant pass the whole policy, each
// with its own declared intent.
func TestEveryVariantPassesThePolicy(t *testing.T) {
	res := synthAll(t)
	envs, err := LoadFiles(variantFiles(t)...)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range envs {
		s := res.stacks[e.ID]
		s.Intent = intent(e.Config)
		rep := policy.Evaluate(s, rules.All(), e.Config.Policy.Suppressions)
		for _, v := range rep.Errors {
			t.Errorf("%s: %s", e.ID, v)
		}
		if len(rep.Unused) > 0 {
			t.Errorf("%s: unused suppressions %v", e.ID, rep.Unused)
		}
	}
}

// A code change that weakens the stack must fail the policy naming the rule.
func TestWeakeningChangesFailNamingTheRule(t *testing.T) {
	raw := synthAll(t).raw["dev"]
	for _, tc := range []struct {
		name, rule string
		mutate     func(doc map[string]any)
	}{
		{"drop IMDSv2", "WS-EC2-1", func(doc map[string]any) {
			for _, lt := range blocks(doc, "aws_launch_template") {
				lt["metadata_options"].(map[string]any)["http_tokens"] = "optional"
			}
		}},
		{"SSH from the world", "WS-SG-3", func(doc map[string]any) {
			rules := doc["resource"].(map[string]any)["aws_vpc_security_group_ingress_rule"].(map[string]any)
			rules["ssh"] = map[string]any{"security_group_id": "${aws_security_group.x.id}", "ip_protocol": "tcp",
				"from_port": 22, "to_port": 22, "cidr_ipv4": "0.0.0.0/0", "description": "SSH"}
		}},
		{"unencrypted root volume", "WS-EC2-4", func(doc map[string]any) {
			for _, lt := range blocks(doc, "aws_launch_template") {
				lt["block_device_mappings"].([]any)[0].(map[string]any)["ebs"].(map[string]any)["encrypted"] = "false"
			}
		}},
		{"internet-facing load balancer declared internal", "WS-ALB-6", func(doc map[string]any) {
			// the dev file declares internet-facing; this stands for a
			// construct bug exposing a load balancer on another port
			for _, l := range blocks(doc, "aws_lb_listener") {
				l["port"] = 8080
			}
		}},
		{"public bucket", "WS-S3-1", func(doc map[string]any) {
			for _, pab := range blocks(doc, "aws_s3_bucket_public_access_block") {
				pab["block_public_policy"] = false
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var doc map[string]any
			if err := json.Unmarshal(raw, &doc); err != nil {
				t.Fatal(err)
			}
			tc.mutate(doc)
			data, _ := json.Marshal(doc)
			s, err := policy.ParseStack(data)
			if err != nil {
				t.Fatal(err)
			}
			env, _ := LoadFiles("../environments/dev.json")
			s.Intent = intent(env[0].Config)
			rep := policy.Evaluate(s, rules.All(), env[0].Config.Policy.Suppressions)
			found := false
			for _, v := range rep.Errors {
				found = found || v.Rule.ID == tc.rule
			}
			if !found {
				t.Errorf("no %s error; got %v", tc.rule, rep.Errors)
			}
		})
	}
}

func blocks(doc map[string]any, typ string) []map[string]any {
	var out []map[string]any
	for _, b := range doc["resource"].(map[string]any)[typ].(map[string]any) {
		out = append(out, b.(map[string]any))
	}
	return out
}

// Every rule's fix either names environment-file keys that exist ("set
// flow_logs.retention_days to ...") or says "in code:"; never anything else.
func TestRuleFixesNameRealKeys(t *testing.T) {
	known := map[string]bool{}
	for _, k := range configKeys("", reflect.TypeOf(config.Config{})) {
		known[k] = true
	}
	setKey := regexp.MustCompile(`\bset ([a-z_]+(?:\.[a-z_0-9]+)*)`)
	for _, r := range rules.All() {
		fix := r.Fix
		if !strings.HasPrefix(fix, "set ") && !strings.HasPrefix(fix, "in code: ") {
			t.Errorf("%s: fix %q must start with \"set <key>\" or \"in code: \"", r.ID, fix)
		}
		code := strings.Index(fix, "in code:")
		for _, m := range setKey.FindAllStringSubmatchIndex(fix, -1) {
			if code >= 0 && m[0] > code {
				break // after "in code:", set names a Terraform argument
			}
			if key := fix[m[2]:m[3]]; !known[key] {
				t.Errorf("%s: fix names %q, which is not an environment-file key", r.ID, key)
			}
		}
	}
}
