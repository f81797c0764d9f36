// Package config reads environment files (environments/<name>.json) into
// typed configurations: it decodes them strictly (unknown keys, wrong types,
// duplicate keys and encoding problems are reported with their key and
// line), applies the stack's own defaults, reads the files they name, and
// validates the keys that belong to the stack itself (names, tags, region,
// target, backend, policy). Each part of a stack (package stacks) validates
// its own section through its construct; Parse and LoadDir take those checks
// and report every problem of every file together.
//
// The package builds nothing and does not start the jsii runtime.
package config

import (
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
	// (a local AWS emulator such as moto, at AWS_ENDPOINT_URL; the stack is
	// otherwise the same). Default: "aws".
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
	VpcCidr     *string `json:"vpc_cidr"`
	AzCount     *int    `json:"az_count"`
	NatGateways *string `json:"nat_gateways"`
	// SSMEndpoints adds Systems Manager's interface endpoints to the private
	// subnets. Default: on with nat_gateways "none", off otherwise.
	SSMEndpoints *bool    `json:"ssm_endpoints"`
	FlowLogs     FlowLogs `json:"flow_logs"`

	// AlbScheme is "internet-facing" (a public web tier, the default) or
	// "internal" (reachable from the VPC only).
	AlbScheme *string `json:"alb_scheme"`
	// The web tier (see the web tier part, stacks/webtier.go, for the prop
	// each key sets). README's table of keys lists their defaults.
	AppPort                    *int        `json:"app_port"`
	AllowedCidrs               []string    `json:"allowed_cidrs"`
	InstanceType               *string     `json:"instance_type"`
	AmiID                      string      `json:"ami_id"`
	AmiUpdates                 *string     `json:"ami_updates"`
	KeyName                    string      `json:"key_name"`
	SSHCidrs                   []string    `json:"ssh_cidrs"`
	RootVolumeSize             *int        `json:"root_volume_size"`
	MinSize                    *int        `json:"min_size"`
	MaxSize                    *int        `json:"max_size"`
	DesiredCapacity            *int        `json:"desired_capacity"`
	CPUTargetPercent           *int        `json:"cpu_target_percent"`
	HealthCheck                HealthCheck `json:"health_check"`
	DeregistrationDelaySeconds *int        `json:"deregistration_delay"`
	AlbIdleTimeoutSeconds      *int        `json:"alb_idle_timeout"`
	AlbDeletionProtection      *bool       `json:"alb_deletion_protection"`
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

// HealthCheck configures the target group's health check. The Go names
// are the web tier's props'; the keys are the file's.
type HealthCheck struct {
	Path               *string `json:"path"`
	Matcher            *string `json:"matcher"`
	HealthyThreshold   *int    `json:"healthy_threshold"`
	UnhealthyThreshold *int    `json:"unhealthy_threshold"`
	IntervalSeconds    *int    `json:"interval"`
	TimeoutSeconds     *int    `json:"timeout"`
	// GracePeriodSeconds before a new instance's health counts.
	GracePeriodSeconds *int `json:"grace_period"`
}

// HTTPS is the HTTPS toggle.
type HTTPS struct {
	// Mode is off (HTTP only), acm (a certificate for domain, validated in
	// hosted_zone_id) or certificate (an existing certificate_arn). Default: "off".
	Mode *string `json:"mode"`
	// Domain users reach, e.g. shop.example.org (acm; optional with certificate).
	Domain string `json:"domain"`
	// HostedZoneID of the Route 53 zone that owns domain (acm; optional with
	// certificate, where it adds the alias record).
	HostedZoneID string `json:"hosted_zone_id"`
	// CertificateArn of an ACM certificate in the stack's region (certificate).
	CertificateArn string `json:"certificate_arn"`
	// SSLPolicy of the HTTPS listener. Default: "ELBSecurityPolicy-TLS13-1-2-2021-06".
	SSLPolicy *string `json:"ssl_policy"`
}

// WAFMode says what filters requests before the load balancer.
type WAFMode string

const (
	// WAFOff: no web application firewall.
	WAFOff WAFMode = "off"
	// WAFManaged: a web ACL of the stack's own (AWS managed rule groups and a
	// per-IP rate limit, logged to an encrypted log group).
	WAFManaged WAFMode = "managed"
	// WAFExisting: the web ACL at waf.web_acl_arn, associated as it is.
	WAFExisting WAFMode = "existing"
)

// WAFModes lists the valid modes.
func WAFModes() []WAFMode { return []WAFMode{WAFOff, WAFManaged, WAFExisting} }

// WAF is the edge protection of the load balancer.
type WAF struct {
	// Mode is off, managed or existing. Default: managed when production is
	// true, off otherwise.
	Mode *WAFMode `json:"mode"`
	// WebACLArn is the regional web ACL to associate (existing only).
	WebACLArn string `json:"web_acl_arn"`
	// RateLimit is how many requests a client IP may send in 5 minutes
	// before it is blocked (managed only). Default: 2000.
	RateLimit *int `json:"rate_limit"`
}

// WAFMode is the mode in effect: as set, else managed for production.
func (c Config) WAFMode() WAFMode {
	switch {
	case c.WAF.Mode != nil:
		return *c.WAF.Mode
	case c.Production:
		return WAFManaged
	}
	return WAFOff
}

// AccessLogs configures the access-log bucket.
type AccessLogs struct {
	// RetentionDays before log objects expire, 1 to 3650. Default: 365.
	RetentionDays *int `json:"retention_days"`
	// ForceDestroy lets terraform destroy delete the bucket with its logs.
	// Default: true, so copies tear down cleanly; false in a production
	// environment.
	ForceDestroy *bool `json:"force_destroy"`
}

// Alarms configures alarm thresholds; each alarm fires when its metric stays
// above the threshold for evaluation_periods periods.
type Alarms struct {
	ELB5xxThreshold         *int     `json:"elb_5xx_threshold"`
	Target5xxThreshold      *int     `json:"target_5xx_threshold"`
	UnhealthyHostsThreshold *int     `json:"unhealthy_hosts_threshold"`
	CPUHighPercent          *int     `json:"cpu_high_percent"`
	ResponseTimeSeconds     *float64 `json:"response_time_seconds"`
	PeriodSeconds           *int     `json:"period_seconds"`
	EvaluationPeriods       *int     `json:"evaluation_periods"`
}
