// Package stacks turns environment files into Terraform stacks: it loads and
// validates the typed configuration, then composes the constructs.
package stacks

import (
	"webstack/constructs/network"
)

// Config is one environment file (environments/<name>.json). Keys are
// snake_case, as in the tfvars files users know; every key is optional and
// Defaults documents what an absent key means. Unknown keys are errors.
type Config struct {
	// Project names every resource and the Project tag. Default: "webstack".
	Project string `json:"project"`
	// Environment names every resource and the Environment tag.
	// Default: the file's base name (dev.json → "dev").
	Environment string `json:"environment"`
	// Region is the AWS region to deploy to. Default: "us-east-1".
	Region string `json:"region"`
	// Owner and CostCenter become the Owner and CostCenter tags.
	// Default: "unassigned" for both.
	Owner      string `json:"owner"`
	CostCenter string `json:"cost_center"`
	// Tags are added to every resource that takes tags. Default: none.
	Tags map[string]string `json:"tags"`

	// VpcCidr is the VPC's IPv4 range, /16 to /22. Default: "10.0.0.0/16".
	VpcCidr string `json:"vpc_cidr"`
	// AzCount is how many availability zones the stack spans, 2 to 6. Default: 2.
	AzCount int `json:"az_count"`
	// NatGateways is none, single or per_az. Default: "single".
	NatGateways network.NatMode `json:"nat_gateways"`
	// FlowLogs configures the VPC flow logs (always on).
	FlowLogs FlowLogs `json:"flow_logs"`

	// Backend says where Terraform keeps this stack's state.
	Backend Backend `json:"backend"`
}

// FlowLogs configures VPC flow logs.
type FlowLogs struct {
	// RetentionDays is how long flow logs are kept, one of the values
	// CloudWatch Logs accepts. Default: 365.
	RetentionDays int `json:"retention_days"`
	// TrafficType is ALL, ACCEPT or REJECT. Default: "ALL".
	TrafficType string `json:"traffic_type"`
}

// Backend says where Terraform state lives.
type Backend struct {
	// Type is "local". Default: "local".
	Type string `json:"type"`
	// Path is the local state file, relative to the stack's directory
	// (cdktf.out/stacks/<name>/). Default: "terraform.tfstate".
	Path string `json:"path"`
}
