// Package stacks turns environment files into Terraform stacks: it loads and
// validates the typed configuration, then composes the constructs.
package stacks

import (
	"webstack/constructs/https"
	"webstack/constructs/network"
	"webstack/policy"
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
	// Target is "aws" (real AWS, with the caller's credentials) or "emulator"
	// (a local AWS emulator such as moto at var.emulator_endpoint; the stack
	// is otherwise the same). Default: "aws".
	Target string `json:"target"`

	// VpcCidr is the VPC's IPv4 range, /16 to /22. Default: "10.0.0.0/16".
	VpcCidr string `json:"vpc_cidr"`
	// AzCount is how many availability zones the stack spans, 2 to 6. Default: 2.
	AzCount int `json:"az_count"`
	// NatGateways is none, single or per_az. Default: "single".
	NatGateways network.NatMode `json:"nat_gateways"`
	// FlowLogs configures the VPC flow logs (always on).
	FlowLogs FlowLogs `json:"flow_logs"`

	// AppPort is the port the web instances serve on. Default: 80.
	AppPort int `json:"app_port"`
	// AllowedCidrs may reach the load balancer (80, and 443 with HTTPS).
	// Default: ["0.0.0.0/0"].
	AllowedCidrs []string `json:"allowed_cidrs"`
	// InstanceType of the web instances. Default: "t3.micro".
	InstanceType string `json:"instance_type"`
	// AmiID overrides the image. Default: "" — the latest Amazon Linux 2023
	// from AWS's public SSM parameter, for the instance type's architecture.
	AmiID string `json:"ami_id"`
	// KeyName is an existing EC2 key pair. Default: "" (none; use SSM Session Manager).
	KeyName string `json:"key_name"`
	// SSHCidrs may reach port 22; needs key_name; never 0.0.0.0/0. Default: [].
	SSHCidrs []string `json:"ssh_cidrs"`
	// RootVolumeSize is the encrypted gp3 root volume in GiB. Default: 8.
	RootVolumeSize int `json:"root_volume_size"`
	// MinSize, MaxSize and DesiredCapacity size the Auto Scaling group.
	// Default: 2, 4 and min_size. desired_capacity applies at creation only.
	MinSize         int  `json:"min_size"`
	MaxSize         int  `json:"max_size"`
	DesiredCapacity *int `json:"desired_capacity"`
	// CPUTargetPercent is the average CPU the scaling policy keeps. Default: 50.
	CPUTargetPercent int `json:"cpu_target_percent"`
	// HealthCheck is the target group's health check.
	HealthCheck HealthCheck `json:"health_check"`
	// DeregistrationDelay is how long a leaving target drains, in seconds. Default: 30.
	DeregistrationDelay int `json:"deregistration_delay"`
	// AlbIdleTimeout is the load balancer's idle timeout in seconds. Default: 60.
	AlbIdleTimeout int `json:"alb_idle_timeout"`
	// AlbDeletionProtection stops the load balancer from being destroyed.
	// Default: false (true in the shipped prod).
	AlbDeletionProtection bool `json:"alb_deletion_protection"`
	// HTTPS is the HTTPS toggle. Default: off.
	HTTPS HTTPS `json:"https"`

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

// AccessLogs configures the access-log bucket.
type AccessLogs struct {
	// RetentionDays before log objects expire, 1 to 3650. Default: 365.
	RetentionDays int `json:"retention_days"`
	// ForceDestroy lets terraform destroy delete the bucket with its logs.
	// Default: true, so test copies tear down; set false for production.
	ForceDestroy bool `json:"force_destroy"`
}

// Alarms configures alarm thresholds; each alarm fires when its metric stays
// above the threshold for evaluation_periods periods.
type Alarms struct {
	// ELB5xxThreshold: load balancer 5xx responses per period. Default: 10.
	ELB5xxThreshold int `json:"elb_5xx_threshold"`
	// Target5xxThreshold: instance 5xx responses per period. Default: 10.
	Target5xxThreshold int `json:"target_5xx_threshold"`
	// UnhealthyHostsThreshold: unhealthy targets tolerated. Default: 0.
	UnhealthyHostsThreshold int `json:"unhealthy_hosts_threshold"`
	// CPUHighPercent: average CPU of the group. Default: 80.
	CPUHighPercent int `json:"cpu_high_percent"`
	// ResponseTimeSeconds: average target response time. Default: 1.
	ResponseTimeSeconds float64 `json:"response_time_seconds"`
	// PeriodSeconds of each evaluation: 60 or a multiple of it. Default: 60.
	PeriodSeconds int `json:"period_seconds"`
	// EvaluationPeriods in a row above the threshold. Default: 5.
	EvaluationPeriods int `json:"evaluation_periods"`
}

// Policy holds accepted exceptions to the synth-time security policy.
type Policy struct {
	// Suppressions accept one rule's violation on one resource (its
	// construct path below the stack, e.g. "webtier/alb") for a reason of at
	// least 10 characters. Printed on every synth. Default: none.
	Suppressions []policy.Suppression `json:"suppressions"`
}

// HealthCheck configures the target group's health check.
type HealthCheck struct {
	// Path requested by the load balancer. Default: "/health".
	Path string `json:"path"`
	// Matcher is the healthy HTTP codes, e.g. "200" or "200-299". Default: "200".
	Matcher string `json:"matcher"`
	// HealthyThreshold and UnhealthyThreshold: consecutive results to change
	// state, 2 to 10. Default: 3 each.
	HealthyThreshold   int `json:"healthy_threshold"`
	UnhealthyThreshold int `json:"unhealthy_threshold"`
	// Interval between checks, 5 to 300 seconds. Default: 15.
	Interval int `json:"interval"`
	// Timeout of a check, 2 to 120 seconds and less than interval. Default: 5.
	Timeout int `json:"timeout"`
	// GracePeriod before a new instance's health counts, seconds. Default: 300.
	GracePeriod int `json:"grace_period"`
}

// HTTPS is the HTTPS toggle.
type HTTPS struct {
	// Mode is off (HTTP only), acm (a certificate for domain, validated in
	// hosted_zone_id) or certificate (an existing certificate_arn). Default: "off".
	Mode https.Mode `json:"mode"`
	// Domain users reach, e.g. shop.example.org (acm; optional with certificate).
	Domain string `json:"domain"`
	// HostedZoneID of the Route 53 zone that owns domain (acm; optional with
	// certificate, where it adds the alias record).
	HostedZoneID string `json:"hosted_zone_id"`
	// CertificateArn of an ACM certificate in the stack's region (certificate).
	CertificateArn string `json:"certificate_arn"`
	// SSLPolicy of the HTTPS listener. Default: "ELBSecurityPolicy-TLS13-1-2-2021-06".
	SSLPolicy string `json:"ssl_policy"`
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
	// Type is "local" or "s3". Default: "local".
	Type string `json:"type"`
	// Path is the local state file, relative to the stack's directory
	// (cdktf.out/stacks/<name>/). Default: "terraform.tfstate".
	Path string `json:"path"`
	// Bucket, Key and Region locate the state object (s3). The bucket must
	// exist: state storage is the one thing a stack cannot create for itself.
	// Region default: the stack's region.
	Bucket string `json:"bucket"`
	Key    string `json:"key"`
	Region string `json:"region"`
	// UseLockfile locks state with a lock object next to it (s3; Terraform
	// 1.10+, no DynamoDB table needed). Default: true.
	UseLockfile bool `json:"use_lockfile"`
}

// desiredCapacity is desired_capacity, or min_size when it is not set.
func (c Config) desiredCapacity() int {
	if c.DesiredCapacity != nil {
		return *c.DesiredCapacity
	}
	return c.MinSize
}
