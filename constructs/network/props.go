package network

import (
	"fmt"

	"webstack/constructs/naming"
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

// Defaults, exported so the stack configuration documents the same values.
const (
	DefaultCidr             = "10.0.0.0/16"
	DefaultAzCount          = 2
	DefaultNatMode          = NatSingle
	DefaultFlowLogRetention = 365
	DefaultFlowLogTraffic   = "ALL"
)

// Props configures a Network.
type Props struct {
	// Namer builds every resource name. Required.
	Namer *naming.Namer
	// CidrBlock is the VPC's IPv4 range, /16 to /22.
	// Default: DefaultCidr (10.0.0.0/16).
	CidrBlock string
	// AzCount is how many availability zones get a public and a private subnet.
	// Default: DefaultAzCount (2).
	AzCount int
	// InstanceType, when set, restricts the AZs to those that offer it (in
	// us-east-1, for example, t3 types are not offered in every zone).
	// Default: "" — every available AZ.
	InstanceType string
	// NatGateways says how private subnets reach the internet.
	// Default: NatSingle — one gateway in the first AZ (cheap; not zonal-redundant).
	NatGateways NatMode
	// FlowLogRetentionDays is how long VPC flow logs are kept.
	// Default: 365 (a year, the usual floor for audit logs).
	FlowLogRetentionDays int
	// FlowLogTrafficType is ALL, ACCEPT or REJECT. Default: ALL.
	FlowLogTrafficType string
	// FlowLogKmsKeyArn encrypts the flow-log group with a customer-managed key.
	// Default: none (CloudWatch Logs' service-managed encryption).
	FlowLogKmsKeyArn *string
	// Partition is the ARN partition (aws, aws-cn, aws-us-gov). Default: aws.
	Partition string
	// AccountID and Region scope the flow-log role's trust policy to this
	// account's flow logs. Required (tokens are fine).
	AccountID *string
	Region    string
}

func (p Props) withDefaults() Props {
	if p.CidrBlock == "" {
		p.CidrBlock = DefaultCidr
	}
	if p.AzCount == 0 {
		p.AzCount = DefaultAzCount
	}
	if p.NatGateways == "" {
		p.NatGateways = DefaultNatMode
	}
	if p.FlowLogRetentionDays == 0 {
		p.FlowLogRetentionDays = DefaultFlowLogRetention
	}
	if p.FlowLogTrafficType == "" {
		p.FlowLogTrafficType = DefaultFlowLogTraffic
	}
	if p.Partition == "" {
		p.Partition = "aws"
	}
	return p
}

// validate catches misuse by code; environment files are validated, with
// file and field names, before any construct is built.
func (p Props) validate() error {
	if p.Namer == nil {
		return fmt.Errorf("network: Namer is required")
	}
	if p.AccountID == nil || p.Region == "" {
		return fmt.Errorf("network: AccountID and Region are required")
	}
	switch p.NatGateways {
	case NatNone, NatSingle, NatPerAZ:
	default:
		return fmt.Errorf("network: NatGateways %q: must be one of %v", p.NatGateways, NatModes())
	}
	return nil
}
