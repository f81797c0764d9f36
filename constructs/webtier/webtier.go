// Package webtier builds the load-balanced, auto-scaled web tier: an
// Application Load Balancer (internet-facing in the public subnets, or
// internal in the private ones), a target group, and an Auto Scaling group
// of hardened instances in the private subnets behind it. Listeners are not
// made here: package https decides them from the tier's fields.
//
// It needs, in its stack, the AWS provider and the random provider (the
// target group has a random suffix of its own, so a replacement is created
// before its predecessor is destroyed); in its Props, a naming.Namer (see
// package naming/random), the VPC id and CIDR, at least two public and two
// private subnet ids (from package network, NewNetwork or FromExisting, or
// any other source) and the ARN partition. Everything else has a default:
// port 80 open to 0.0.0.0/0 (the VPC's range when Internal), t3.micro with
// the latest Amazon Linux 2023 for its architecture, 2 to 4 instances
// tracking 50 % CPU, health checks of /health, 8 GiB encrypted gp3, IMDSv2
// with hop limit 1, no key pair and no SSH (shell access is through SSM),
// an instance role with AmazonSSMManagedInstanceCore only, and inline user
// data that serves the health check within seconds of boot, with or without
// a route out (Python's standard library first, nginx once it installs; see
// UserData). NewWebTier validates Props first and returns
// field.Errors that name the prop.
//
// A WebTier exposes what listeners, alarms and outputs need: the load
// balancer's ARN, ARN suffix, DNS name, zone and security group, the target
// group's, the instances' security group and role, the launch template, the
// Auto Scaling group's name and the CIDRs the load balancer admits.
//
// In a stack with both providers, on a network of its own (Example, run by
// go test, builds it in full):
//
//	namer, err := random.NewNamer(stack, "shop", "dev")
//	net, err := network.NewNetwork(stack, "network", &network.Props{
//		Namer: namer, AccountID: jsii.String("123456789012"), Region: "eu-west-1", Partition: "aws",
//	})
//	tier, err := webtier.NewWebTier(stack, "webtier", &webtier.Props{
//		Namer: namer, Partition: "aws",
//		VpcID: net.VpcID, VpcCidr: net.VpcCidr, PublicSubnetIDs: net.PublicSubnetIDs, PrivateSubnetIDs: net.PrivateSubnetIDs,
//		MinSize: new(3),
//	})
package webtier

import (
	"slices"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// WebTier exposes what listeners, alarms and outputs need. Values are
// Terraform tokens until apply.
type WebTier struct {
	Construct constructs.Construct

	LoadBalancerArn       *string
	LoadBalancerArnSuffix *string // the LoadBalancer dimension of CloudWatch metrics
	LoadBalancerDNSName   *string
	LoadBalancerZoneID    *string
	AlbSecurityGroupID    *string

	TargetGroupArn       *string
	TargetGroupArnSuffix *string // the TargetGroup dimension of CloudWatch metrics
	TargetGroupName      *string

	InstanceSecurityGroupID *string
	InstanceRoleName        *string
	LaunchTemplateID        *string
	AutoScalingGroupName    *string

	// AllowedCidrs are the ranges the load balancer admits, defaults applied
	// (what the HTTPS listener's rules must admit too).
	AllowedCidrs []string
}

// NewWebTier builds the tier. It returns an error for props that code (not
// an environment file) got wrong.
func NewWebTier(scope constructs.Construct, id string, props *Props) (*WebTier, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	p := props.withDefaults()
	c := constructs.NewConstruct(scope, jsii.String(id))
	w := &WebTier{Construct: c, AllowedCidrs: p.AllowedCidrs}
	albSG, instanceSG, out := newSecurityGroups(c, p)
	w.AlbSecurityGroupID, w.InstanceSecurityGroupID = albSG.Id(), instanceSG.Id()
	newLoadBalancer(c, p, w)
	newTargetGroup(c, p, w)
	newInstances(c, p, w, append(slices.Clone(p.InstancesAfter), out))
	return w, nil
}
