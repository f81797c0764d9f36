package network

import (
	"cmp"
	"fmt"
	"regexp"

	"github.com/platform-team/webstack/field"
)

// ExistingProps names a VPC the stack did not create, for FromExisting.
// Its owner keeps its flow logs, its default security group, its route
// tables and gateways: FromExisting reads them and changes nothing.
//
// Optional settings are pointers: nil takes the documented default.
type ExistingProps struct {
	// VpcID is the VPC ("vpc-" and 8 or 17 hex digits). Required.
	VpcID string
	// PublicSubnetIDs hold an internet-facing load balancer: none, or two to
	// MaxAZs subnets of VpcID, each in a different availability zone (a
	// load balancer takes one subnet per zone). Default: none, which suits
	// only a tier whose load balancer is internal.
	PublicSubnetIDs []string
	// PrivateSubnetIDs hold the instances (and an internal load balancer):
	// at least two subnets of VpcID, in at least two availability zones.
	// Required.
	PrivateSubnetIDs []string
	// RequireEgress makes the plan fail unless every private subnet's route
	// table (its own, or the VPC's main one) has a default route (0.0.0.0/0)
	// through a NAT gateway, transit gateway, network interface, peering
	// connection, Cloud WAN or virtual private gateway: what the instances
	// use to reach SSM and package repositories. Set it to false for a VPC
	// that reaches them through VPC endpoints. Default: true.
	RequireEgress *bool
	// Names is how the messages Terraform shows at plan time name the props,
	// for an app whose users set them under other names. Default: the props'
	// own names.
	Names field.Names
}

var (
	vpcIDPattern    = regexp.MustCompile(`^vpc-([0-9a-f]{8}|[0-9a-f]{17})$`)
	subnetIDPattern = regexp.MustCompile(`^subnet-([0-9a-f]{8}|[0-9a-f]{17})$`)
)

func (p ExistingProps) withDefaults() ExistingProps {
	p.RequireEgress = cmp.Or(p.RequireEgress, new(true))
	return p
}

// Validate checks the shape of the ids (whether they exist, and fit, is
// checked at plan time) and returns field.Errors naming the props. It needs
// no jsii runtime.
func (p *ExistingProps) Validate() error {
	var c field.Checker
	switch {
	case p.VpcID == "":
		c.Add("VpcID", field.Required, nil, `the VPC to build in, e.g. "vpc-0a1b2c3d4e5f60718"`)
	case !vpcIDPattern.MatchString(p.VpcID):
		c.Add("VpcID", field.Invalid, p.VpcID, `not a VPC id ("vpc-" and 8 or 17 lowercase hex digits)`)
	}
	seen := map[string]string{}
	subnets := func(path string, ids []string, min, max int, why string) {
		switch {
		case len(ids) == 0 && path == "PrivateSubnetIDs":
			c.Add(path, field.Required, nil, fmt.Sprintf("must list at least %d subnets, %s", min, why))
		case len(ids) > 0 && len(ids) < min:
			c.Add(path, field.Required, ids, fmt.Sprintf("lists %d subnet; at least %d, %s", len(ids), min, why))
		case max > 0 && len(ids) > max:
			c.Add(path, field.TooMany, nil, fmt.Sprintf("lists %d subnets; at most %d, %s", len(ids), max, why))
		}
		for i, id := range ids {
			at := field.Index(path, i)
			switch prev, dup := seen[id]; {
			case !subnetIDPattern.MatchString(id):
				c.Add(at, field.Invalid, id, `not a subnet id ("subnet-" and 8 or 17 lowercase hex digits)`)
			case dup:
				c.Add(at, field.Duplicate, id, "is listed already, as "+field.Ref(prev)+
					" (the load balancer's subnets and the instances' subnets are different ones)")
			default:
				seen[id] = at
			}
		}
	}
	subnets("PrivateSubnetIDs", p.PrivateSubnetIDs, MinAZs, 0, "in two availability zones at the least")
	subnets("PublicSubnetIDs", p.PublicSubnetIDs, MinAZs, MaxAZs,
		"one per availability zone for the load balancer (or none for an internal one)")
	return c.Errs.Err()
}
