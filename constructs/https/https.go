// Package https decides the load balancer's listeners: HTTP forwarding to the
// targets when HTTPS is off; otherwise HTTPS on 443 with a certificate (from
// ACM, validated through Route 53, or brought by the user) and HTTP answering
// with a permanent redirect to HTTPS. Port 443 is opened only then.
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
