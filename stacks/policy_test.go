package stacks

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"webstack/policy"
	"webstack/policy/rules"
)

// The shipped environments and every variant pass the whole policy; the only
// suppression is the reasoned one for the public load balancer.
func TestEveryVariantPassesThePolicy(t *testing.T) {
	res := synthAll(t)
	envs, err := LoadFiles(variantFiles(t)...)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range envs {
		rep := policy.Evaluate(res.stacks[e.ID], rules.All(), e.Config.Policy.Suppressions)
		for _, v := range rep.Violations {
			t.Errorf("%s: %s", e.ID, v)
		}
		for _, s := range e.Config.Policy.Suppressions {
			if s.Rule != "WS-ALB-6" || s.Resource != "webtier/alb" || len(s.Reason) < 40 {
				t.Errorf("%s: suppression %+v: only the documented public-ALB exception is allowed", e.ID, s)
			}
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
			rep := policy.Evaluate(s, rules.All(), env[0].Config.Policy.Suppressions)
			found := false
			for _, v := range rep.Violations {
				found = found || v.Rule.ID == tc.rule
			}
			if !found {
				t.Errorf("no %s violation; got %v", tc.rule, rep.Violations)
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

// A configuration that weakens the stack past what validation checks (short
// audit-log retention) fails synth with the rule, and writes nothing.
func TestPolicyViolationFailsSynth(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	body := `{"flow_logs": {"retention_days": 30}, "policy": {"suppressions": [{"rule": "WS-ALB-6",
	  "resource": "webtier/alb", "reason": "public web tier by design"}]}}`
	if err := os.WriteFile(filepath.Join(dir, "short.json"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	_, err := Synth(SynthOptions{EnvDir: dir, Outdir: out, Log: &log})
	var violations PolicyViolations
	if !errors.As(err, &violations) {
		t.Fatalf("want PolicyViolations, got %v", err)
	}
	msg := err.Error()
	for _, want := range []string{"short: WS-LOG-1 [MEDIUM] network/flow-log-group", "retention is 30 days", "Fix: set flow_logs.retention_days to 365"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
	if !strings.Contains(log.String(), "short: WS-ALB-6 suppressed on webtier/alb") {
		t.Errorf("suppressions must be printed on every synth, got %q", log.String())
	}
	if _, err := os.Stat(filepath.Join(out, "stacks", "short")); !os.IsNotExist(err) {
		t.Error("a stack was written although it violates the policy")
	}
}
