package stacks

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"webstack/constructs/https"
	"webstack/constructs/regions"
)

var (
	hostLabel      = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)
	topLabel       = regexp.MustCompile(`^[a-z]{2,63}$`)
	hostedZoneID   = regexp.MustCompile(`^[A-Z0-9]{1,32}$`)
	certificateArn = regexp.MustCompile(`^arn:(aws|aws-cn|aws-us-gov):acm:([a-z0-9-]+):[0-9]{12}:certificate/[0-9a-f-]{36}$`)
)

// httpsChoices explains the three modes; every https error ends with it.
const httpsChoices = `https.mode is one of: "off" (HTTP only, the default: nothing to own); ` +
	`"acm" with https.domain and https.hosted_zone_id (a Route 53 zone of this account that owns the domain: ` +
	`the certificate is issued and validated for you); "certificate" with https.certificate_arn ` +
	`(an ACM certificate you already have in this region)`

func (v *validator) https(c Config) {
	h := c.HTTPS
	fail := func(field string, value any, msg string) { v.add(field, value, msg+". "+httpsChoices) }
	if !slices.Contains(https.SSLPolicies(), h.SSLPolicy) {
		v.add("https.ssl_policy", h.SSLPolicy, "must be a TLS 1.2+ policy: "+strings.Join(https.SSLPolicies(), ", "))
	}
	if h.Domain != "" && !isHostName(h.Domain) {
		v.add("https.domain", h.Domain, "not a fully qualified host name (e.g. shop.example.org: lowercase labels, "+
			"at least two, no trailing dot, no wildcard)")
	}
	if h.HostedZoneID != "" && !hostedZoneID.MatchString(h.HostedZoneID) {
		v.add("https.hosted_zone_id", h.HostedZoneID, `not a Route 53 hosted zone id (e.g. "Z0123456789ABCDEFGHIJ", without "/hostedzone/")`)
	}
	if h.CertificateArn != "" {
		m := certificateArn.FindStringSubmatch(h.CertificateArn)
		region, _ := regions.Lookup(c.Region)
		switch {
		case m == nil:
			v.add("https.certificate_arn", h.CertificateArn, "not an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<uuid>)")
		case m[2] != c.Region:
			v.add("https.certificate_arn", h.CertificateArn, fmt.Sprintf("is in %s; a load balancer in %s can only use a certificate from %s",
				m[2], c.Region, c.Region))
		case m[1] != region.Partition():
			v.add("https.certificate_arn", h.CertificateArn, fmt.Sprintf("is in partition %s, the region's is %s", m[1], region.Partition()))
		}
	}

	switch h.Mode {
	case https.Off:
		for _, f := range []struct{ field, value string }{{"https.domain", h.Domain},
			{"https.hosted_zone_id", h.HostedZoneID}, {"https.certificate_arn", h.CertificateArn}} {
			if f.value != "" {
				fail(f.field, f.value, `is set but https.mode is "off", so it would be ignored; choose a mode or remove it`)
			}
		}
	case https.ACM:
		if h.Domain == "" {
			fail("https.domain", nil, `is required with https.mode "acm"`)
		}
		if h.HostedZoneID == "" {
			fail("https.hosted_zone_id", nil, `is required with https.mode "acm": ACM validates the domain through DNS records in that zone`)
		}
		if h.CertificateArn != "" {
			fail("https.certificate_arn", h.CertificateArn, `is set with https.mode "acm", which requests its own certificate`)
		}
	case https.Certificate:
		if h.CertificateArn == "" {
			fail("https.certificate_arn", nil, `is required with https.mode "certificate"`)
		}
		if h.HostedZoneID != "" && h.Domain == "" {
			fail("https.domain", nil, "is required when https.hosted_zone_id is set: it names the alias record")
		}
	default:
		fail("https.mode", h.Mode, "is not a mode")
	}
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
