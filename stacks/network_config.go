package stacks

import (
	"github.com/platform-team/webstack/constructs/network"
	"github.com/platform-team/webstack/constructs/webtier"
)

// FlowLogs configures VPC flow logs (always on).
type FlowLogs struct {
	// RetentionDays is how long flow logs are kept, one of the values
	// CloudWatch Logs accepts. Default: 365.
	RetentionDays *int `json:"retention_days"`
	// TrafficType is ALL, ACCEPT or REJECT. Default: "ALL".
	TrafficType *string `json:"traffic_type"`
}

var networkKeys = keyMap{
	"CidrBlock":            "vpc_cidr",
	"AzCount":              "az_count",
	"NatGateways":          "nat_gateways",
	"InstanceType":         "instance_type",
	"FlowLogRetentionDays": "flow_logs.retention_days",
	"FlowLogTrafficType":   "flow_logs.traffic_type",
}

func (c Config) networkProps(w wiring) *network.Props {
	return &network.Props{
		Namer:       w.namer,
		AccountID:   w.accountID,
		Region:      w.region.Name,
		Partition:   w.region.Partition(),
		CidrBlock:   c.VpcCidr,
		AzCount:     c.AzCount,
		NatGateways: c.NatGateways,
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
