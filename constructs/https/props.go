package https

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/platform-team/webstack/constructs/https/tlspolicy"
	"github.com/platform-team/webstack/field"
	"github.com/platform-team/webstack/internal/regions"
	"github.com/platform-team/webstack/naming"
)

// Mode says whether and how the load balancer serves HTTPS.
type Mode string

const (
	// Off serves HTTP only: nothing to own, nothing to validate, so the stack
	// deploys in any account on the first try.
	Off Mode = "off"
	// ACM requests a certificate for Domain, validated by DNS records written
	// into HostedZoneID (a Route 53 zone the account owns), and points Domain
	// at the load balancer.
	ACM Mode = "acm"
	// Certificate uses a certificate that already exists (CertificateArn).
	Certificate Mode = "certificate"
)

// Modes lists the valid modes, for error messages.
func Modes() []Mode { return []Mode{Off, ACM, Certificate} }

// DefaultSSLPolicy is the listener policy unless SSLPolicy says otherwise.
const DefaultSSLPolicy = tlspolicy.Default

// DefaultValidationTimeout bounds the wait for ACM to issue the certificate:
// DNS validation normally takes minutes; a zone that is not authoritative for
// the domain fails the apply at this point instead of hanging.
const DefaultValidationTimeout = "20m"

// SSLPolicies are the listener policies allowed: TLS 1.2 at the lowest.
func SSLPolicies() []string { return tlspolicy.Allowed() }

// Props configures the listeners.
//
// Optional settings are pointers or empty strings: nil or "" takes the
// documented default.
type Props struct {
	// Namer builds resource names. Required.
	Namer *naming.Namer
	// The load balancer, its security group, and the target group to
	// forward to. Required.
	LoadBalancerArn     *string
	LoadBalancerDNSName *string
	LoadBalancerZoneID  *string
	AlbSecurityGroupID  *string
	TargetGroupArn      *string

	// Mode is Off, ACM or Certificate. Default: Off.
	Mode *Mode
	// Domain is the host name users reach, e.g. shop.example.org: lowercase
	// labels, at least two, no trailing dot, no wildcard (ACM; optional with
	// Certificate).
	Domain string
	// HostedZoneID is the Route 53 zone for Domain, e.g.
	// "Z0123456789ABCDEFGHIJ" (ACM; optional with Certificate, where it adds
	// the alias record).
	HostedZoneID string
	// CertificateArn of an existing ACM certificate (Certificate).
	CertificateArn string
	// Region, when set, is the load balancer's region: CertificateArn must be
	// in it (a listener cannot use a certificate from another region).
	// Default: "" (not checked).
	Region string
	// SSLPolicy of the HTTPS listener, one of SSLPolicies. Default: DefaultSSLPolicy.
	SSLPolicy *string
	// AllowedCidrs may reach port 443 when HTTPS is on. Default: ["0.0.0.0/0"];
	// pass the web tier's AllowedCidrs so 80 and 443 admit the same ranges.
	AllowedCidrs []string
}

var (
	hostLabel      = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)
	topLabel       = regexp.MustCompile(`^[a-z]{2,63}$`)
	hostedZoneID   = regexp.MustCompile(`^[A-Z0-9]{1,32}$`)
	certificateArn = regexp.MustCompile(`^arn:(aws|aws-cn|aws-us-gov):acm:([a-z0-9-]+):[0-9]{12}:certificate/[0-9a-f-]{36}$`)
)

// Choices explains the three modes; errors about the mode combination end with it.
const Choices = `{Mode} is one of: "off" (HTTP only, the default: nothing to own); ` +
	`"acm" with {Domain} and {HostedZoneID} (a Route 53 zone of this account that owns the domain: ` +
	`the certificate is issued and validated for you); "certificate" with {CertificateArn} ` +
	`(an ACM certificate you already have in this region)`

func (p Props) withDefaults() Props {
	p.Mode = cmp.Or(p.Mode, new(Off))
	p.SSLPolicy = cmp.Or(p.SSLPolicy, new(DefaultSSLPolicy))
	if p.AllowedCidrs == nil {
		p.AllowedCidrs = []string{"0.0.0.0/0"}
	}
	return p
}

// Validate returns every problem of p as field.Errors (nil when there is
// none). It needs no jsii runtime.
func (p *Props) Validate() error {
	var c field.Checker
	c.Require("Namer", p.Namer != nil, "builds resource names")
	c.Require("LoadBalancerArn", p.LoadBalancerArn != nil, "the load balancer the listeners belong to")
	c.Require("LoadBalancerDNSName", p.LoadBalancerDNSName != nil, "what the URL and the alias record point at")
	c.Require("LoadBalancerZoneID", p.LoadBalancerZoneID != nil, "the load balancer's hosted zone, for the alias record")
	c.Require("AlbSecurityGroupID", p.AlbSecurityGroupID != nil, "where port 443 is opened")
	c.Require("TargetGroupArn", p.TargetGroupArn != nil, "where the listeners forward")
	field.OneOf(&c, "Mode", p.Mode, Modes())
	if p.SSLPolicy != nil && !slices.Contains(SSLPolicies(), *p.SSLPolicy) {
		c.Add("SSLPolicy", field.NotSupported, *p.SSLPolicy, "must be a TLS 1.2+ policy: "+strings.Join(SSLPolicies(), ", "))
	}
	if p.Domain != "" && !isHostName(p.Domain) {
		c.Add("Domain", field.Invalid, p.Domain, "not a fully qualified host name (e.g. shop.example.org: lowercase labels, "+
			"at least two, no trailing dot, no wildcard)")
	}
	if p.HostedZoneID != "" && !hostedZoneID.MatchString(p.HostedZoneID) {
		c.Add("HostedZoneID", field.Invalid, p.HostedZoneID, `not a Route 53 hosted zone id (e.g. "Z0123456789ABCDEFGHIJ", without "/hostedzone/")`)
	}
	if p.CertificateArn != "" {
		m := certificateArn.FindStringSubmatch(p.CertificateArn)
		switch {
		case m == nil:
			c.Add("CertificateArn", field.Invalid, p.CertificateArn, "not an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<uuid>)")
		case p.Region != "" && m[2] != p.Region:
			c.Add("CertificateArn", field.Forbidden, p.CertificateArn, fmt.Sprintf(
				"is in %s; a load balancer in %s can only use a certificate from %s", m[2], p.Region, p.Region))
		case m[1] != regions.Region{Name: m[2]}.Partition():
			c.Add("CertificateArn", field.Invalid, p.CertificateArn, fmt.Sprintf("names partition %s, but region %s is in %s",
				m[1], m[2], regions.Region{Name: m[2]}.Partition()))
		}
	}
	c.Cidrs("AllowedCidrs", p.AllowedCidrs, field.CidrOptions{World: true, NonEmpty: true, IPv4Only: true,
		IPv6Why: "the load balancer has IPv4 addresses only, so an IPv6 range would open nothing"})

	combination := func(path string, value any, detail string) {
		c.Add(path, field.Forbidden, value, detail+". "+Choices)
	}
	mode := Off
	if p.Mode != nil {
		mode = *p.Mode
	}
	switch mode {
	case Off:
		policy := ""
		if p.SSLPolicy != nil {
			policy = *p.SSLPolicy
		}
		for _, f := range []struct{ path, value string }{{"Domain", p.Domain}, {"HostedZoneID", p.HostedZoneID},
			{"CertificateArn", p.CertificateArn}, {"SSLPolicy", policy}} {
			if f.value != "" {
				combination(f.path, f.value, `is set but {Mode} is "off", so it would be ignored; choose a mode or remove it`)
			}
		}
	case ACM:
		if p.Domain == "" {
			combination("Domain", nil, `is required with {Mode} "acm"`)
		}
		if p.HostedZoneID == "" {
			combination("HostedZoneID", nil, `is required with {Mode} "acm": ACM validates the domain through DNS records in that zone`)
		}
		if p.CertificateArn != "" {
			combination("CertificateArn", p.CertificateArn, `is set with {Mode} "acm", which requests its own certificate`)
		}
	case Certificate:
		if p.CertificateArn == "" {
			combination("CertificateArn", nil, `is required with {Mode} "certificate"`)
		}
		if p.HostedZoneID != "" && p.Domain == "" {
			combination("Domain", nil, "is required when {HostedZoneID} is set: it names the alias record")
		}
	}
	return c.Errs.Err()
}

func isHostName(s string) bool {
	if len(s) > 253 {
		return false
	}
	labels := strings.Split(s, ".")
	if len(labels) < 2 || !topLabel.MatchString(labels[len(labels)-1]) {
		return false
	}
	for _, l := range labels {
		if !hostLabel.MatchString(l) {
			return false
		}
	}
	return true
}
