// Package stacks turns environment files into Terraform stacks: it loads the
// typed configuration, validates it (the constructs' own checks, named by
// environment-file key, plus the checks only a file can fail), then composes
// the constructs.
package stacks

import (
	"github.com/platform-team/webstack/constructs/network"
	"github.com/platform-team/webstack/constructs/webtier"
	"github.com/platform-team/webstack/policy"
)

// Config is one environment file (environments/<name>.json). Keys are
// snake_case, as in the tfvars files users know; every key is optional and
// unknown keys are errors.
//
// Keys of the stack itself (names, tags, target, backend, policy) get their
// defaults from Defaults. Keys that configure a construct are pointers (or
// strings and lists whose empty value means "none"): absent or null leaves the
// construct's documented default, and any value given, zero included, reaches
// the construct as written.
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
	// Target is "aws" (real AWS, with the caller's credentials) or "emulator"
	// (a local AWS emulator such as moto at var.emulator_endpoint; the stack
	// is otherwise the same). Default: "aws".
	Target string `json:"target"`
	// Production marks an environment that serves real users: the load
	// balancer's deletion protection defaults to on, destroy keeps the access
	// logs, and the security policy requires both. Default: false.
	Production bool `json:"production"`

	// ExistingVpc, when set, builds the web tier in a VPC the stack did not
	// create; the network keys below must then be left out. Default: none
	// (the stack builds its own network).
	ExistingVpc *ExistingVpc `json:"existing_vpc"`
	// VpcCidr, AzCount, NatGateways and FlowLogs configure the network.
	VpcCidr     *string          `json:"vpc_cidr"`
	AzCount     *int             `json:"az_count"`
	NatGateways *network.NatMode `json:"nat_gateways"`
	// SSMEndpoints adds Systems Manager's interface endpoints to the private
	// subnets. Default: on with nat_gateways "none", off otherwise.
	SSMEndpoints *bool    `json:"ssm_endpoints"`
	FlowLogs     FlowLogs `json:"flow_logs"`

	// AlbScheme is "internet-facing" (a public web tier, the default) or
	// "internal" (reachable from the VPC only).
	AlbScheme *webtier.Scheme `json:"alb_scheme"`
	// The web tier: see webTierProps for what each key sets.
	AppPort               *int                  `json:"app_port"`
	AllowedCidrs          []string              `json:"allowed_cidrs"`
	InstanceType          *string               `json:"instance_type"`
	AmiID                 string                `json:"ami_id"`
	AmiUpdates            *webtier.ImageUpdates `json:"ami_updates"`
	KeyName               string                `json:"key_name"`
	SSHCidrs              []string              `json:"ssh_cidrs"`
	RootVolumeSize        *int                  `json:"root_volume_size"`
	MinSize               *int                  `json:"min_size"`
	MaxSize               *int                  `json:"max_size"`
	DesiredCapacity       *int                  `json:"desired_capacity"`
	CPUTargetPercent      *int                  `json:"cpu_target_percent"`
	HealthCheck           HealthCheck           `json:"health_check"`
	DeregistrationDelay   *int                  `json:"deregistration_delay"`
	AlbIdleTimeout        *int                  `json:"alb_idle_timeout"`
	AlbDeletionProtection *bool                 `json:"alb_deletion_protection"`
	// App is the application the instances run. Default: the bootstrap.
	App App `json:"app"`
	// HTTPS is the HTTPS toggle. Default: off.
	HTTPS HTTPS `json:"https"`
	// WAF filters requests before the load balancer. Default: a managed web
	// ACL for production, none otherwise.
	WAF WAF `json:"waf"`

	// AccessLogs configures the load balancer's access-log bucket (always on).
	AccessLogs AccessLogs `json:"access_logs"`
	// Alarms configures the CloudWatch alarms' thresholds (always on).
	Alarms Alarms `json:"alarms"`
	// AlarmEmail, when set, is subscribed to the alarm topic. Default: "".
	AlarmEmail string `json:"alarm_email"`
	// Policy holds the accepted exceptions to the security policy.
	Policy Policy `json:"policy"`

	// Backend says where Terraform keeps this stack's state.
	Backend Backend `json:"backend"`
}

// Policy holds accepted exceptions to the synth-time security policy.
type Policy struct {
	// Suppressions accept one rule's finding (an error or a warning) on one
	// resource (its construct path below the stack, e.g. "webtier/alb") for
	// a reason of at least 10 characters. Printed on every synth. Default: none.
	Suppressions []policy.Suppression `json:"suppressions"`
}

// BackendType is where state is kept: a local file or an S3 object.
type BackendType string

const (
	BackendLocal BackendType = "local"
	BackendS3    BackendType = "s3"
)

// Backend says where Terraform state lives.
type Backend struct {
	// Type is BackendLocal or BackendS3. Default: BackendLocal.
	Type BackendType `json:"type"`
	// Path is the local state file, relative to the stack's directory
	// (cdktf.out/stacks/<name>/) and inside it (local only).
	// Default: "terraform.tfstate".
	Path *string `json:"path"`
	// Bucket, Key and Region locate the state object (s3). The bucket must
	// exist: state storage is the one thing a stack cannot create for itself.
	// Region default: the stack's region.
	Bucket string `json:"bucket"`
	Key    string `json:"key"`
	Region string `json:"region"`
	// UseLockfile locks state with a lock object next to it (s3; Terraform
	// 1.10+, no DynamoDB table needed). Default: true.
	UseLockfile *bool `json:"use_lockfile"`
}

// StatePath is the local state file, relative to the stack directory.
func (b Backend) StatePath() string { return derefOr(b.Path, DefaultStatePath) }

// scheme is the load balancer's scheme in effect.
func (c Config) scheme() webtier.Scheme {
	if c.AlbScheme != nil {
		return *c.AlbScheme
	}
	return webtier.DefaultScheme
}
