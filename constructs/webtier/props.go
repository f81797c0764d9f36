package webtier

import (
	"cmp"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/field"
	"github.com/platform-team/webstack/internal/awstags"
	"github.com/platform-team/webstack/internal/regions"
	"github.com/platform-team/webstack/naming"
)

// Scheme says who can reach the load balancer.
type Scheme string

const (
	// InternetFacing: a public web tier. The load balancer sits in the public
	// subnets with a public address; instances stay private.
	InternetFacing Scheme = "internet-facing"
	// Internal: reachable from inside the VPC (and networks routed to it)
	// only; the load balancer sits in the private subnets.
	Internal Scheme = "internal"
)

// Schemes lists the valid schemes.
func Schemes() []Scheme { return []Scheme{InternetFacing, Internal} }

// ImageUpdates says when the instances move to a new Amazon Linux 2023
// release.
type ImageUpdates string

const (
	// ImagesOnApply: each plan reads AWS's public parameter, so the first
	// apply after a release writes a new launch template version and the
	// instance refresh replaces every instance (patched, and rolled when you
	// apply, not when you chose).
	ImagesOnApply ImageUpdates = "on_apply"
	// ImagesPinned: the image found at the first apply stays (the launch
	// template ignores later image ids) until one apply with ImagesOnApply
	// takes the release of that day.
	ImagesPinned ImageUpdates = "pinned"
)

// ImageUpdateModes lists the valid ImageUpdates.
func ImageUpdateModes() []ImageUpdates { return []ImageUpdates{ImagesOnApply, ImagesPinned} }

// Defaults of the optional props.
const (
	DefaultScheme              = InternetFacing
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
	// WaitForCapacityTimeout is how long the apply that creates the Auto
	// Scaling group waits for MinSize healthy targets before it fails.
	WaitForCapacityTimeout = "10m"
	// DefaultAllowedCidr: an internet-facing tier takes traffic from anywhere.
	DefaultAllowedCidr = "0.0.0.0/0"
)

// IPv4OnlyLoadBalancer says why AllowedCidrs take IPv4 ranges only: the
// load balancer's address type is ipv4 (its subnets have no IPv6 block), so
// IPv6 clients cannot reach it and a rule admitting an IPv6 range would open
// nothing while looking as if it did.
const IPv4OnlyLoadBalancer = "the load balancer has IPv4 addresses only, so an IPv6 range would open nothing"

// Limits of the props, from AWS's documented limits.
const (
	// MaxAllowedCidrs: each CIDR takes a rule on 80 and one on 443, within
	// the 60-rule quota of a security group.
	MaxAllowedCidrs = 25
	// MaxSSHCidrs: the instances' group also holds the load balancer's rule.
	MaxSSHCidrs = 50
	MaxSize     = 100
	// MaxUserDataBytes is EC2's limit on user data, before base64 encoding.
	MaxUserDataBytes = 16384
)

// HealthCheck is the target group's health check. Every field is optional.
type HealthCheck struct {
	// Path the load balancer requests; the bootstrap script serves it as a
	// file below its web root, so it may hold only / and letters, digits and
	// . _ ~ -, no empty, "." or ".." segment, no segment over 255 characters,
	// and nothing below /index.html. Default: "/health".
	Path *string
	// Matcher is the HTTP codes that count as healthy, 200-499: "200",
	// "200-299" or "200,302". Default: "200".
	Matcher *string
	// HealthyThreshold and UnhealthyThreshold are consecutive results needed
	// to change state, 2 to 10. Default: 3 each.
	HealthyThreshold, UnhealthyThreshold *int
	// IntervalSeconds between checks, 5 to 300. Default: 15.
	IntervalSeconds *int
	// TimeoutSeconds of one check, 2 to 120 and less than IntervalSeconds.
	// Default: 5.
	TimeoutSeconds *int
}

// AccessLogs points the load balancer's access logs at a bucket.
type AccessLogs struct {
	Bucket *string // bucket name (a token is fine). Required.
	Prefix string  // key prefix; may be empty
	// DependsOn is what must exist before the load balancer writes logs
	// (the bucket policy granting log delivery), so the first apply does not
	// race it.
	DependsOn []cdktf.ITerraformDependable
}

// Props configures a WebTier.
//
// Optional settings are pointers: nil takes the documented default, and any
// other value, zero included, is used as given (Go 1.26: new(0)).
type Props struct {
	// Namer builds every resource name. Required.
	Namer *naming.Namer
	// VpcID places the tier. Required.
	VpcID *string
	// VpcCidr is the VPC's range: what AllowedCidrs defaults to for an
	// Internal load balancer. Required with Internal.
	VpcCidr *string
	// PublicSubnetIDs hold an InternetFacing load balancer (at least two
	// AZs); PrivateSubnetIDs hold the instances and an Internal load
	// balancer. Required.
	PublicSubnetIDs  []*string
	PrivateSubnetIDs []*string
	// Partition of ARNs: aws, aws-cn or aws-us-gov. Required.
	Partition string

	// Scheme of the load balancer. Default: InternetFacing.
	Scheme *Scheme
	// AppPort is the port instances serve on, 1 to 65535, but not one a
	// daemon of Amazon Linux 2023 holds (22, 53). Default: 80.
	AppPort *int
	// AllowedCidrs may reach the load balancer (80, and 443 with HTTPS): IPv4
	// or IPv6 CIDRs in canonical form, 1 to 25. Default: ["0.0.0.0/0"] when
	// InternetFacing, [VpcCidr] when Internal.
	AllowedCidrs []string
	// InstanceType of the web instances (family.size). Default: "t3.micro".
	InstanceType *string
	// UserData is your application: a script ("#!") or cloud-init
	// configuration ("#cloud-config"), at most MaxUserDataBytes of UTF-8,
	// that replaces the default bootstrap. It must serve HealthCheck.Path on
	// AppPort, answering HealthCheck.Matcher, within the grace period of
	// boot. A change writes a new launch template version, which the group's
	// instance refresh rolls out. Default: nil — the bootstrap (UserData the
	// function), which serves the health check and a page.
	UserData *string
	// AmiID overrides the image. Default: "" — the latest Amazon Linux 2023
	// for the instance type's architecture, from AWS's public SSM parameter.
	AmiID string
	// ImageUpdates says whether a new Amazon Linux 2023 release rolls the
	// fleet on the next apply (ImagesOnApply) or waits (ImagesPinned); with
	// AmiID the image is fixed already. Default: ImagesOnApply.
	ImageUpdates *ImageUpdates
	// KeyName is an existing EC2 key pair. Default: "" — none; shell access is
	// through SSM Session Manager.
	KeyName string
	// SSHCidrs may reach port 22 of the instances; needs KeyName; never the
	// whole internet. Default: none (no SSH rule at all).
	SSHCidrs []string
	// RootVolumeSize in GiB (encrypted gp3), 8 to 16384. Default: 8.
	RootVolumeSize *int
	// MinSize, MaxSize and DesiredCapacity size the Auto Scaling group, 1 to
	// 100 with MinSize <= DesiredCapacity <= MaxSize. Default: 2, 4 and
	// MinSize. DesiredCapacity applies at creation only; afterwards scaling
	// owns it.
	MinSize, MaxSize, DesiredCapacity *int
	// CPUTargetPercent is the average CPU the scaling policy tracks, 10 to 90.
	// Default: 50.
	CPUTargetPercent *int
	// HealthCheck of the target group.
	HealthCheck HealthCheck
	// GracePeriodSeconds before a new instance's health counts, 0 to 7200.
	// Default: 300.
	GracePeriodSeconds *int
	// DeregistrationDelaySeconds a target drains before removal, 0 to 3600.
	// Default: 30.
	DeregistrationDelaySeconds *int
	// IdleTimeoutSeconds of the load balancer's connections, 1 to 4000.
	// Default: 60.
	IdleTimeoutSeconds *int
	// DeletionProtection of the load balancer. Default: false.
	DeletionProtection bool
	// AccessLogs of the load balancer. Default: nil (off).
	AccessLogs *AccessLogs
	// InstancesAfter is what instances need before they launch: their way
	// out (network.Network's Egress — NAT, routes, endpoints), so the first
	// instances never boot before it exists. The Auto Scaling group depends on
	// it and on the instances' own outbound rule. Default: none.
	InstancesAfter []cdktf.ITerraformDependable
	// Tags to put on instances, volumes and network interfaces the group
	// launches, and on the group itself: the provider's default_tags reach
	// none of them. Default: none.
	Tags map[string]string
}

var (
	instanceType = regexp.MustCompile(`^[a-z][a-z0-9]*[0-9][a-z0-9]*(-[a-z0-9]+)*\.[a-z0-9-]+$`)
	amiID        = regexp.MustCompile(`^ami-([0-9a-f]{8}|[0-9a-f]{17})$`)
	keyName      = regexp.MustCompile(`^[\x20-\x7e]{1,255}$`)
	// The health-check path is written into the bootstrap script: only
	// characters that are safe in a URL path and in a shell word.
	healthPath    = regexp.MustCompile(`^/[A-Za-z0-9._~/-]*$`)
	healthMatcher = regexp.MustCompile(`^[2-4][0-9]{2}(-[2-4][0-9]{2})?(,[2-4][0-9]{2}(-[2-4][0-9]{2})?)*$`)
)

// heldPorts are the TCP ports a daemon of Amazon Linux 2023 holds from boot:
// a web server on one of them never starts.
var heldPorts = map[int]string{22: "sshd", 53: "systemd-resolved (127.0.0.53)"}

// servablePath says why the bootstrap's server cannot serve path as the
// health check ("" when it can). The bootstrap writes the path as a file
// below the web root (index.html for a path ending in /), so every segment
// must be a file name (at most 255 bytes, not "." or ".."), and no segment
// may sit below the start page, /index.html, which is a file.
func servablePath(path string) string {
	if len(path) > 1024 || !healthPath.MatchString(path) {
		return "must start with / and hold only letters, digits and . _ ~ / - (at most 1024 characters)"
	}
	segments := strings.Split(path[1:], "/")
	for i, seg := range segments {
		last := i == len(segments)-1
		switch {
		case seg == "" && !last:
			return "must not hold an empty segment (//)"
		case seg == "." || seg == "..":
			return `must not hold a "." or ".." segment: the server resolves them, and the check would fetch another path`
		case len(seg) > 255:
			return fmt.Sprintf("segment %d is %d characters long; a file name holds at most 255", i+1, len(seg))
		}
	}
	if len(segments) > 1 && segments[0] == "index.html" {
		return "must not lie below /index.html: the start page is a file"
	}
	return ""
}

// runnableUserData says why cloud-init would not run ud ("" when it would).
func runnableUserData(ud string) string {
	switch {
	case !utf8.ValidString(ud):
		return "must be UTF-8 text"
	case len(ud) > MaxUserDataBytes:
		return fmt.Sprintf("is %d bytes; EC2 takes at most %d bytes of user data", len(ud), MaxUserDataBytes)
	case !strings.HasPrefix(ud, "#!") && !strings.HasPrefix(ud, "#cloud-config"):
		return `must start with "#!" (a script) or "#cloud-config" (cloud-init configuration): cloud-init runs nothing else`
	}
	return ""
}

// elide shortens a long value for an error message.
func elide(s string) string {
	if len(s) <= 40 {
		return s
	}
	for i := 40; i > 0; i-- {
		if utf8.RuneStart(s[i]) {
			return s[:i] + "…"
		}
	}
	return "…"
}

// withDefaults returns p with every unset optional prop at its default.
func (p Props) withDefaults() Props {
	p.Scheme = cmp.Or(p.Scheme, new(DefaultScheme))
	p.ImageUpdates = cmp.Or(p.ImageUpdates, new(ImagesOnApply))
	p.AppPort = cmp.Or(p.AppPort, new(DefaultAppPort))
	p.InstanceType = cmp.Or(p.InstanceType, new(DefaultInstanceType))
	p.RootVolumeSize = cmp.Or(p.RootVolumeSize, new(DefaultRootVolumeSize))
	p.MinSize = cmp.Or(p.MinSize, new(DefaultMinSize))
	p.MaxSize = cmp.Or(p.MaxSize, new(DefaultMaxSize))
	p.DesiredCapacity = cmp.Or(p.DesiredCapacity, p.MinSize)
	p.CPUTargetPercent = cmp.Or(p.CPUTargetPercent, new(DefaultCPUTargetPercent))
	hc := &p.HealthCheck
	hc.Path = cmp.Or(hc.Path, new(DefaultHealthCheckPath))
	hc.Matcher = cmp.Or(hc.Matcher, new(DefaultHealthCheckMatcher))
	hc.HealthyThreshold = cmp.Or(hc.HealthyThreshold, new(DefaultHealthyThreshold))
	hc.UnhealthyThreshold = cmp.Or(hc.UnhealthyThreshold, new(DefaultUnhealthyThreshold))
	hc.IntervalSeconds = cmp.Or(hc.IntervalSeconds, new(DefaultHealthCheckInterval))
	hc.TimeoutSeconds = cmp.Or(hc.TimeoutSeconds, new(DefaultHealthCheckTimeout))
	p.GracePeriodSeconds = cmp.Or(p.GracePeriodSeconds, new(DefaultGracePeriod))
	p.DeregistrationDelaySeconds = cmp.Or(p.DeregistrationDelaySeconds, new(DefaultDeregistrationDelay))
	p.IdleTimeoutSeconds = cmp.Or(p.IdleTimeoutSeconds, new(DefaultIdleTimeout))
	if p.AllowedCidrs == nil {
		if *p.Scheme == Internal && p.VpcCidr != nil {
			p.AllowedCidrs = []string{*p.VpcCidr}
		} else {
			p.AllowedCidrs = []string{DefaultAllowedCidr}
		}
	}
	return p
}

// Validate returns every problem of p as field.Errors (nil when there is
// none). It needs no jsii runtime: callers may validate before building.
func (p *Props) Validate() error {
	var c field.Checker
	c.Require("Namer", p.Namer != nil, "builds every resource name")
	c.Require("VpcID", p.VpcID != nil, "the VPC the tier lives in")
	if len(p.PrivateSubnetIDs) < 2 {
		c.Add("PrivateSubnetIDs", field.Required, nil, "at least two, in different AZs")
	}
	internal := p.Scheme != nil && *p.Scheme == Internal
	if !internal && len(p.PublicSubnetIDs) < 2 {
		c.Add("PublicSubnetIDs", field.Required, nil, "at least two, in different AZs, for an internet-facing load balancer")
	}
	if internal && p.VpcCidr == nil && p.AllowedCidrs == nil {
		c.Add("VpcCidr", field.Required, nil, "an internal load balancer takes traffic from the VPC unless {AllowedCidrs} says otherwise")
	}
	field.OneOf(&c, "Partition", &p.Partition, regions.Partitions())

	field.OneOf(&c, "Scheme", p.Scheme, Schemes())
	field.OneOf(&c, "ImageUpdates", p.ImageUpdates, ImageUpdateModes())
	if p.AmiID != "" && p.ImageUpdates != nil && *p.ImageUpdates == ImagesPinned {
		c.Add("ImageUpdates", field.Forbidden, string(*p.ImageUpdates), "{AmiID} fixes the image already; "+
			"pinned keeps the Amazon Linux 2023 release of the first apply, for a tier without {AmiID}")
	}
	c.IntRange("AppPort", p.AppPort, 1, 65535, "")
	if p.AppPort != nil {
		if daemon, held := heldPorts[*p.AppPort]; held {
			c.Add("AppPort", field.Forbidden, *p.AppPort, "Amazon Linux 2023's "+daemon+" listens on it; choose another port (80 and 8080 are common)")
		}
	}
	if p.InstanceType != nil && !instanceType.MatchString(*p.InstanceType) {
		c.Add("InstanceType", field.Invalid, *p.InstanceType, `not an EC2 instance type; use the form family.size, e.g. "t3.micro" or "m7g.large"`)
	}
	if p.UserData != nil {
		if why := runnableUserData(*p.UserData); why != "" {
			c.Add("UserData", field.Invalid, elide(*p.UserData), why)
		}
	}
	if p.AmiID != "" && !amiID.MatchString(p.AmiID) {
		c.Add("AmiID", field.Invalid, p.AmiID, `not an AMI id ("ami-" and 8 or 17 hex digits); leave it empty for the latest Amazon Linux 2023`)
	}
	if p.KeyName != "" && !keyName.MatchString(p.KeyName) {
		c.Add("KeyName", field.Invalid, p.KeyName, "must be the name of an existing EC2 key pair (1 to 255 printable ASCII characters)")
	}
	c.Cidrs("AllowedCidrs", p.AllowedCidrs, field.CidrOptions{World: true, NonEmpty: true, Max: MaxAllowedCidrs,
		Why:      "one rule on 80 and one on 443 each, within the 60-rule quota of a security group",
		IPv4Only: true, IPv6Why: IPv4OnlyLoadBalancer})
	c.Cidrs("SSHCidrs", p.SSHCidrs, field.CidrOptions{Max: MaxSSHCidrs, IPv4Only: true,
		IPv6Why: "the instances have IPv4 addresses only, so an IPv6 range would open nothing",
		Why:     "name the networks that need SSH, or use SSM Session Manager (security rule WS-SG-3)"})
	if len(p.SSHCidrs) > 0 && p.KeyName == "" {
		c.Add("SSHCidrs", field.Forbidden, p.SSHCidrs, "needs {KeyName}: SSH is opened only for a key pair "+
			"(instances are reachable through SSM Session Manager without either)")
	}
	c.IntRange("RootVolumeSize", p.RootVolumeSize, 8, 16384, "GiB (Amazon Linux 2023 needs 8)")
	c.IntRange("MinSize", p.MinSize, 1, MaxSize, "")
	c.IntRange("MaxSize", p.MaxSize, 1, MaxSize, "")
	c.IntRange("DesiredCapacity", p.DesiredCapacity, 1, MaxSize, "")
	c.IntRange("CPUTargetPercent", p.CPUTargetPercent, 10, 90, "")

	hc := p.HealthCheck
	if hc.Path != nil {
		if why := servablePath(*hc.Path); why != "" {
			c.Add("HealthCheck.Path", field.Invalid, *hc.Path, why)
		}
	}
	if hc.Matcher != nil && !healthMatcher.MatchString(*hc.Matcher) {
		c.Add("HealthCheck.Matcher", field.Invalid, *hc.Matcher, `must be HTTP codes 200-499, e.g. "200", "200-299" or "200,302"`)
	}
	c.IntRange("HealthCheck.HealthyThreshold", hc.HealthyThreshold, 2, 10, "")
	c.IntRange("HealthCheck.UnhealthyThreshold", hc.UnhealthyThreshold, 2, 10, "")
	c.IntRange("HealthCheck.IntervalSeconds", hc.IntervalSeconds, 5, 300, "seconds")
	c.IntRange("HealthCheck.TimeoutSeconds", hc.TimeoutSeconds, 2, 120, "seconds")
	c.IntRange("GracePeriodSeconds", p.GracePeriodSeconds, 0, 7200, "seconds")
	c.IntRange("DeregistrationDelaySeconds", p.DeregistrationDelaySeconds, 0, 3600, "seconds")
	c.IntRange("IdleTimeoutSeconds", p.IdleTimeoutSeconds, 1, 4000, "seconds")
	if p.AccessLogs != nil && p.AccessLogs.Bucket == nil {
		c.Add("AccessLogs.Bucket", field.Required, nil, "the bucket the load balancer logs to")
	}
	awstags.Check(&c, "Tags", p.Tags)
	if len(c.Errs) > 0 {
		return c.Errs // the combinations below assume valid values
	}

	// Combinations, on the values in effect: each is reported on a prop the
	// caller set, so the message points at something to change.
	d := p.withDefaults()
	if !(*d.MinSize <= *d.DesiredCapacity && *d.DesiredCapacity <= *d.MaxSize) {
		path, v := firstSet([]string{"DesiredCapacity", "MinSize", "MaxSize"}, p.DesiredCapacity, p.MinSize, p.MaxSize)
		c.Add(path, field.Forbidden, v, fmt.Sprintf("sizes must satisfy {MinSize} (%d) <= {DesiredCapacity} (%d) <= {MaxSize} (%d)",
			*d.MinSize, *d.DesiredCapacity, *d.MaxSize))
	}
	if *d.HealthCheck.TimeoutSeconds >= *d.HealthCheck.IntervalSeconds {
		path, v := firstSet([]string{"HealthCheck.TimeoutSeconds", "HealthCheck.IntervalSeconds"},
			p.HealthCheck.TimeoutSeconds, p.HealthCheck.IntervalSeconds)
		c.Add(path, field.Forbidden, v, fmt.Sprintf("the timeout (%d s) must be shorter than the interval (%d s)",
			*d.HealthCheck.TimeoutSeconds, *d.HealthCheck.IntervalSeconds))
	}
	return c.Errs.Err()
}

// firstSet returns the first of paths whose value is set (the first path
// when none is).
func firstSet(paths []string, values ...*int) (string, any) {
	for i, v := range values {
		if v != nil {
			return paths[i], *v
		}
	}
	return paths[0], nil
}
