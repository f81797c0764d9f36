// Package https decides the load balancer's listeners, the HTTPS toggle:
// with Mode Off (the default, nothing to own) an HTTP listener forwarding
// to the target group; otherwise HTTPS on 443 with a certificate — one ACM
// issues for Domain, validated through the Route 53 zone HostedZoneID (ACM),
// or one brought by ARN (Certificate) — and HTTP answering with a permanent
// redirect to HTTPS. Port 443 is opened in the load balancer's security
// group only then, to the same CIDRs as port 80; an alias record points
// Domain at the load balancer when a zone is given.
//
// It needs the AWS provider in its stack, and in its Props a naming.Namer
// and the load balancer's ARN, DNS name, zone id and security group and
// the target group's ARN (package webtier's WebTier fields, or a load
// balancer built elsewhere). The TLS policy defaults to DefaultSSLPolicy;
// ACM validation waits at most DefaultValidationTimeout. NewHTTPS validates
// Props first (a domain the certificate must match, a certificate in the
// load balancer's region) and returns field.Errors that name the prop.
//
// An HTTPS exposes whether HTTPS is on, the certificate ARN and the URL
// users reach.
//
// For a tier from package webtier (Example, run by go test, builds one for a
// load balancer built elsewhere):
//
//	h, err := https.NewHTTPS(stack, "https", &https.Props{
//		Namer: namer, LoadBalancerArn: tier.LoadBalancerArn, LoadBalancerDNSName: tier.LoadBalancerDNSName,
//		LoadBalancerZoneID: tier.LoadBalancerZoneID, AlbSecurityGroupID: tier.AlbSecurityGroupID,
//		TargetGroupArn: tier.TargetGroupArn, AllowedCidrs: tier.AllowedCidrs,
//		Mode:                new(https.ACM),
//		Domain:              "shop.example.org",
//		HostedZoneID:        "Z0123456789ABCDEFGHIJ",
//	})
package https

import (
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/acmcertificate"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/acmcertificatevalidation"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/lblistener"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route53record"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/internal/sgrule"
)

// HTTPS exposes what outputs need.
type HTTPS struct {
	Construct constructs.Construct
	Enabled   bool
	// CertificateArn is the listener's certificate; nil when HTTPS is off.
	CertificateArn *string
	// URL is where users reach the app: https://<domain>, https://<alb dns>
	// with a certificate but no domain, or http://<alb dns>.
	URL *string
}

// NewHTTPS builds the listeners for props.Mode.
func NewHTTPS(scope constructs.Construct, id string, props *Props) (*HTTPS, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	p := props.withDefaults()
	c := constructs.NewConstruct(scope, jsii.String(id))
	h := &HTTPS{Construct: c, Enabled: *p.Mode != Off}

	if !h.Enabled {
		lblistener.NewLbListener(c, jsii.String("http"), &lblistener.LbListenerConfig{
			LoadBalancerArn: p.LoadBalancerArn,
			Port:            jsii.Number(80),
			Protocol:        jsii.String("HTTP"),
			DefaultAction:   forward(p.TargetGroupArn),
			Tags:            p.Namer.NameTag("http"),
		})
		h.URL = jsii.String("http://" + *p.LoadBalancerDNSName)
		return h, nil
	}

	switch *p.Mode {
	case ACM:
		h.CertificateArn = newCertificate(c, p)
	case Certificate:
		h.CertificateArn = jsii.String(p.CertificateArn)
	}
	if p.Domain != "" && p.HostedZoneID != "" {
		route53record.NewRoute53Record(c, jsii.String("alias"), &route53record.Route53RecordConfig{
			ZoneId: jsii.String(p.HostedZoneID),
			Name:   jsii.String(p.Domain),
			Type:   jsii.String("A"),
			Alias: &route53record.Route53RecordAlias{
				Name:                 p.LoadBalancerDNSName,
				ZoneId:               p.LoadBalancerZoneID,
				EvaluateTargetHealth: jsii.Bool(true),
			},
		})
	}
	host := *p.LoadBalancerDNSName
	if p.Domain != "" {
		host = p.Domain
	}
	h.URL = jsii.String("https://" + host)

	sgrule.IngressFromCidrs(c, "alb-https-in", p.AlbSecurityGroupID, 443, p.AllowedCidrs, "HTTPS to the load balancer")
	lblistener.NewLbListener(c, jsii.String("https"), &lblistener.LbListenerConfig{
		LoadBalancerArn: p.LoadBalancerArn,
		Port:            jsii.Number(443),
		Protocol:        jsii.String("HTTPS"),
		SslPolicy:       p.SSLPolicy,
		CertificateArn:  h.CertificateArn,
		DefaultAction:   forward(p.TargetGroupArn),
		Tags:            p.Namer.NameTag("https"),
	})
	lblistener.NewLbListener(c, jsii.String("http"), &lblistener.LbListenerConfig{
		LoadBalancerArn: p.LoadBalancerArn,
		Port:            jsii.Number(80),
		Protocol:        jsii.String("HTTP"),
		DefaultAction: &[]*lblistener.LbListenerDefaultAction{{
			Type: jsii.String("redirect"),
			Redirect: &lblistener.LbListenerDefaultActionRedirect{
				Protocol:   jsii.String("HTTPS"),
				Port:       jsii.String("443"),
				StatusCode: jsii.String("HTTP_301"),
			},
		}},
		Tags: p.Namer.NameTag("http-redirect"),
	})
	return h, nil
}

// newCertificate requests the ACM certificate, writes its DNS validation
// record into the zone and returns the ARN as known once ACM issued it, so the
// HTTPS listener is created only with a usable certificate.
func newCertificate(c constructs.Construct, p Props) *string {
	cert := acmcertificate.NewAcmCertificate(c, jsii.String("certificate"), &acmcertificate.AcmCertificateConfig{
		DomainName:       jsii.String(p.Domain),
		ValidationMethod: jsii.String("DNS"),
		KeyAlgorithm:     jsii.String("RSA_2048"),
		Tags:             p.Namer.NameTag("certificate"),
		// A listener always holds a certificate: replace by creating first.
		Lifecycle: &cdktf.TerraformResourceLifecycle{CreateBeforeDestroy: jsii.Bool(true)},
	})
	// One domain, so one validation record.
	dvo := cert.DomainValidationOptions().Get(jsii.Number(0))
	record := route53record.NewRoute53Record(c, jsii.String("validation"), &route53record.Route53RecordConfig{
		ZoneId:         jsii.String(p.HostedZoneID),
		Name:           dvo.ResourceRecordName(),
		Type:           dvo.ResourceRecordType(),
		Records:        &[]*string{dvo.ResourceRecordValue()},
		Ttl:            jsii.Number(60),
		AllowOverwrite: jsii.Bool(true), // a re-created certificate reuses the same record name
	})
	validation := acmcertificatevalidation.NewAcmCertificateValidation(c, jsii.String("certificate-validation"),
		&acmcertificatevalidation.AcmCertificateValidationConfig{
			CertificateArn:        cert.Arn(),
			ValidationRecordFqdns: &[]*string{record.Fqdn()},
			Timeouts:              &acmcertificatevalidation.AcmCertificateValidationTimeouts{Create: jsii.String(DefaultValidationTimeout)},
		})
	return validation.CertificateArn()
}

func forward(targetGroupArn *string) *[]*lblistener.LbListenerDefaultAction {
	return &[]*lblistener.LbListenerDefaultAction{{Type: jsii.String("forward"), TargetGroupArn: targetGroupArn}}
}
