package stacks

import (
	"fmt"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/platform-team/webstack/constructs/network"
	"github.com/platform-team/webstack/constructs/webtier"
	"github.com/platform-team/webstack/field"
	"github.com/platform-team/webstack/stacks/config"
)

// networkPart is the VPC the web tier lives in: one of the stack's own
// (vpc_cidr, az_count, nat_gateways, ssm_endpoints, flow_logs), or an
// existing one (section existing_vpc), which the stack only reads.
type networkPart struct{}

func (networkPart) props(c config.Config, w wiring) (*network.Props, propKeys) {
	p := &network.Props{
		Namer:        w.namer,
		AccountID:    w.accountID,
		Region:       w.region.Name,
		Partition:    w.region.Partition(),
		CidrBlock:    c.VpcCidr,
		AzCount:      c.AzCount,
		NatGateways:  (*network.NatMode)(c.NatGateways),
		SSMEndpoints: c.SSMEndpoints,
		// The zones must offer the type the web tier runs.
		InstanceType:         *cmpOr(c.InstanceType, webtier.DefaultInstanceType),
		FlowLogRetentionDays: c.FlowLogs.RetentionDays,
		FlowLogTrafficType:   c.FlowLogs.TrafficType,
		FlowLogKmsKeyArn:     w.keyArn,
	}
	keys := newPropKeys("network", p,
		wired(&p.Namer), wired(&p.AccountID), wired(&p.Partition), wired(&p.FlowLogKmsKeyArn),
		from(&p.Region, key("region")),
		from(&p.CidrBlock, key("vpc_cidr")),
		from(&p.AzCount, key("az_count")),
		from(&p.NatGateways, key("nat_gateways")),
		from(&p.SSMEndpoints, key("ssm_endpoints")),
		from(&p.InstanceType, key("instance_type")),
		from(&p.FlowLogRetentionDays, key("flow_logs", "retention_days")),
		from(&p.FlowLogTrafficType, key("flow_logs", "traffic_type")),
		wired(&p.Names))
	// Plan-time errors name the environment file's keys.
	p.Names = keys.name
	return p, keys
}

func (networkPart) existingProps(c config.Config) (*network.ExistingProps, propKeys) {
	e, at := c.ExistingVpc, key("existing_vpc")
	p := &network.ExistingProps{
		VpcID:            e.VpcID,
		PublicSubnetIDs:  e.PublicSubnetIDs,
		PrivateSubnetIDs: e.PrivateSubnetIDs,
		RequireEgress:    e.RequireEgress,
	}
	keys := newPropKeys("existing VPC", p,
		from(&p.VpcID, at.Child("vpc_id")),
		from(&p.PublicSubnetIDs, at.Child("public_subnet_ids")),
		from(&p.PrivateSubnetIDs, at.Child("private_subnet_ids")),
		from(&p.RequireEgress, at.Child("require_egress")),
		wired(&p.Names))
	p.Names = keys.name
	return p, keys
}

func (n networkPart) check(c config.Config, w wiring) config.Problems {
	if c.ExistingVpc == nil {
		p, keys := n.props(c, w)
		return keys.problems(p.Validate())
	}
	p, keys := n.existingProps(c)
	ps := keys.problems(p.Validate())
	// The keys that shape a network of the stack's own have nothing to shape.
	for _, s := range []struct {
		key field.Path
		set bool
	}{
		{key("az_count"), c.AzCount != nil},
		{key("flow_logs", "retention_days"), c.FlowLogs.RetentionDays != nil},
		{key("flow_logs", "traffic_type"), c.FlowLogs.TrafficType != nil},
		{key("nat_gateways"), c.NatGateways != nil},
		{key("ssm_endpoints"), c.SSMEndpoints != nil},
		{key("vpc_cidr"), c.VpcCidr != nil},
	} {
		if s.set {
			ps = append(ps, config.Problem{Field: s.key, Kind: field.Forbidden,
				Msg: fmt.Sprintf("is set but existing_vpc is too; the existing VPC's owner decides its %s, so remove it", s.key)})
		}
	}
	return ps
}

// build builds the stack's own network, or reads the existing one.
func (n networkPart) build(scope constructs.Construct, c config.Config, w *wiring) (err error) {
	if c.ExistingVpc != nil {
		p, _ := n.existingProps(c)
		w.net, err = network.FromExisting(scope, "network", p)
	} else {
		p, _ := n.props(c, *w)
		w.net, err = network.NewNetwork(scope, "network", p)
	}
	return err
}

func (networkPart) outputs(c config.Config, w wiring, out outputFunc) {
	out("vpc_id", "VPC id", w.net.VpcID)
	out("vpc_cidr", "VPC IPv4 range", w.net.VpcCidr)
	out("public_subnet_ids", "Public subnet ids, one per AZ", w.net.PublicSubnetIDs)
	out("private_subnet_ids", "Private subnet ids, one per AZ", w.net.PrivateSubnetIDs)
	if c.ExistingVpc == nil { // an existing VPC's gateways are its owner's
		out("nat_gateway_ids", "NAT gateway ids (empty with nat_gateways \"none\")", w.net.NatGatewayIDs)
	}
}

func (n networkPart) sources(c config.Config, w wiring) []propKeys {
	if c.ExistingVpc != nil {
		_, keys := n.existingProps(c)
		return []propKeys{keys}
	}
	_, keys := n.props(c, w)
	return []propKeys{keys}
}

// cmpOr is p, or fallback when p is nil.
func cmpOr[T any](p *T, fallback T) *T {
	if p == nil {
		return &fallback
	}
	return p
}
