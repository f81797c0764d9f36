// Package waf puts a web application firewall (AWS WAF) in front of a load
// balancer: either a regional web ACL of its own — AWS's managed rule groups
// for common exploits (the core rule set), known bad inputs and IP
// reputation, and a rate limit per client IP, every rule's metrics and
// sampled requests on, logs in a KMS-encrypted log group — or an existing
// web ACL, associated as it is.
//
// It needs the AWS provider in its stack, and in its Props a naming.Namer,
// the load balancer's ARN and, for its own ACL, a KMS key ARN CloudWatch Logs
// may use (package keys builds one). The rate limit defaults to
// DefaultRateLimit requests per client IP in 5 minutes; logs are kept
// DefaultLogRetentionDays, with the authorization and cookie headers
// redacted. NewWAF validates Props first and returns field.Errors that name
// the prop. A WAF exposes the web ACL's ARN and, for its own, the log group.
//
//	fw, err := waf.NewWAF(stack, "waf", &waf.Props{
//		Namer: namer, LoadBalancerArn: tier.LoadBalancerArn, KmsKeyArn: key.Arn,
//	})
//
// What it costs (AWS WAF pricing, us-east-1): a web ACL is $5 a month and
// each rule $1 a month (4 rules), plus $0.60 per million requests inspected;
// AWS's managed rule groups used here carry no subscription fee. Logs are
// CloudWatch Logs ingestion and storage.
package waf

import (
	"cmp"
	"regexp"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudwatchloggroup"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/wafv2webacl"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/wafv2webaclassociation"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/wafv2webaclloggingconfiguration"

	"github.com/platform-team/webstack/field"
	"github.com/platform-team/webstack/naming"
)

// Defaults of Props.
const (
	// DefaultRateLimit is how many requests one client IP may send in 5
	// minutes before it is blocked (AWS's own example, and terraform-aws-
	// modules'); legitimate browsing stays far below it.
	DefaultRateLimit        = 2000
	DefaultLogRetentionDays = 365
)

// Limits of the rate-based rule, from AWS's documentation.
const (
	MinRateLimit = 10
	MaxRateLimit = 2_000_000_000
)

// ManagedRuleGroups are the AWS managed rule groups of the web ACL, in
// priority order.
var ManagedRuleGroups = []string{
	"AWSManagedRulesCommonRuleSet",          // OWASP-style exploits; blocks request bodies over 8 KB
	"AWSManagedRulesKnownBadInputsRuleSet",  // Log4j, Java deserialization and other known-bad patterns
	"AWSManagedRulesAmazonIpReputationList", // sources Amazon threat intelligence flags
}

var webACLArn = regexp.MustCompile(`^arn:aws(-cn|-us-gov)?:wafv2:[a-z0-9-]+:[0-9]{12}:regional/webacl/[A-Za-z0-9_-]{1,128}/[0-9a-f-]{36}$`)

// Props configures a WAF. Optional settings are pointers: nil takes the
// documented default, and any other value is used as given.
type Props struct {
	// Namer builds the web ACL's and log group's names. Required.
	Namer *naming.Namer
	// LoadBalancerArn is the load balancer to protect. Required (a token is fine).
	LoadBalancerArn *string
	// WebACLArn, when set, is an existing regional web ACL to associate;
	// nothing else is created, and the settings below do not apply.
	// Default: "" — a web ACL of the stack's own.
	WebACLArn string
	// KmsKeyArn encrypts the log group. Required without WebACLArn.
	KmsKeyArn *string
	// RateLimit is how many requests a client IP may send in 5 minutes
	// before it is blocked, 10 to 2,000,000,000. Default: DefaultRateLimit.
	RateLimit *int
	// LogRetentionDays of the WAF log group (a CloudWatch Logs retention).
	// Default: DefaultLogRetentionDays.
	LogRetentionDays *int
}

// Validate returns every problem of p as field.Errors (nil when there is
// none). It needs no jsii runtime.
func (p *Props) Validate() error {
	var c field.Checker
	c.Require("Namer", p.Namer != nil, "builds the web ACL's name")
	c.Require("LoadBalancerArn", p.LoadBalancerArn != nil, "the load balancer to protect")
	if p.WebACLArn != "" {
		if !webACLArn.MatchString(p.WebACLArn) {
			c.Add("WebACLArn", field.Invalid, p.WebACLArn, "not a regional web ACL ARN "+
				"(arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>)")
		}
		for name, set := range map[string]bool{"KmsKeyArn": p.KmsKeyArn != nil, "RateLimit": p.RateLimit != nil,
			"LogRetentionDays": p.LogRetentionDays != nil} {
			if set {
				c.Add(name, field.Forbidden, nil, "applies to a web ACL of the stack's own, not to {WebACLArn}")
			}
		}
		return c.Errs.Err()
	}
	c.Require("KmsKeyArn", p.KmsKeyArn != nil, "encrypts the WAF log group")
	c.IntRange("RateLimit", p.RateLimit, MinRateLimit, MaxRateLimit, "requests per client IP in 5 minutes")
	field.LogRetention(&c, "LogRetentionDays", p.LogRetentionDays)
	return c.Errs.Err()
}

// WAF exposes the web ACL protecting the load balancer.
type WAF struct {
	Construct constructs.Construct
	// WebACLArn is the associated web ACL's ARN.
	WebACLArn *string
	// LogGroupName receives the web ACL's logs (nil with Props.WebACLArn).
	LogGroupName *string
}

// NewWAF builds the web ACL (unless Props.WebACLArn names one), its logging,
// and its association with the load balancer.
func NewWAF(scope constructs.Construct, id string, props *Props) (*WAF, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	p := *props
	c := constructs.NewConstruct(scope, jsii.String(id))
	w := &WAF{Construct: c}
	if p.WebACLArn != "" {
		w.WebACLArn = jsii.String(p.WebACLArn)
	} else {
		p.RateLimit = cmp.Or(p.RateLimit, new(DefaultRateLimit))
		p.LogRetentionDays = cmp.Or(p.LogRetentionDays, new(DefaultLogRetentionDays))
		acl, logs := ownACL(c, p)
		w.WebACLArn, w.LogGroupName = acl, logs
	}
	wafv2webaclassociation.NewWafv2WebAclAssociation(c, jsii.String("association"),
		&wafv2webaclassociation.Wafv2WebAclAssociationConfigA{ResourceArn: p.LoadBalancerArn, WebAclArn: w.WebACLArn})
	return w, nil
}

// ownACL builds the web ACL and its logging; it returns the ACL's ARN and
// the log group's name.
func ownACL(c constructs.Construct, p Props) (*string, *string) {
	name := p.Namer.MustName(naming.WebACL, "waf")
	visibility := func(metric string) *wafv2webacl.Wafv2WebAclRuleVisibilityConfig {
		return &wafv2webacl.Wafv2WebAclRuleVisibilityConfig{
			CloudwatchMetricsEnabled: jsii.Bool(true), SampledRequestsEnabled: jsii.Bool(true), MetricName: jsii.String(metric),
		}
	}
	var rules []*wafv2webacl.Wafv2WebAclRule
	for i, group := range ManagedRuleGroups {
		rules = append(rules, &wafv2webacl.Wafv2WebAclRule{
			Name:     jsii.String("AWS-" + group),
			Priority: jsii.Number(float64(10 * (i + 1))),
			// A rule group's own actions (mostly block) apply as AWS defines them.
			OverrideAction: &wafv2webacl.Wafv2WebAclRuleOverrideAction{None: &wafv2webacl.Wafv2WebAclRuleOverrideActionNone{}},
			// The statement is a recursive block, which the bindings leave
			// untyped: Terraform's own names.
			Statement:        map[string]any{"managed_rule_group_statement": map[string]any{"name": group, "vendor_name": "AWS"}},
			VisibilityConfig: visibility(group),
		})
	}
	rules = append(rules, &wafv2webacl.Wafv2WebAclRule{
		Name:     jsii.String("rate-limit-per-ip"),
		Priority: jsii.Number(float64(10 * (len(ManagedRuleGroups) + 1))),
		Action:   &wafv2webacl.Wafv2WebAclRuleAction{Block: &wafv2webacl.Wafv2WebAclRuleActionBlock{}},
		Statement: map[string]any{"rate_based_statement": map[string]any{
			"limit": *p.RateLimit, "aggregate_key_type": "IP", "evaluation_window_sec": 300,
		}},
		VisibilityConfig: visibility("rate-limit-per-ip"),
	})
	acl := wafv2webacl.NewWafv2WebAcl(c, jsii.String("web-acl"), &wafv2webacl.Wafv2WebAclConfig{
		Name:          jsii.String(name),
		Description:   jsii.String("webstack: managed rules and a per-IP rate limit in front of the load balancer"),
		Scope:         jsii.String("REGIONAL"),
		DefaultAction: &wafv2webacl.Wafv2WebAclDefaultAction{Allow: &wafv2webacl.Wafv2WebAclDefaultActionAllow{}},
		Rule:          &rules,
		VisibilityConfig: &wafv2webacl.Wafv2WebAclVisibilityConfig{
			CloudwatchMetricsEnabled: jsii.Bool(true), SampledRequestsEnabled: jsii.Bool(true), MetricName: jsii.String(name),
		},
		Tags: p.Namer.NameTag("waf"),
	})
	logs := cloudwatchloggroup.NewCloudwatchLogGroup(c, jsii.String("log-group"), &cloudwatchloggroup.CloudwatchLogGroupConfig{
		Name:            jsii.String(p.Namer.MustName(naming.WAFLogGroup, "waf")),
		RetentionInDays: jsii.Number(float64(*p.LogRetentionDays)),
		KmsKeyId:        p.KmsKeyArn,
		Tags:            p.Namer.NameTag("waf-logs"),
	})
	// Credentials and session cookies stay out of the logs.
	var redacted []*wafv2webaclloggingconfiguration.Wafv2WebAclLoggingConfigurationRedactedFields
	for _, header := range []string{"authorization", "cookie"} {
		redacted = append(redacted, &wafv2webaclloggingconfiguration.Wafv2WebAclLoggingConfigurationRedactedFields{
			SingleHeader: &wafv2webaclloggingconfiguration.Wafv2WebAclLoggingConfigurationRedactedFieldsSingleHeader{Name: jsii.String(header)},
		})
	}
	wafv2webaclloggingconfiguration.NewWafv2WebAclLoggingConfiguration(c, jsii.String("logging"),
		&wafv2webaclloggingconfiguration.Wafv2WebAclLoggingConfigurationConfig{
			ResourceArn:           acl.Arn(),
			LogDestinationConfigs: &[]*string{logs.Arn()},
			RedactedFields:        &redacted,
		})
	return acl.Arn(), logs.Name()
}
