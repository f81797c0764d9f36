// Package webtier builds the load-balanced, auto-scaled web tier: an
// internet-facing Application Load Balancer in the public subnets, a target
// group, and an Auto Scaling group of hardened instances in the private
// subnets. Listeners are not made here: package https decides them.
package webtier

import (
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
	albSG, instanceSG := newSecurityGroups(c, p)
	w.AlbSecurityGroupID, w.InstanceSecurityGroupID = albSG.Id(), instanceSG.Id()
	newLoadBalancer(c, p, w)
	newTargetGroup(c, p, w)
	newInstances(c, p, w)
	return w, nil
}
