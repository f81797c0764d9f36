package network

import (
	"cmp"

	"github.com/platform-team/webstack/field"
	"github.com/platform-team/webstack/internal/regions"
	"github.com/platform-team/webstack/naming"
)

// NatMode says how private subnets reach the internet.
type NatMode string

const (
	// NatNone gives private subnets no route to the internet (no NAT cost;
	// instances then need VPC endpoints for SSM and packages).
	NatNone NatMode = "none"
	// NatSingle is one NAT gateway in the first AZ, shared by every private
	// subnet: cheap, but an outage of that AZ cuts egress for all.
	NatSingle NatMode = "single"
	// NatPerAZ is one NAT gateway per AZ, each private subnet routing through
	// its own: zonal redundancy at one gateway's cost per AZ.
	NatPerAZ NatMode = "per_az"
)

// NatModes lists the valid modes, for error messages.
func NatModes() []NatMode { return []NatMode{NatNone, NatSingle, NatPerAZ} }

// TrafficTypes are the flow-log traffic types AWS accepts.
func TrafficTypes() []string { return []string{"ALL", "ACCEPT", "REJECT"} }

// LogRetentionDays are the retention periods CloudWatch Logs accepts.
func LogRetentionDays() []int { return field.LogRetentionDays() }

// Defaults of the optional props.
const (
	DefaultCidr             = "10.0.0.0/16"
	DefaultAzCount          = 2
	DefaultNatMode          = NatSingle
	DefaultFlowLogRetention = 365
	DefaultFlowLogTraffic   = "ALL"
	// MinAZs: two AZs at the least keep a load balancer and an Auto Scaling
	// group available when one fails (and an ALB needs two).
	MinAZs = 2
)

// Props configures a Network.
//
// Optional settings are pointers: nil takes the documented default, and any
// other value is used as given.
type Props struct {
	// Namer builds every resource name. Required.
	Namer *naming.Namer
	// AccountID and Region scope the flow-log role's trust policy to this
	// account's flow logs. Required (AccountID may be a token).
	AccountID *string
	Region    string
	// Partition is the ARN partition (aws, aws-cn, aws-us-gov). Required.
	Partition string

	// CidrBlock is the VPC's IPv4 range, /16 to /22, not a loopback,
	// link-local, multicast or reserved range. Default: "10.0.0.0/16".
	CidrBlock *string
	// AzCount is how many availability zones get a public and a private
	// subnet, 2 to 6. Default: 2.
	AzCount *int
	// InstanceType, when set, restricts the AZs to those that offer it (in
	// us-east-1, for example, t3 types are not offered in every zone).
	// Default: "" — every available AZ.
	InstanceType string
	// NatGateways says how private subnets reach the internet.
	// Default: NatSingle — one gateway in the first AZ (cheap; not zonal-redundant).
	NatGateways *NatMode
	// SSMEndpoints adds interface endpoints for Systems Manager (SSMServices)
	// in the private subnets, so instances are managed (Session Manager
	// among it) with no route to the internet. Each costs per AZ and hour
	// (about 7.30 USD a month per endpoint and AZ in us-east-1, plus data):
	// 3 endpoints × AzCount. Default: true with NatNone (the only way in
	// there), false otherwise (NAT reaches Systems Manager).
	SSMEndpoints *bool
	// FlowLogRetentionDays is how long VPC flow logs are kept, one of
	// LogRetentionDays. Default: 365 (a year, the usual floor for audit logs).
	FlowLogRetentionDays *int
	// FlowLogTrafficType is ALL, ACCEPT or REJECT. Default: ALL.
	FlowLogTrafficType *string
	// FlowLogKmsKeyArn encrypts the flow-log group with a customer-managed key.
	// Default: none (CloudWatch Logs' service-managed encryption).
	FlowLogKmsKeyArn *string
	// Names is how the messages Terraform shows at plan time name the props
	// that fix them, for an app whose users set them under other names.
	// Default: the props' own names (AzCount, InstanceType).
	Names field.Names
}

func (p Props) withDefaults() Props {
	p.CidrBlock = cmp.Or(p.CidrBlock, new(DefaultCidr))
	p.AzCount = cmp.Or(p.AzCount, new(DefaultAzCount))
	p.NatGateways = cmp.Or(p.NatGateways, new(DefaultNatMode))
	if p.SSMEndpoints == nil {
		p.SSMEndpoints = new(*p.NatGateways == NatNone)
	}
	p.FlowLogRetentionDays = cmp.Or(p.FlowLogRetentionDays, new(DefaultFlowLogRetention))
	p.FlowLogTrafficType = cmp.Or(p.FlowLogTrafficType, new(DefaultFlowLogTraffic))
	return p
}

// Validate returns every problem of p as field.Errors (nil when there is
// none). It needs no jsii runtime.
func (p *Props) Validate() error {
	var c field.Checker
	c.Require("Namer", p.Namer != nil, "builds every resource name")
	c.Require("AccountID", p.AccountID != nil, "scopes the flow-log role to this account")
	c.Require("Region", p.Region != "", "scopes the flow-log role to this region")
	field.OneOf(&c, "Partition", &p.Partition, regions.Partitions())
	if p.CidrBlock != nil {
		if _, err := ParseVpcCidr(*p.CidrBlock); err != nil {
			c.Add("CidrBlock", field.Invalid, *p.CidrBlock, err.Error())
		}
	}
	c.IntRange("AzCount", p.AzCount, MinAZs, MaxAZs, "(two at the least keep the load balancer and the instances available when one AZ fails)")
	field.OneOf(&c, "NatGateways", p.NatGateways, NatModes())
	field.LogRetention(&c, "FlowLogRetentionDays", p.FlowLogRetentionDays)
	field.OneOf(&c, "FlowLogTrafficType", p.FlowLogTrafficType, TrafficTypes())
	return c.Errs.Err()
}
