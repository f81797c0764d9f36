package tfhcl

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTemplates(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain", `"plain"`},
		{"${aws_vpc.main.id}", "aws_vpc.main.id"},
		{"${ aws_vpc.main.id }", "aws_vpc.main.id"},
		{"arn:${data.aws_partition.p.partition}:s3", `"arn:${data.aws_partition.p.partition}:s3"`},
		// A literal "${" stays escaped; quotes in literal text are escaped,
		// quotes inside an interpolation belong to the expression.
		{`say "$${HOME}" ${jsonencode({"a" = "}"})}`, `"say \"$${HOME}\" ${jsonencode({"a" = "}"})}"`},
		{`{"Principal":{"AWS":"arn:aws:iam::${data.x.y.account_id}:root"}}`,
			`"{\"Principal\":{\"AWS\":\"arn:aws:iam::${data.x.y.account_id}:root\"}}"`},
		{"${var.a}${var.b}", `"${var.a}${var.b}"`},
		{"${~var.a}", `"${~var.a}"`},
		{`${var.a ? "${var.b}-x" : "y"}`, `var.a ? "${var.b}-x" : "y"`},
		{"%{if var.a}x%{endif}", `"%{if var.a}x%{endif}"`},
		{"back\\slash\ttab", `"back\\slash\ttab"`},
		{"#!/bin/bash\necho ${var.x} \"hi\"\n", "<<EOT\n#!/bin/bash\necho ${var.x} \"hi\"\nEOT"},
		{"a\nEOT\nb\n", "<<EOT0\na\nEOT\nb\nEOT0"},
		{"one line\n", `"one line\n"`},
	}
	for _, c := range cases {
		w := &writer{}
		if got := w.template(c.in); got != c.want || w.err != nil {
			t.Errorf("template(%q) = %s (err %v); want %s", c.in, got, w.err, c.want)
		}
	}
	w := &writer{}
	w.template("${unterminated")
	if w.err == nil {
		t.Error("an unterminated interpolation must be an error")
	}
}

func TestWriteShapes(t *testing.T) {
	cfg := `{
	  "terraform": {"required_providers": {"aws": {"source": "hashicorp/aws", "version": ">= 5.0"}},
	                "backend": {"local": {"path": "terraform.tfstate"}}, "required_version": ">= 1.10.0"},
	  "provider": {"aws": [{"region": "us-east-1", "default_tags": [{"tags": {"Project": "x"}}]}]},
	  "variable": {"endpoint": {"type": "string", "default": "http://$x", "description": "where"}},
	  "resource": {"aws_launch_template": {"lt": {
	     "//": {"metadata": {"path": "s/webtier/lt"}},
	     "name": "n", "depends_on": ["aws_vpc.v"],
	     "metadata_options": {"http_tokens": "required"},
	     "tags": {"Name": "n", "${var.k}": "v"},
	     "block_device_mappings": [{"device_name": "/dev/xvda", "ebs": {"encrypted": true, "volume_size": 8}}],
	     "lifecycle": {"ignore_changes": ["tag_specifications"], "create_before_destroy": true,
	                   "precondition": [{"condition": "${length(var.x) > 1}", "error_message": "need \"two\""}]}}}},
	  "output": {"id": {"value": "${aws_launch_template.lt.id}", "description": "the id"}}
	}`
	out, err := Write([]byte(cfg))
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	for _, want := range []string{
		"terraform {\n  backend \"local\" {\n    path = \"terraform.tfstate\"\n  }\n  required_providers {\n    aws = { source = \"hashicorp/aws\", version = \">= 5.0\" }\n  }\n  required_version = \">= 1.10.0\"\n}",
		"provider \"aws\" {\n  region = \"us-east-1\"\n  default_tags {\n    tags = {\n      \"Project\" = \"x\"\n    }\n  }\n}",
		"variable \"endpoint\" {\n  default = \"http://$x\"\n  description = \"where\"\n  type = string\n}",
		"# s/webtier/lt\nresource \"aws_launch_template\" \"lt\" {\n  depends_on = [aws_vpc.v]\n",
		"  metadata_options {\n    http_tokens = \"required\"\n  }",
		"  block_device_mappings {\n    device_name = \"/dev/xvda\"\n    ebs {\n      encrypted = true\n      volume_size = 8\n    }\n  }",
		"    \"${var.k}\" = \"v\"",
		"  lifecycle {\n    create_before_destroy = true\n    ignore_changes = [tag_specifications]\n    precondition {\n      condition = length(var.x) > 1\n      error_message = \"need \\\"two\\\"\"\n    }\n  }\n}",
		"output \"id\" {\n  description = \"the id\"\n  value = aws_launch_template.lt.id\n}",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks:\n%s\n--- got:\n%s", want, got)
		}
	}
	if strings.Contains(got, "uniqueId") || strings.Contains(got, "metadata = ") {
		t.Error("cdktf's metadata comments must not become arguments")
	}

	// A resource's "alias" is a block (aws_route53_record), a provider's an argument.
	out, err = Write([]byte(`{"provider": {"aws": [{"alias": "east", "region": "us-east-1"}]},
	  "resource": {"aws_route53_record": {"r": {"name": "a", "type": "A", "zone_id": "Z1", "provider": "aws.east",
	    "alias": {"name": "${aws_lb.x.dns_name}", "zone_id": "Z2", "evaluate_target_health": true}}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	got = string(out)
	for _, want := range []string{"provider \"aws\" {\n  alias = \"east\"\n", "  provider = aws.east\n",
		"  alias {\n    evaluate_target_health = true\n    name = aws_lb.x.dns_name\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks:\n%s\n--- got:\n%s", want, got)
		}
	}

	if _, err := Write([]byte(`{"resource": {"aws_made_up": {"x": {}}}}`)); err == nil ||
		!strings.Contains(err.Error(), "aws_made_up") {
		t.Errorf("an unknown resource type: %v; want an error naming it", err)
	}
	if _, err := Write([]byte(`{"check": {}}`)); err == nil {
		t.Error("an unsupported top-level block must be an error, not dropped")
	}
}

// TestWriteEveryGolden: every golden converts (Terraform validates and plans
// the result in the e2e tests).
func TestWriteEveryGolden(t *testing.T) {
	files, _ := filepath.Glob("../../__snapshots__/*.json")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Write(data); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}
