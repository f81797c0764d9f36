package e2e

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/wafv2"
)

// TestDeployHTTPSWithACM is a production environment as its owner would
// deploy it: HTTPS switched on for a domain whose hosted zone exists (the
// stack requests the certificate, validates it by DNS in that zone, serves
// HTTPS and redirects HTTP), behind the managed web ACL production gets by
// default. (Deletion protection and kept logs, production's other defaults,
// are switched off so the test can tear it down.)
func TestDeployHTTPSWithACM(t *testing.T) {
	t.Parallel()
	emu := startEmulator(t)
	cfg := awsConfig(emu, "us-east-1")
	ctx := ctxFor(t)
	zone, err := route53.NewFromConfig(cfg).CreateHostedZone(ctx, &route53.CreateHostedZoneInput{
		Name: aws.String("e2e.example.org"), CallerReference: aws.String("webstack-e2e")})
	if err != nil {
		t.Fatal(err)
	}
	zoneID := strings.TrimPrefix(aws.ToString(zone.HostedZone.Id), "/hostedzone/")
	outdir, _ := synthFiles(t, map[string]string{"https-acm": localConfig(t, fmt.Sprintf(
		`"production": true, "alb_deletion_protection": false, "access_logs": {"force_destroy": true},
		"policy": {"suppressions": [{"rule": "WS-ALB-2", "resource": "webtier/alb", "reason": "an end-to-end test tears it down"}]},
		"https": {"mode": "acm", "domain": "shop.e2e.example.org", "hosted_zone_id": %q}`, zoneID))})
	w := workspace(t, outdir, "https-acm", emu)
	out := applyAndCheckReplan(t, ctx, w)

	if out["https_enabled"] != true || out.s("app_url") != "https://shop.e2e.example.org" || out.s("certificate_arn") == "" {
		t.Errorf("outputs: https_enabled %v, app_url %s, certificate_arn %q", out["https_enabled"], out.s("app_url"), out.s("certificate_arn"))
	}
	listeners, err := elbv2.NewFromConfig(cfg).DescribeListeners(context.Background(), &elbv2.DescribeListenersInput{
		LoadBalancerArn: aws.String(out.s("alb_arn"))})
	if err != nil {
		t.Fatal(err)
	}
	byPort := map[int32]string{}
	for _, l := range listeners.Listeners {
		a := l.DefaultActions[0]
		switch aws.ToInt32(l.Port) {
		case 80:
			if a.Type != "redirect" || aws.ToString(a.RedirectConfig.Protocol) != "HTTPS" ||
				aws.ToString(a.RedirectConfig.Port) != "443" || a.RedirectConfig.StatusCode != "HTTP_301" {
				t.Errorf("HTTP listener must answer 301 to HTTPS: %+v", a)
			}
		case 443:
			if l.Protocol != "HTTPS" || aws.ToString(l.SslPolicy) != "ELBSecurityPolicy-TLS13-1-2-2021-06" ||
				len(l.Certificates) != 1 || aws.ToString(l.Certificates[0].CertificateArn) != out.s("certificate_arn") ||
				aws.ToString(a.TargetGroupArn) != out.s("target_group_arn") {
				t.Errorf("HTTPS listener %+v", l)
			}
		}
		byPort[aws.ToInt32(l.Port)] = string(a.Type)
	}
	if len(byPort) != 2 {
		t.Errorf("listeners on %v, want 80 and 443", byPort)
	}
	records, err := route53.NewFromConfig(cfg).ListResourceRecordSets(context.Background(), &route53.ListResourceRecordSetsInput{
		HostedZoneId: aws.String(zoneID)})
	if err != nil {
		t.Fatal(err)
	}
	alias, validation := false, false
	for _, r := range records.ResourceRecordSets {
		name := aws.ToString(r.Name)
		alias = alias || (strings.HasPrefix(name, "shop.e2e.example.org") && r.AliasTarget != nil)
		validation = validation || (r.Type == "CNAME" && strings.HasPrefix(name, "_"))
	}
	if !alias || !validation {
		t.Errorf("zone records: alias %v, DNS validation record %v", alias, validation)
	}

	t.Run("web ACL", func(t *testing.T) { checkWebACL(t, cfg, out) })

	destroy(t, ctx, w)
	assertNothingLeft(t, cfg, out.s("name_suffix"))
}

// checkWebACL asks WAF what protects the load balancer: the stack's own web
// ACL, with AWS's managed rule groups and the rate limit, logging to the
// stack's aws-waf-logs- log group.
func checkWebACL(t *testing.T, cfg aws.Config, out outputs) {
	c := wafv2.NewFromConfig(cfg)
	got, err := c.GetWebACLForResource(context.Background(), &wafv2.GetWebACLForResourceInput{ResourceArn: aws.String(out.s("alb_arn"))})
	if err != nil {
		t.Fatal(err)
	}
	if got.WebACL == nil || aws.ToString(got.WebACL.ARN) != out.s("web_acl_arn") {
		t.Fatalf("web ACL of the load balancer: %+v, want output web_acl_arn %s", got.WebACL, out.s("web_acl_arn"))
	}
	rules := got.WebACL.Rules
	sort.Slice(rules, func(i, j int) bool { return rules[i].Priority < rules[j].Priority }) // a set: any order
	var names []string
	for _, r := range rules {
		names = append(names, aws.ToString(r.Name))
	}
	if want := "AWS-AWSManagedRulesCommonRuleSet AWS-AWSManagedRulesKnownBadInputsRuleSet AWS-AWSManagedRulesAmazonIpReputationList rate-limit-per-ip"; strings.Join(names, " ") != want {
		t.Errorf("rules %v, want %s", names, want)
	}
	logging, err := c.GetLoggingConfiguration(context.Background(), &wafv2.GetLoggingConfigurationInput{ResourceArn: got.WebACL.ARN})
	if err != nil {
		t.Fatal(err)
	}
	if dest := logging.LoggingConfiguration.LogDestinationConfigs; len(dest) != 1 || !strings.Contains(dest[0], ":log-group:aws-waf-logs-") {
		t.Errorf("logs go to %v, want the stack's aws-waf-logs- group", dest)
	}
}
