package emutarget

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func retarget(t *testing.T, config string, o Options) map[string]any {
	t.Helper()
	data, err := Retarget([]byte(config), o)
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]any
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

func at(v any, path ...string) any {
	for _, p := range path {
		m, _ := v.(map[string]any)
		v = m[p]
	}
	return v
}

func ignored(c map[string]any, typ, name string) string {
	list, _ := at(c, "resource", typ, name, "lifecycle", "ignore_changes").([]any)
	var out []string
	for _, a := range list {
		out = append(out, a.(string))
	}
	return strings.Join(out, ",")
}

// TestRetarget: every AWS provider block (aliases too) gets dummy
// credentials and no endpoints block (an older retarget's goes, with its
// variable); each gap is ignored beside
// what the resource ignores already, except where it ignores everything; a
// rule whose peer is a CIDR keeps its description.
func TestRetarget(t *testing.T) {
	config := `{
	  "//": {"metadata": {"stackName": "dev"}},
	  "terraform": {"backend": {"s3": {"bucket": "b", "key": "k"}}},
	  "variable": {"emulator_endpoint": {"type": "string"}},
	  "provider": {"aws": [{"region": "eu-west-1"}, {"alias": "us", "region": "us-east-1",
	    "endpoints": [{"ec2": "${var.emulator_endpoint}"}]}]},
	  "resource": {
	    "aws_autoscaling_policy": {"p": {"name": "x", "lifecycle": {"ignore_changes": ["name"]}}},
	    "aws_vpc_security_group_ingress_rule": {
	      "peer": {"referenced_security_group_id": "${aws_security_group.a.id}"},
	      "cidr": {"cidr_ipv4": "0.0.0.0/0"}},
	    "aws_launch_template": {"lt": {"lifecycle": {"ignore_changes": "all"}}}
	  }}`
	c := retarget(t, config, Options{})
	aws, _ := at(c, "provider", "aws").([]any)
	if len(aws) != 2 || at(aws[1], "alias") != "us" || at(aws[1], "region") != "us-east-1" {
		t.Fatalf("every provider block keeps its alias and region: %v", aws)
	}
	for _, block := range aws {
		if at(block, "endpoints") != nil || at(block, "access_key") != "test" || at(block, "s3_use_path_style") != true {
			t.Errorf("provider block not retargeted: %v", block)
		}
	}
	if at(c, "variable") != nil {
		t.Errorf("the emulator's address comes from %s, not a variable: %v", EndpointVar, at(c, "variable"))
	}
	if at(c, "terraform", "backend", "s3", "bucket") != "b" || at(c, "terraform", "backend", "s3", "use_path_style") != true {
		t.Errorf("an S3 backend is kept, with the emulator's settings: %v", at(c, "terraform", "backend"))
	}
	if at(c, "data", "aws_iam_policy", preflight, "arn") != ManagedPolicyProbe ||
		at(c, "data", "aws_iam_policy", preflight, "//", "metadata", "path") != "dev/emulator-preflight" {
		t.Errorf("preflight: %v", at(c, "data"))
	}
	if got := ignored(c, "aws_autoscaling_policy", "p"); got != "enabled,name,predictive_scaling_configuration" {
		t.Errorf("scaling policy ignores %q", got)
	}
	if got := ignored(c, "aws_vpc_security_group_ingress_rule", "peer"); got != "description" {
		t.Errorf("group-peer rule ignores %q", got)
	}
	if at(c, "resource", "aws_vpc_security_group_ingress_rule", "cidr", "lifecycle") != nil {
		t.Error("a CIDR-peer rule has no gap")
	}
	if got := at(c, "resource", "aws_launch_template", "lt", "lifecycle", "ignore_changes"); got != "all" {
		t.Errorf("a resource that ignores all changes is left alone, got %v", got)
	}
	local := retarget(t, config, Options{LocalState: true})
	if b := at(local, "terraform", "backend").(map[string]any); len(b) != 1 || at(b, "local", "path") != "terraform.tfstate" {
		t.Errorf("LocalState: backend %v", b)
	}
}

// TestRetargetDropsWaits: a terraform_data that only sleeps for AWS goes, and
// what depended on it depends on what it waited for, in its place; other
// terraform_data resources stay.
func TestRetargetDropsWaits(t *testing.T) {
	c := retarget(t, `{"resource": {
	  "terraform_data": {
	    "settle": {"depends_on": ["aws_s3_bucket_policy.p"], "provisioner": [{"local-exec": {"command": "sleep 60"}}]},
	    "script": {"provisioner": [{"local-exec": {"command": "./deploy.sh"}}]}},
	  "aws_lb": {"alb": {"depends_on": ["terraform_data.settle", "aws_s3_bucket_policy.p", "aws_s3_bucket.b"]}}}}`, Options{})
	if at(c, "resource", "terraform_data", "settle") != nil || at(c, "resource", "terraform_data", "script") == nil {
		t.Errorf("terraform_data: %v", at(c, "resource", "terraform_data"))
	}
	deps, _ := at(c, "resource", "aws_lb", "alb", "depends_on").([]any)
	if !slices.Equal(deps, []any{"aws_s3_bucket_policy.p", "aws_s3_bucket.b"}) {
		t.Errorf("depends_on %v", deps)
	}
}

// TestGoldensRetargetAlike: a golden synthesized for the emulator is what
// Retarget makes of it (so a fresh synth and make review's edit of any
// golden agree), and Retarget is idempotent on every golden.
func TestGoldensRetargetAlike(t *testing.T) {
	goldens, err := filepath.Glob("../../__snapshots__/*.json")
	if err != nil || len(goldens) == 0 {
		t.Fatalf("no goldens: %v", err)
	}
	for _, path := range goldens {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		once, err := Retarget(data, Options{})
		if err != nil {
			t.Fatal(err)
		}
		twice, err := Retarget(once, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(once, twice) {
			t.Errorf("%s: Retarget is not idempotent", path)
		}
		if bytes.Contains(once, []byte(`"sleep `)) {
			t.Errorf("%s: a wait for AWS survives the retarget", path)
		}
		if strings.Contains(string(data), `"skip_credentials_validation": true`) && !bytes.Equal(once, data) {
			t.Errorf("%s: an emulator golden changes when retargeted again", path)
		}
	}
}
