package main

import (
	"encoding/json"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
)

// TestPlanSummary: counts, then every replacement (with what forces it, or
// that it is tainted) and destruction; the steps an apply reports count a replacement twice.
func TestPlanSummary(t *testing.T) {
	var plan tfjson.Plan
	raw := `{"format_version":"1.2","resource_changes":[
	 {"address":"aws_lb.web","mode":"managed","type":"aws_lb","name":"web","change":{"actions":["delete","create"],
	  "before":{"name":"a"},"after":{"name":"b"},"replace_paths":[["name"]]}},
	 {"address":"aws_subnet.gone","mode":"managed","type":"aws_subnet","name":"gone","change":{"actions":["delete"],"before":{}}},
	 {"address":"aws_vpc.net","mode":"managed","type":"aws_vpc","name":"net","change":{"actions":["update"],
	  "before":{"tags":{"Name":"a"}},"after":{"tags":{"Name":"b"}}}},
	 {"address":"aws_eip.new","mode":"managed","type":"aws_eip","name":"new","change":{"actions":["create"],"after":{}}},
	 {"address":"aws_kms_key.half","mode":"managed","type":"aws_kms_key","name":"half","action_reason":"replace_because_tainted",
	  "change":{"actions":["delete","create"],"before":{},"after":{}}},
	 {"address":"data.aws_ami.x","mode":"data","type":"aws_ami","name":"x","change":{"actions":["read"]}}]}`
	if err := json.Unmarshal([]byte(raw), &plan); err != nil {
		t.Fatal(err)
	}
	lines, steps := planSummary(&plan)
	want := []string{
		"plan: 1 to add, 1 to change, 2 to replace, 1 to destroy",
		"  destroy aws_subnet.gone",
		"  replace aws_kms_key.half (tainted: its create did not finish — an interrupted run — so Terraform makes it again)",
		"  replace aws_lb.web (forced by name)",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("summary:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if steps != 7 {
		t.Errorf("steps %d, want 7 (a replacement completes twice)", steps)
	}
}

// TestProgressCountsCompletions: one line per completed resource, counted
// towards the plan's steps, however Terraform's output is chunked.
func TestProgressCountsCompletions(t *testing.T) {
	var out strings.Builder
	p := newProgress(&out)
	p.total = 3
	p.Write([]byte("aws_vpc.net: Creating...\naws_vpc.net: Creation complete after 2s [id=vpc-1]\naws_lb.web: Modifi"))
	p.Write([]byte("cations complete after 10s\n  aws_eip.x: Destruction complete after 1s\n"))
	want := "    [1/3] created aws_vpc.net (2s)\n    [2/3] updated aws_lb.web (10s)\n    [3/3] destroyed aws_eip.x (1s)\n"
	if out.String() != want || p.done != 3 {
		t.Errorf("got %q (done %d), want %q", out.String(), p.done, want)
	}
}
