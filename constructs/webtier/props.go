package webtier

import (
	"fmt"

	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"webstack/constructs/naming"
)

// Defaults, exported so the stack configuration documents the same values.
const (
	DefaultAppPort             = 80
	DefaultInstanceType        = "t3.micro"
	DefaultRootVolumeSize      = 8 // GiB: the size of the Amazon Linux 2023 image's root snapshot
	DefaultMinSize             = 2
	DefaultMaxSize             = 4
	DefaultCPUTargetPercent    = 50
	DefaultHealthCheckPath     = "/health"
	DefaultHealthCheckMatcher  = "200"
	DefaultHealthyThreshold    = 3
	DefaultUnhealthyThreshold  = 3
	DefaultHealthCheckInterval = 15
	DefaultHealthCheckTimeout  = 5
	DefaultGracePeriod         = 300
	DefaultDeregistrationDelay = 30
	DefaultIdleTimeout         = 60
	// DefaultAllowedCidr: a public web tier takes traffic from anywhere.
	DefaultAllowedCidr = "0.0.0.0/0"
)

// HealthCheck is the target group's health check.
type HealthCheck struct {
	// Path the load balancer requests. Default: "/health" (the bootstrap serves it).
	Path string
	// Matcher is the HTTP codes that count as healthy. Default: "200".
	Matcher string
	// HealthyThreshold and UnhealthyThreshold are consecutive results needed
	// to change state. Default: 3 each.
	HealthyThreshold, UnhealthyThreshold int
	// IntervalSeconds between checks. Default: 15.
	IntervalSeconds int
	// TimeoutSeconds of one check; less than IntervalSeconds. Default: 5.
	TimeoutSeconds int
}

// AccessLogs points the load balancer's access logs at a bucket.
type AccessLogs struct {
	Bucket *string // bucket name (a token is fine)
	Prefix string  // key prefix; may be empty
	// DependsOn is what must exist before the load balancer writes logs
	// (the bucket policy granting log delivery), so the first apply does not
	// race it.
	DependsOn []cdktf.ITerraformDependable
}

// Props configures a WebTier.
type Props struct {
	// Namer builds every resource name. Required.
	Namer *naming.Namer
	// VpcID, PublicSubnetIDs (load balancer) and PrivateSubnetIDs (instances)
	// place the tier. Required.
	VpcID            *string
	PublicSubnetIDs  []*string
	PrivateSubnetIDs []*string

	// AppPort is the port instances serve on. Default: 80.
	AppPort int
	// AllowedCidrs may reach the load balancer. Default: ["0.0.0.0/0"].
	AllowedCidrs []string
	// InstanceType of the web instances. Default: "t3.micro".
	InstanceType string
	// AmiID overrides the image. Default: "" — the latest Amazon Linux 2023
	// for the instance type's architecture, from AWS's public SSM parameter.
	AmiID string
	// KeyName is an existing EC2 key pair. Default: "" — none; shell access is
	// through SSM Session Manager.
	KeyName string
	// SSHCidrs may reach port 22 of the instances; only used with KeyName.
	// Default: none (no SSH rule at all).
	SSHCidrs []string
	// RootVolumeSize in GiB (encrypted gp3). Default: 8.
	RootVolumeSize int
	// MinSize, MaxSize and DesiredCapacity size the Auto Scaling group.
	// Default: 2, 4 and MinSize. DesiredCapacity applies at creation only;
	// afterwards scaling owns it.
	MinSize, MaxSize, DesiredCapacity int
	// CPUTargetPercent is the average CPU the scaling policy tracks. Default: 50.
	CPUTargetPercent int
	// HealthCheck of the target group. Zero fields take their defaults.
	HealthCheck HealthCheck
	// GracePeriodSeconds before a new instance's health counts. Default: 300.
	GracePeriodSeconds int
	// DeregistrationDelaySeconds a target drains before removal. Default: 30.
	DeregistrationDelaySeconds int
	// IdleTimeoutSeconds of the load balancer's connections. Default: 60.
	IdleTimeoutSeconds int
	// DeletionProtection of the load balancer. Default: false.
	DeletionProtection bool
	// AccessLogs of the load balancer. Default: nil (off).
	AccessLogs *AccessLogs
	// Tags to put on instances, volumes and network interfaces the group
	// launches, and on the group itself: the provider's default_tags reach
	// none of them. Default: none.
	Tags map[string]string
	// Partition of ARNs (aws, aws-cn, aws-us-gov). Default: aws.
	Partition string
}

func (p Props) withDefaults() Props {
	set := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	set(&p.AppPort, DefaultAppPort)
	set(&p.RootVolumeSize, DefaultRootVolumeSize)
	set(&p.MinSize, DefaultMinSize)
	set(&p.MaxSize, DefaultMaxSize)
	set(&p.DesiredCapacity, p.MinSize)
	set(&p.CPUTargetPercent, DefaultCPUTargetPercent)
	set(&p.HealthCheck.HealthyThreshold, DefaultHealthyThreshold)
	set(&p.HealthCheck.UnhealthyThreshold, DefaultUnhealthyThreshold)
	set(&p.HealthCheck.IntervalSeconds, DefaultHealthCheckInterval)
	set(&p.HealthCheck.TimeoutSeconds, DefaultHealthCheckTimeout)
	set(&p.GracePeriodSeconds, DefaultGracePeriod)
	set(&p.DeregistrationDelaySeconds, DefaultDeregistrationDelay)
	set(&p.IdleTimeoutSeconds, DefaultIdleTimeout)
	if p.InstanceType == "" {
		p.InstanceType = DefaultInstanceType
	}
	if p.HealthCheck.Path == "" {
		p.HealthCheck.Path = DefaultHealthCheckPath
	}
	if p.HealthCheck.Matcher == "" {
		p.HealthCheck.Matcher = DefaultHealthCheckMatcher
	}
	if len(p.AllowedCidrs) == 0 {
		p.AllowedCidrs = []string{DefaultAllowedCidr}
	}
	if p.Partition == "" {
		p.Partition = "aws"
	}
	return p
}

// validate catches misuse by code; environment files are validated, with
// file and field names, before any construct is built.
func (p Props) validate() error {
	switch {
	case p.Namer == nil:
		return fmt.Errorf("webtier: Namer is required")
	case p.VpcID == nil || len(p.PublicSubnetIDs) < 2 || len(p.PrivateSubnetIDs) < 2:
		return fmt.Errorf("webtier: VpcID and at least two public and two private subnets are required")
	case p.MinSize < 1 || p.MinSize > p.DesiredCapacity || p.DesiredCapacity > p.MaxSize:
		return fmt.Errorf("webtier: sizes must satisfy 1 <= MinSize (%d) <= DesiredCapacity (%d) <= MaxSize (%d)",
			p.MinSize, p.DesiredCapacity, p.MaxSize)
	case p.HealthCheck.TimeoutSeconds >= p.HealthCheck.IntervalSeconds:
		return fmt.Errorf("webtier: health check timeout (%ds) must be shorter than its interval (%ds)",
			p.HealthCheck.TimeoutSeconds, p.HealthCheck.IntervalSeconds)
	case len(p.SSHCidrs) > 0 && p.KeyName == "":
		return fmt.Errorf("webtier: SSHCidrs needs KeyName")
	}
	for _, c := range p.SSHCidrs {
		if c == "0.0.0.0/0" || c == "::/0" {
			return fmt.Errorf("webtier: SSH from %s (the whole internet) is refused", c)
		}
	}
	return nil
}
