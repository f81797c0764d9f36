package review

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/platform-team/webstack/policy"
)

func TestMarkdownStaysUnderTheLimit(t *testing.T) {
	rep := Report{Base: "main", Head: "working tree"}
	for i := 0; i < 30; i++ {
		v := Variant{ID: fmt.Sprintf("v%02d", i), Status: Changed}
		for j := 0; j < 40; j++ {
			v.Diff.Changed = append(v.Diff.Changed, BlockChange{
				Block: Block{Addr: fmt.Sprintf("aws_subnet.s%d", j), Type: "aws_subnet", Resource: true},
				Attrs: []Attr{{Path: "tags.Name", Old: strings.Repeat("old", 10), New: strings.Repeat("new", 10)}},
			})
		}
		rep.Variants = append(rep.Variants, v)
	}
	rep.Variants = append(rep.Variants, Variant{ID: "zz", Status: Unchanged})
	for _, limit := range []int{CommentLimit, 20000} {
		md := rep.Markdown(limit)
		if n := utf8.RuneCountInString(md); n > limit {
			t.Errorf("limit %d: %d characters", limit, n)
		}
		if !strings.Contains(md, "**Truncated:**") {
			t.Errorf("limit %d: a cut report must say so", limit)
		}
		// The summary table is whole: every changed variant has its row.
		for _, v := range rep.Variants[:30] {
			if !strings.Contains(md, "| `"+v.ID+"` |") {
				t.Errorf("limit %d: no summary row for %s", limit, v.ID)
			}
		}
		if !strings.Contains(md, "Unchanged (1): `zz`") {
			t.Errorf("limit %d: unchanged variants are listed on one line", limit)
		}
	}
	small := Report{Base: "b", Head: "h", Variants: rep.Variants[:1]}
	if md := small.Markdown(0); strings.Contains(md, "Truncated") || !strings.Contains(md, "<details>") {
		t.Errorf("a small report is whole, its details collapsed:\n%s", md)
	}
}

func TestImpactsFromAPlan(t *testing.T) {
	var plan tfjson.Plan
	raw := `{"format_version":"1.2","resource_changes":[
	 {"address":"aws_lb.web","mode":"managed","type":"aws_lb","name":"web","change":{"actions":["delete","create"],
	  "before":{"name":"a-web","arn":"arn:1","idle_timeout":60,"customer_owned_ipv4_pool":""},
	  "after":{"name":"b-web","idle_timeout":60,"customer_owned_ipv4_pool":null},
	  "after_unknown":{"arn":true},"replace_paths":[["name"]]}},
	 {"address":"aws_vpc.net","mode":"managed","type":"aws_vpc","name":"net","change":{"actions":["update"],
	  "before":{"tags":{"Name":"a"},"id":"vpc-1"},"after":{"tags":{"Name":"b"},"id":"vpc-1"},"after_unknown":{}}},
	 {"address":"aws_subnet.gone","mode":"managed","type":"aws_subnet","name":"gone","change":{"actions":["delete"],"before":{},"after":null}},
	 {"address":"aws_s3_bucket.logs","mode":"managed","type":"aws_s3_bucket","name":"logs","change":{"actions":["delete"],"before":{},"after":null}},
	 {"address":"data.aws_ami.x","mode":"data","type":"aws_ami","name":"x","change":{"actions":["read"]}},
	 {"address":"aws_eip.same","mode":"managed","type":"aws_eip","name":"same","change":{"actions":["no-op"]}}]}`
	if err := json.Unmarshal([]byte(raw), &plan); err != nil {
		t.Fatal(err)
	}
	got := Impacts(&plan)
	if len(got) != 4 {
		t.Fatalf("%d impacts, want 4 (reads and no-ops left out): %+v", len(got), got)
	}
	lb := got[0]
	if lb.Address != "aws_lb.web" || lb.Action != ActionReplace || strings.Join(lb.ReplacePaths, ",") != "name" || lb.Risky == "" {
		t.Errorf("load balancer: %+v", lb)
	}
	if len(lb.Attrs) != 1 || renderAttr(lb.Attrs[0]) != `name: "a-web" → "b-web"` {
		t.Errorf("a replacement shows what the configuration changes, not unknowns or empty defaults: %v", lb.Attrs)
	}
	if b := got[1]; b.Action != ActionDelete || b.Risky == "" {
		t.Errorf("a destroyed bucket is risky: %+v", b)
	}
	if s := got[2]; s.Action != ActionDelete || s.Risky != "" {
		t.Errorf("a destroyed subnet is not flagged: %+v", s)
	}
	if v := got[3]; v.Action != ActionUpdate || len(v.Attrs) != 1 || v.Attrs[0].Path != "tags.Name" {
		t.Errorf("update: %+v", v)
	}
}

func TestComparePolicy(t *testing.T) {
	rule := func(id string, level policy.Level) policy.Rule { return policy.Rule{ID: id, Level: level} }
	res := policy.Resource{Path: "network/flow-log-group"}
	f := func(r policy.Rule, sup *policy.Suppression) policy.Finding {
		return policy.Finding{Rule: r, Resource: res, Detail: "d", Suppressed: sup}
	}
	logRule, bucketRule, gone := rule("WS-LOG-1", policy.Warning), rule("WS-S3-4", policy.Warning), rule("WS-X-1", "")
	base := policy.Report{Warnings: []policy.Finding{f(logRule, nil)}, Errors: []policy.Finding{f(gone, nil)}}
	head := policy.Report{
		Warnings:   []policy.Finding{f(bucketRule, nil)},
		Suppressed: []policy.Finding{f(logRule, &policy.Suppression{Reason: "short-lived dev logs"})},
	}
	d := ComparePolicy(base, head)
	if len(d.NewlyFailing) != 1 || d.NewlyFailing[0].Rule != "WS-S3-4" || d.NewlyFailing[0].Level != "warning" {
		t.Errorf("newly failing: %+v", d.NewlyFailing)
	}
	if len(d.NewlySuppressed) != 1 || d.NewlySuppressed[0].Reason != "short-lived dev logs" {
		t.Errorf("newly suppressed: %+v", d.NewlySuppressed)
	}
	if len(d.Resolved) != 1 || d.Resolved[0].Rule != "WS-X-1" || d.Resolved[0].Level != "error" {
		t.Errorf("resolved: %+v", d.Resolved)
	}
	if !ComparePolicy(base, base).Empty() {
		t.Error("the same report twice is no change")
	}
}
