// Package sgrule adds security-group rules as separate resources (one rule,
// one resource, each with a description), so rules can be added by the
// construct that needs them and change without replacing their group.
package sgrule

import (
	"fmt"
	"net/netip"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpcsecuritygroupegressrule"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpcsecuritygroupingressrule"
)

// Peer is where traffic comes from (ingress) or goes to (egress): a CIDR or
// another security group.
type Peer struct {
	Cidr          string  // IPv4 or IPv6 CIDR
	SecurityGroup *string // security group id (a token is fine)
}

// Rule is one TCP port rule.
type Rule struct {
	Group       *string // the security group the rule belongs to
	Port        int
	Peer        Peer
	Description string
}

// Ingress adds an inbound rule. id must be unique in scope.
func Ingress(scope constructs.Construct, id string, r Rule) vpcsecuritygroupingressrule.VpcSecurityGroupIngressRule {
	c := &vpcsecuritygroupingressrule.VpcSecurityGroupIngressRuleConfig{
		SecurityGroupId: r.Group,
		IpProtocol:      jsii.String("tcp"),
		FromPort:        jsii.Number(float64(r.Port)),
		ToPort:          jsii.Number(float64(r.Port)),
		Description:     jsii.String(r.Description),
	}
	c.CidrIpv4, c.CidrIpv6, c.ReferencedSecurityGroupId = peer(r.Peer)
	return vpcsecuritygroupingressrule.NewVpcSecurityGroupIngressRule(scope, jsii.String(id), c)
}

// Egress adds an outbound rule. id must be unique in scope.
func Egress(scope constructs.Construct, id string, r Rule) vpcsecuritygroupegressrule.VpcSecurityGroupEgressRule {
	c := &vpcsecuritygroupegressrule.VpcSecurityGroupEgressRuleConfig{
		SecurityGroupId: r.Group,
		IpProtocol:      jsii.String("tcp"),
		FromPort:        jsii.Number(float64(r.Port)),
		ToPort:          jsii.Number(float64(r.Port)),
		Description:     jsii.String(r.Description),
	}
	c.CidrIpv4, c.CidrIpv6, c.ReferencedSecurityGroupId = peer(r.Peer)
	return vpcsecuritygroupegressrule.NewVpcSecurityGroupEgressRule(scope, jsii.String(id), c)
}

// IngressFromCidrs adds one inbound rule per CIDR on port; ids are
// <idPrefix>-<index>.
func IngressFromCidrs(scope constructs.Construct, idPrefix string, group *string, port int, cidrs []string, description string) {
	for i, cidr := range cidrs {
		Ingress(scope, fmt.Sprintf("%s-%d", idPrefix, i), Rule{
			Group: group, Port: port, Peer: Peer{Cidr: cidr},
			Description: fmt.Sprintf("%s from %s", description, cidr),
		})
	}
}

func peer(p Peer) (v4, v6, group *string) {
	if p.SecurityGroup != nil {
		return nil, nil, p.SecurityGroup
	}
	if pfx, err := netip.ParsePrefix(p.Cidr); err == nil && pfx.Addr().Is6() {
		return nil, jsii.String(p.Cidr), nil
	}
	return jsii.String(p.Cidr), nil, nil
}
