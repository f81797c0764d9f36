package waf

import (
	"errors"
	"strings"
	"testing"

	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/field"
	"github.com/platform-team/webstack/internal/synthtest"
	"github.com/platform-team/webstack/naming"
	"github.com/platform-team/webstack/policy"
)

const (
	lbArn   = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/0123456789abcdef"
	keyArn  = "arn:aws:kms:eu-west-1:123456789012:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"
	aclArn  = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shared/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"
	project = "shop"
)

func build(t *testing.T, p Props) (*policy.Stack, *WAF) {
	t.Helper()
	var w *WAF
	s := synthtest.Stack(t, func(stack cdktf.TerraformStack) {
		p.Namer, _ = naming.New(project, "prod", "abc123", 6)
		p.LoadBalancerArn = jsii.String(lbArn)
		var err error
		if w, err = NewWAF(stack, "waf", &p); err != nil {
			t.Fatal(err)
		}
	})
	return s, w
}

func TestOwnWebACL(t *testing.T) {
	s, w := build(t, Props{KmsKeyArn: jsii.String(keyArn)})
	acl, ok := s.ByPath("waf/web-acl")
	if !ok {
		t.Fatal("no web ACL")
	}
	if acl.Attrs.Str("scope") != "REGIONAL" || acl.Attrs.Get("default_action.allow") == nil {
		t.Errorf("want a regional ACL that allows what no rule blocks: %v", acl.Attrs)
	}
	rules := acl.Attrs.Blocks("rule")
	if len(rules) != len(ManagedRuleGroups)+1 {
		t.Fatalf("%d rules, want the %d managed groups and the rate limit", len(rules), len(ManagedRuleGroups))
	}
	priorities := map[float64]bool{}
	for i, r := range rules {
		p, _ := r.Num("priority")
		if priorities[p] {
			t.Errorf("rule %s: priority %v twice", r.Str("name"), p)
		}
		priorities[p] = true
		if on, _ := r.Bool("visibility_config.cloudwatch_metrics_enabled"); !on {
			t.Errorf("rule %s: metrics off", r.Str("name"))
		}
		if on, _ := r.Bool("visibility_config.sampled_requests_enabled"); !on {
			t.Errorf("rule %s: sampled requests off", r.Str("name"))
		}
		if i < len(ManagedRuleGroups) {
			if r.Str("statement.managed_rule_group_statement.name") != ManagedRuleGroups[i] ||
				r.Str("statement.managed_rule_group_statement.vendor_name") != "AWS" || r.Get("override_action.none") == nil {
				t.Errorf("rule %d: want AWS's %s as AWS defines it: %v", i, ManagedRuleGroups[i], r)
			}
			continue
		}
		limit, _ := r.Num("statement.rate_based_statement.limit")
		if limit != DefaultRateLimit || r.Str("statement.rate_based_statement.aggregate_key_type") != "IP" || r.Get("action.block") == nil {
			t.Errorf("rate rule: want %d per IP, blocking: %v", DefaultRateLimit, r)
		}
	}
	logs, _ := s.ByPath("waf/log-group")
	if name := logs.Attrs.Str("name"); !strings.HasPrefix(name, "aws-waf-logs-") || logs.Attrs.Str("kms_key_id") != keyArn {
		t.Errorf("log group %q (kms %q): WAF logs only to aws-waf-logs-*, and it must be encrypted", name, logs.Attrs.Str("kms_key_id"))
	}
	if days, _ := logs.Attrs.Num("retention_in_days"); days != DefaultLogRetentionDays {
		t.Errorf("retention %v", days)
	}
	logging, _ := s.ByPath("waf/logging")
	if got := logging.Attrs.Str("resource_arn"); got != acl.Ref("arn") {
		t.Errorf("logging configuration of %s", got)
	}
	var redacted []string
	for _, f := range logging.Attrs.Blocks("redacted_fields") {
		redacted = append(redacted, f.Str("single_header.name"))
	}
	if strings.Join(redacted, ",") != "authorization,cookie" {
		t.Errorf("redacted headers %v, want authorization and cookie", redacted)
	}
	assoc, _ := s.ByPath("waf/association")
	if assoc.Attrs.Str("resource_arn") != lbArn || assoc.Attrs.Str("web_acl_arn") != acl.Ref("arn") || *w.WebACLArn == "" {
		t.Errorf("association %v", assoc.Attrs)
	}
}

func TestExistingWebACLIsOnlyAssociated(t *testing.T) {
	s, w := build(t, Props{WebACLArn: aclArn})
	if len(s.Resources) != 1 || s.Resources[0].Type != "aws_wafv2_web_acl_association" {
		t.Fatalf("want the association only, got %d resources", len(s.Resources))
	}
	if s.Resources[0].Attrs.Str("web_acl_arn") != aclArn || *w.WebACLArn != aclArn || w.LogGroupName != nil {
		t.Errorf("association %v", s.Resources[0].Attrs)
	}
}

func TestValidateNamesPropAndKind(t *testing.T) {
	namer, _ := naming.New(project, "prod", "abc123", 6)
	base := func() Props {
		return Props{Namer: namer, LoadBalancerArn: jsii.String(lbArn), KmsKeyArn: jsii.String(keyArn)}
	}
	for _, tc := range []struct {
		name   string
		change func(*Props)
		path   string
		kind   field.Kind
	}{
		{"no load balancer", func(p *Props) { p.LoadBalancerArn = nil }, "LoadBalancerArn", field.Required},
		{"no key", func(p *Props) { p.KmsKeyArn = nil }, "KmsKeyArn", field.Required},
		{"rate too low", func(p *Props) { p.RateLimit = new(9) }, "RateLimit", field.OutOfRange},
		{"rate too high", func(p *Props) { p.RateLimit = new(MaxRateLimit + 1) }, "RateLimit", field.OutOfRange},
		{"retention", func(p *Props) { p.LogRetentionDays = new(2) }, "LogRetentionDays", field.NotSupported},
		{"global ACL", func(p *Props) {
			p.KmsKeyArn = nil
			p.WebACLArn = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/cf/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"
		}, "WebACLArn", field.Invalid},
		{"key with existing ACL", func(p *Props) { p.WebACLArn = aclArn }, "KmsKeyArn", field.Forbidden},
	} {
		p := base()
		tc.change(&p)
		var errs field.Errors
		if err := p.Validate(); !errors.As(err, &errs) || len(errs) != 1 || errs[0].Path != tc.path || errs[0].Kind != tc.kind {
			t.Errorf("%s: want one %s error on %s, got %v", tc.name, tc.kind, tc.path, err)
		}
	}
	if p := base(); p.Validate() != nil {
		t.Errorf("valid props refused: %v", p.Validate())
	}
}
