package https

import (
	"fmt"
	"slices"

	"webstack/constructs/https/tlspolicy"
	"webstack/constructs/naming"
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
type Props struct {
	// Namer builds resource names. Required.
	Namer *naming.Namer
	// Mode is Off, ACM or Certificate. Default: Off.
	Mode Mode
	// Domain is the host name users reach (ACM; optional with Certificate).
	Domain string
	// HostedZoneID is the Route 53 zone for Domain (ACM; optional with
	// Certificate, where it adds the alias record).
	HostedZoneID string
	// CertificateArn of an existing certificate (Certificate).
	CertificateArn string
	// SSLPolicy of the HTTPS listener, one of SSLPolicies. Default: DefaultSSLPolicy.
	SSLPolicy string

	// The load balancer, its security group, and the target group to
	// forward to. Required.
	LoadBalancerArn     *string
	LoadBalancerDNSName *string
	LoadBalancerZoneID  *string
	AlbSecurityGroupID  *string
	TargetGroupArn      *string
	// AllowedCidrs may reach port 443 when HTTPS is on. Default: ["0.0.0.0/0"].
	AllowedCidrs []string
}

func (p Props) withDefaults() Props {
	if p.Mode == "" {
		p.Mode = Off
	}
	if p.SSLPolicy == "" {
		p.SSLPolicy = DefaultSSLPolicy
	}
	if len(p.AllowedCidrs) == 0 {
		p.AllowedCidrs = []string{"0.0.0.0/0"}
	}
	return p
}

// validate catches misuse by code; environment files are validated, with
// file and field names, before any construct is built.
func (p Props) validate() error {
	if p.Namer == nil || p.LoadBalancerArn == nil || p.TargetGroupArn == nil || p.AlbSecurityGroupID == nil {
		return fmt.Errorf("https: Namer, LoadBalancerArn, TargetGroupArn and AlbSecurityGroupID are required")
	}
	if !slices.Contains(SSLPolicies(), p.SSLPolicy) {
		return fmt.Errorf("https: SSLPolicy %q is not one of %v", p.SSLPolicy, SSLPolicies())
	}
	switch p.Mode {
	case Off:
		if p.Domain != "" || p.HostedZoneID != "" || p.CertificateArn != "" {
			return fmt.Errorf("https: mode off takes no domain, zone or certificate")
		}
	case ACM:
		if p.Domain == "" || p.HostedZoneID == "" || p.CertificateArn != "" {
			return fmt.Errorf("https: mode acm needs Domain and HostedZoneID, and no CertificateArn")
		}
	case Certificate:
		if p.CertificateArn == "" || (p.HostedZoneID != "" && p.Domain == "") {
			return fmt.Errorf("https: mode certificate needs CertificateArn (and Domain when HostedZoneID is set)")
		}
	default:
		return fmt.Errorf("https: Mode %q is not one of %v", p.Mode, Modes())
	}
	return nil
}
