package stacks

import (
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/platform-team/webstack/constructs/https"
	"github.com/platform-team/webstack/stacks/config"
)

// httpsPart is the HTTPS toggle: section https.
type httpsPart struct{}

func (httpsPart) props(c config.Config, w wiring) (*https.Props, propKeys) {
	h, at := c.HTTPS, key("https")
	p := &https.Props{
		Namer:               w.namer,
		LoadBalancerArn:     w.web.LoadBalancerArn,
		LoadBalancerDNSName: w.web.LoadBalancerDNSName,
		LoadBalancerZoneID:  w.web.LoadBalancerZoneID,
		AlbSecurityGroupID:  w.web.AlbSecurityGroupID,
		TargetGroupArn:      w.web.TargetGroupArn,
		Mode:                (*https.Mode)(h.Mode),
		Domain:              h.Domain,
		HostedZoneID:        h.HostedZoneID,
		CertificateArn:      h.CertificateArn,
		Region:              w.region.Name,
		SSLPolicy:           h.SSLPolicy,
		AllowedCidrs:        w.web.AllowedCidrs,
	}
	return p, newPropKeys("https", p,
		wired(&p.Namer), wired(&p.LoadBalancerArn), wired(&p.LoadBalancerDNSName), wired(&p.LoadBalancerZoneID),
		wired(&p.AlbSecurityGroupID), wired(&p.TargetGroupArn),
		from(&p.Mode, at.Child("mode")),
		from(&p.Domain, at.Child("domain")),
		from(&p.HostedZoneID, at.Child("hosted_zone_id")),
		from(&p.CertificateArn, at.Child("certificate_arn")),
		from(&p.SSLPolicy, at.Child("ssl_policy")),
		from(&p.Region, key("region")),
		from(&p.AllowedCidrs, key("allowed_cidrs")))
}

func (h httpsPart) check(c config.Config, w wiring) config.Problems {
	p, keys := h.props(c, w)
	return keys.problems(p.Validate())
}

func (h httpsPart) build(scope constructs.Construct, c config.Config, w *wiring) (err error) {
	p, _ := h.props(c, *w)
	w.https, err = https.NewHTTPS(scope, "https", p)
	return err
}

func (httpsPart) outputs(_ config.Config, w wiring, out outputFunc) {
	out("app_url", "Where users reach the app", w.https.URL)
	out("https_enabled", "Whether the load balancer serves HTTPS", w.https.Enabled)
	if w.https.CertificateArn != nil {
		out("certificate_arn", "ARN of the HTTPS listener's certificate", w.https.CertificateArn)
	}
}

func (h httpsPart) sources(c config.Config, w wiring) []propKeys {
	_, keys := h.props(c, w)
	return []propKeys{keys}
}
