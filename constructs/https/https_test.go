package https

import (
	"slices"
	"strings"
	"testing"

	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/field"
	"github.com/platform-team/webstack/internal/synthtest"
	"github.com/platform-team/webstack/naming"
	"github.com/platform-team/webstack/policy"
)

func TestMain(m *testing.M) { synthtest.Main(m) }

const certArn = "arn:aws:acm:eu-west-1:123456789012:certificate/0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e"

func build(t *testing.T, p Props) (*policy.Stack, *HTTPS) {
	t.Helper()
	var h *HTTPS
	s := synthtest.Stack(t, func(stack cdktf.TerraformStack) {
		p.Namer, _ = naming.New("shop", "dev", "abc123", 6)
		p.LoadBalancerArn, p.LoadBalancerDNSName = jsii.String("alb-arn"), jsii.String("alb.example.elb.amazonaws.com")
		p.LoadBalancerZoneID, p.AlbSecurityGroupID = jsii.String("ZALB"), jsii.String("sg-alb")
		p.TargetGroupArn = jsii.String("tg-arn")
		var err error
		if h, err = NewHTTPS(stack, "https", &p); err != nil {
			t.Fatal(err)
		}
	})
	return s, h
}

// listeners maps port → listener attributes.
func listeners(s *policy.Stack) map[float64]policy.Attrs {
	out := map[float64]policy.Attrs{}
	for _, l := range s.OfType("aws_lb_listener") {
		p, _ := l.Attrs.Num("port")
		out[p] = l.Attrs
	}
	return out
}

func ingress443(s *policy.Stack) []policy.Resource {
	var out []policy.Resource
	for _, r := range s.OfType("aws_vpc_security_group_ingress_rule") {
		if p, _ := r.Attrs.Num("from_port"); p == 443 {
			out = append(out, r)
		}
	}
	return out
}

func TestOffForwardsHTTPAndOpensNo443(t *testing.T) {
	s, h := build(t, Props{})
	ls := listeners(s)
	if len(ls) != 1 || ls[80] == nil {
		t.Fatalf("want only an HTTP listener, got ports %v", ls)
	}
	if ls[80].Str("default_action.type") != "forward" || ls[80].Str("default_action.target_group_arn") != "tg-arn" {
		t.Errorf("HTTP must forward to the targets: %v", ls[80].Get("default_action"))
	}
	if len(ingress443(s)) != 0 || len(s.OfType("aws_acm_certificate")) != 0 || len(s.OfType("aws_route53_record")) != 0 {
		t.Error("HTTPS off must create no 443 rule, certificate or record")
	}
	if h.Enabled || h.CertificateArn != nil || *h.URL != "http://alb.example.elb.amazonaws.com" {
		t.Errorf("off: enabled %v, cert %v, url %s", h.Enabled, h.CertificateArn, *h.URL)
	}
}

func checkHTTPSLayout(t *testing.T, s *policy.Stack, wantCert string) {
	t.Helper()
	ls := listeners(s)
	if len(ls) != 2 || ls[80] == nil || ls[443] == nil {
		t.Fatalf("want listeners on 80 and 443, got %v", ls)
	}
	redirect := ls[80]
	if redirect.Str("default_action.type") != "redirect" || redirect.Str("default_action.redirect.protocol") != "HTTPS" ||
		redirect.Str("default_action.redirect.port") != "443" || redirect.Str("default_action.redirect.status_code") != "HTTP_301" {
		t.Errorf("HTTP must answer 301 to HTTPS: %v", redirect.Get("default_action"))
	}
	secure := ls[443]
	if secure.Str("protocol") != "HTTPS" || secure.Str("ssl_policy") != DefaultSSLPolicy ||
		secure.Str("default_action.target_group_arn") != "tg-arn" {
		t.Errorf("HTTPS listener %v", secure)
	}
	if got := secure.Str("certificate_arn"); got != wantCert {
		t.Errorf("HTTPS listener certificate %q, want %q", got, wantCert)
	}
	rules := ingress443(s)
	if len(rules) != 1 || rules[0].Attrs.Str("security_group_id") != "sg-alb" || rules[0].Attrs.Str("cidr_ipv4") != "0.0.0.0/0" ||
		rules[0].Attrs.Str("description") == "" {
		t.Errorf("443 must be open on the ALB group from the allowed CIDRs: %v", rules)
	}
}

func TestACM(t *testing.T) {
	s, h := build(t, Props{Mode: new(ACM), Domain: "shop.example.org", HostedZoneID: "Z123ABC"})
	cert, ok := s.ByPath("https/certificate")
	if !ok || cert.Attrs.Str("domain_name") != "shop.example.org" || cert.Attrs.Str("validation_method") != "DNS" {
		t.Fatalf("certificate %v", cert.Attrs)
	}
	record, _ := s.ByPath("https/validation")
	if record.Attrs.Str("zone_id") != "Z123ABC" || !strings.Contains(record.Attrs.Str("name"), cert.Address()+".domain_validation_options") {
		t.Errorf("validation record %v", record.Attrs)
	}
	validation, _ := s.ByPath("https/certificate-validation")
	if validation.Attrs.Str("certificate_arn") != cert.Ref("arn") ||
		validation.Attrs.Strings("validation_record_fqdns")[0] != record.Ref("fqdn") {
		t.Errorf("validation %v", validation.Attrs)
	}
	if validation.Attrs.Str("timeouts.create") != DefaultValidationTimeout {
		t.Error("the wait for ACM must be bounded")
	}
	// The listener uses the certificate only once ACM has issued it.
	checkHTTPSLayout(t, s, validation.Ref("certificate_arn"))
	alias, _ := s.ByPath("https/alias")
	if alias.Attrs.Str("name") != "shop.example.org" || alias.Attrs.Str("type") != "A" ||
		alias.Attrs.Str("alias.name") != "alb.example.elb.amazonaws.com" || alias.Attrs.Str("alias.zone_id") != "ZALB" {
		t.Errorf("alias record %v", alias.Attrs)
	}
	if !h.Enabled || *h.URL != "https://shop.example.org" {
		t.Errorf("acm: enabled %v url %s", h.Enabled, *h.URL)
	}
}

func TestCertificate(t *testing.T) {
	s, h := build(t, Props{Mode: new(Certificate), CertificateArn: certArn})
	checkHTTPSLayout(t, s, certArn)
	if len(s.OfType("aws_acm_certificate")) != 0 || len(s.OfType("aws_acm_certificate_validation")) != 0 ||
		len(s.OfType("aws_route53_record")) != 0 {
		t.Error("a brought certificate needs no ACM resources or records")
	}
	if *h.URL != "https://alb.example.elb.amazonaws.com" || *h.CertificateArn != certArn {
		t.Errorf("url %s cert %s", *h.URL, *h.CertificateArn)
	}
	s, h = build(t, Props{Mode: new(Certificate), CertificateArn: certArn, Domain: "www.example.org", HostedZoneID: "Z9ABC"})
	if _, ok := s.ByPath("https/alias"); !ok || *h.URL != "https://www.example.org" {
		t.Error("a domain and zone with a brought certificate add the alias record")
	}
}

func TestSSLPolicyAndCidrs(t *testing.T) {
	s, _ := build(t, Props{Mode: new(Certificate), CertificateArn: certArn, SSLPolicy: new("ELBSecurityPolicy-TLS13-1-3-2021-06"),
		AllowedCidrs: []string{"198.51.100.0/24", "203.0.113.0/24"}})
	if got := listeners(s)[443].Str("ssl_policy"); got != "ELBSecurityPolicy-TLS13-1-3-2021-06" {
		t.Errorf("ssl policy %q", got)
	}
	if n := len(ingress443(s)); n != 2 {
		t.Errorf("443 rules: %d, want one per allowed CIDR", n)
	}
}

func TestPropsMisuse(t *testing.T) {
	for name, p := range map[string]Props{
		"off with domain":    {Domain: "a.example.org"},
		"acm without zone":   {Mode: new(ACM), Domain: "a.example.org"},
		"acm with arn":       {Mode: new(ACM), Domain: "a.example.org", HostedZoneID: "Z1", CertificateArn: certArn},
		"certificate no arn": {Mode: new(Certificate)},
		"weak policy":        {SSLPolicy: new("ELBSecurityPolicy-2016-08")},
		"unknown mode":       {Mode: new(Mode("tls"))},
		"ipv6 range":         {AllowedCidrs: []string{"2001:db8::/32"}}, // the load balancer is IPv4-only
	} {
		synthtest.Stack(t, func(stack cdktf.TerraformStack) {
			p.Namer, _ = naming.New("a", "b", "c", 1)
			p.LoadBalancerArn, p.LoadBalancerDNSName, p.LoadBalancerZoneID = jsii.String("a"), jsii.String("d"), jsii.String("z")
			p.AlbSecurityGroupID, p.TargetGroupArn = jsii.String("sg"), jsii.String("tg")
			if _, err := NewHTTPS(stack, "h", &p); err == nil {
				t.Errorf("%s: accepted", name)
			}
		})
	}
}

func TestEachRequiredPropIsNamed(t *testing.T) {
	got := field.Paths((&Props{}).Validate(), field.Required)
	want := []string{"Namer", "LoadBalancerArn", "LoadBalancerDNSName", "LoadBalancerZoneID", "AlbSecurityGroupID", "TargetGroupArn"}
	if !slices.Equal(got, want) {
		t.Errorf("required: %v, want %v", got, want)
	}
}
