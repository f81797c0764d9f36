package stacks

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

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
		s.Intent = e.Config.intent()
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
			s.Intent = env[0].Config.intent()
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

// A configuration the policy refuses (production without deletion
// protection) fails synth with the rule, and writes nothing.
func TestPolicyErrorFailsSynth(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	write(t, dir, "live.json", `{"production": true, "alb_deletion_protection": false}`)
	var log bytes.Buffer
	_, err := Synth(SynthOptions{EnvDir: dir, Outdir: out, Log: &log})
	var violations PolicyViolations
	if !errors.As(err, &violations) {
		t.Fatalf("want PolicyViolations, got %v", err)
	}
	msg := err.Error()
	for _, want := range []string{"live: WS-ALB-2 [MEDIUM] webtier/alb", "the environment is production",
		"Fix: set alb_deletion_protection to true"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "stacks", "live")); !os.IsNotExist(err) {
		t.Error("a stack was written although it violates the policy")
	}
}

// A warning-level finding (flow logs kept 30 days) is printed once, in the
// stack's summary, and synth goes on; a suppression silences it and is
// printed instead. An error-level finding can be suppressed the same way.
func TestWarningsPrintAndSuppressionsWorkForBothLevels(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	write(t, dir, "short.json", `{"flow_logs": {"retention_days": 30}}`)
	write(t, dir, "quiet.json", `{"flow_logs": {"retention_days": 30}, "production": true, "alb_deletion_protection": false,
	  "policy": {"suppressions": [
	    {"rule": "WS-LOG-1", "resource": "network/flow-log-group", "reason": "test copy, torn down daily"},
	    {"rule": "WS-ALB-2", "resource": "webtier/alb", "reason": "load test environment, rebuilt each run"},
	    {"rule": "WS-ALB-9", "resource": "webtier/alb", "reason": "load test environment, no domain of its own"}]}}`)
	var log bytes.Buffer
	if _, err := Synth(SynthOptions{EnvDir: dir, Outdir: out, Log: &log}); err != nil {
		t.Fatalf("warnings and suppressed errors must not fail synth: %v", err)
	}
	got := log.String()
	for _, want := range []string{
		"short: 1 policy warning(s); synth goes on",
		"WS-LOG-1 [MEDIUM] network/flow-log-group", "retention is 30 days", "Fix: set flow_logs.retention_days to 365",
		"quiet: WS-LOG-1 suppressed on network/flow-log-group", "quiet: WS-ALB-2 suppressed on webtier/alb",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("log lacks %q:\n%s", want, got)
		}
	}
	if strings.Count(got, "policy warning(s)") != 1 || strings.Contains(got, "quiet: 1 policy warning") {
		t.Errorf("one summary for the stack with an unsuppressed warning, none for the other:\n%s", got)
	}
	for _, id := range []string{"short", "quiet"} {
		if _, err := os.Stat(filepath.Join(out, "stacks", id, "cdk.tf.json")); err != nil {
			t.Errorf("%s not written: %v", id, err)
		}
	}
}

// Every rule's fix either names environment-file keys that exist ("set
// flow_logs.retention_days to ...") or says "in code:"; never anything else.
func TestRuleFixesNameRealKeys(t *testing.T) {
	known := map[string]bool{}
	for _, k := range configKeys("", reflect.TypeOf(Config{})) {
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
