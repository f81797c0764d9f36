package stacks

import (
	"fmt"
	"maps"
	"slices"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/platform-team/webstack/constructs/network"
	"github.com/platform-team/webstack/constructs/webtier"
	"github.com/platform-team/webstack/field"
)

// FlowLogs configures VPC flow logs (always on).
type FlowLogs struct {
	// RetentionDays is how long flow logs are kept, one of the values
	// CloudWatch Logs accepts. Default: 365.
	RetentionDays *int `json:"retention_days"`
	// TrafficType is ALL, ACCEPT or REJECT. Default: "ALL".
	TrafficType *string `json:"traffic_type"`
}

// ExistingVpc names a VPC the stack did not create, to build the web tier in
// instead of a network of its own. Its owner keeps its flow logs, default
// security group, route tables and gateways; the stack only reads them.
type ExistingVpc struct {
	// VpcID is the VPC, e.g. "vpc-0a1b2c3d4e5f60718". Required.
	VpcID string `json:"vpc_id"`
	// PublicSubnetIDs hold an internet-facing load balancer: 2 to 6, one per
	// availability zone. Default: none (only with alb_scheme "internal").
	PublicSubnetIDs []string `json:"public_subnet_ids"`
	// PrivateSubnetIDs hold the instances (and an internal load balancer):
	// at least 2, in at least two availability zones. Required.
	PrivateSubnetIDs []string `json:"private_subnet_ids"`
	// RequireEgress fails the plan unless every private subnet has a default
	// route through a NAT gateway (or transit gateway, ...). Set false when
	// the instances reach AWS services through VPC endpoints. Default: true.
	RequireEgress *bool `json:"require_egress"`
}

var existingVpcKeys = keyMap{
	"VpcID":            "existing_vpc.vpc_id",
	"PublicSubnetIDs":  "existing_vpc.public_subnet_ids",
	"PrivateSubnetIDs": "existing_vpc.private_subnet_ids",
	"RequireEgress":    "existing_vpc.require_egress",
}

func (c Config) existingVpcProps() *network.ExistingProps {
	e := c.ExistingVpc
	return &network.ExistingProps{
		VpcID:            e.VpcID,
		PublicSubnetIDs:  e.PublicSubnetIDs,
		PrivateSubnetIDs: e.PrivateSubnetIDs,
		RequireEgress:    e.RequireEgress,
		// Plan-time errors name the environment file's keys.
		SettingNames: &network.ExistingSettingNames{VpcID: existingVpcKeys["VpcID"],
			PublicSubnetIDs: existingVpcKeys["PublicSubnetIDs"], PrivateSubnetIDs: existingVpcKeys["PrivateSubnetIDs"],
			RequireEgress: existingVpcKeys["RequireEgress"]},
	}
}

// buildNetwork builds the stack's own network, or reads the existing one.
func (c Config) buildNetwork(scope constructs.Construct, w *wiring) (err error) {
	if c.ExistingVpc != nil {
		w.net, err = network.FromExisting(scope, "network", c.existingVpcProps())
	} else {
		w.net, err = network.NewNetwork(scope, "network", c.networkProps(*w))
	}
	return err
}

func (c Config) checkNetwork(w wiring) Problems {
	if c.ExistingVpc == nil {
		return networkKeys.problems("network", c.networkProps(w).Validate())
	}
	ps := existingVpcKeys.problems("existing VPC", c.existingVpcProps().Validate())
	// The keys that shape a network of the stack's own have nothing to shape.
	set := map[string]bool{"vpc_cidr": c.VpcCidr != nil, "az_count": c.AzCount != nil,
		"nat_gateways": c.NatGateways != nil, "ssm_endpoints": c.SSMEndpoints != nil, "flow_logs.retention_days": c.FlowLogs.RetentionDays != nil,
		"flow_logs.traffic_type": c.FlowLogs.TrafficType != nil}
	for _, key := range slices.Sorted(maps.Keys(set)) {
		if set[key] {
			ps = append(ps, Problem{Field: key, Kind: field.Forbidden,
				Msg: fmt.Sprintf("is set but existing_vpc is too; the existing VPC's owner decides its %s, so remove it", key)})
		}
	}
	return ps
}

var networkKeys = keyMap{
	"CidrBlock":            "vpc_cidr",
	"AzCount":              "az_count",
	"NatGateways":          "nat_gateways",
	"SSMEndpoints":         "ssm_endpoints",
	"InstanceType":         "instance_type",
	"FlowLogRetentionDays": "flow_logs.retention_days",
	"FlowLogTrafficType":   "flow_logs.traffic_type",
}

func (c Config) networkProps(w wiring) *network.Props {
	return &network.Props{
		Namer:        w.namer,
		AccountID:    w.accountID,
		Region:       w.region.Name,
		Partition:    w.region.Partition(),
		CidrBlock:    c.VpcCidr,
		AzCount:      c.AzCount,
		NatGateways:  c.NatGateways,
		SSMEndpoints: c.SSMEndpoints,
		// The zones must offer the type the web tier runs.
		InstanceType:         derefOr(c.InstanceType, webtier.DefaultInstanceType),
		FlowLogRetentionDays: c.FlowLogs.RetentionDays,
		FlowLogTrafficType:   c.FlowLogs.TrafficType,
		FlowLogKmsKeyArn:     w.keyArn,
		// Plan-time errors name the environment file's keys.
		SettingNames: &network.SettingNames{AzCount: "az_count", InstanceType: "instance_type"},
	}
}

func derefOr[T any](p *T, fallback T) T {
	if p == nil {
		return fallback
	}
	return *p
}
