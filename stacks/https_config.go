package stacks

import (
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/platform-team/webstack/constructs/https"
)

// HTTPS is the HTTPS toggle.
type HTTPS struct {
	// Mode is off (HTTP only), acm (a certificate for domain, validated in
	// hosted_zone_id) or certificate (an existing certificate_arn). Default: "off".
	Mode *https.Mode `json:"mode"`
	// Domain users reach, e.g. shop.example.org (acm; optional with certificate).
	Domain string `json:"domain"`
	// HostedZoneID of the Route 53 zone that owns domain (acm; optional with
	// certificate, where it adds the alias record).
	HostedZoneID string `json:"hosted_zone_id"`
	// CertificateArn of an ACM certificate in the stack's region (certificate).
	CertificateArn string `json:"certificate_arn"`
	// SSLPolicy of the HTTPS listener. Default: "ELBSecurityPolicy-TLS13-1-2-2021-06".
	SSLPolicy *string `json:"ssl_policy"`
}

var httpsKeys = keyMap{
	"Mode":           "https.mode",
	"Domain":         "https.domain",
	"HostedZoneID":   "https.hosted_zone_id",
	"CertificateArn": "https.certificate_arn",
	"SSLPolicy":      "https.ssl_policy",
	"AllowedCidrs":   "allowed_cidrs",
	"Region":         "region",
}

func (c Config) buildHTTPS(scope constructs.Construct, w *wiring) (err error) {
	w.https, err = https.NewHTTPS(scope, "https", c.httpsProps(*w))
	return err
}

func (c Config) checkHTTPS(w wiring) Problems {
	return httpsKeys.problems("https", c.httpsProps(w).Validate())
}

func (c Config) httpsProps(w wiring) *https.Props {
	return &https.Props{
		Namer:               w.namer,
		LoadBalancerArn:     w.web.LoadBalancerArn,
		LoadBalancerDNSName: w.web.LoadBalancerDNSName,
		LoadBalancerZoneID:  w.web.LoadBalancerZoneID,
		AlbSecurityGroupID:  w.web.AlbSecurityGroupID,
		TargetGroupArn:      w.web.TargetGroupArn,
		Mode:                c.HTTPS.Mode,
		Domain:              c.HTTPS.Domain,
		HostedZoneID:        c.HTTPS.HostedZoneID,
		CertificateArn:      c.HTTPS.CertificateArn,
		Region:              w.region.Name,
		SSLPolicy:           c.HTTPS.SSLPolicy,
		AllowedCidrs:        w.web.AllowedCidrs,
	}
}
