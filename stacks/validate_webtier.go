package stacks

import (
	"fmt"
	"net/netip"
	"regexp"
)

var (
	instanceType = regexp.MustCompile(`^[a-z][a-z0-9]*[0-9][a-z0-9]*(-[a-z0-9]+)*\.[a-z0-9-]+$`)
	amiID        = regexp.MustCompile(`^ami-([0-9a-f]{8}|[0-9a-f]{17})$`)
	keyName      = regexp.MustCompile(`^[\x20-\x7e]{1,255}$`)
	// Characters safe in a URL path and in the bootstrap script.
	healthPath    = regexp.MustCompile(`^/[A-Za-z0-9._~/-]*$`)
	healthMatcher = regexp.MustCompile(`^[2-4][0-9]{2}(-[2-4][0-9]{2})?(,[2-4][0-9]{2}(-[2-4][0-9]{2})?)*$`)
)

const maxAllowedCidrs = 25 // two rules each (80 and 443) stay within the 60-rule quota of a security group

func (v *validator) webTier(c Config) {
	v.intRange("app_port", c.AppPort, 1, 65535, "")
	if !instanceType.MatchString(c.InstanceType) {
		v.add("instance_type", c.InstanceType, `not an EC2 instance type; use the form family.size, e.g. "t3.micro" or "m7g.large"`)
	}
	if c.AmiID != "" && !amiID.MatchString(c.AmiID) {
		v.add("ami_id", c.AmiID, `not an AMI id ("ami-" and 8 or 17 hex digits); leave it out to use the latest Amazon Linux 2023`)
	}
	if c.KeyName != "" && !keyName.MatchString(c.KeyName) {
		v.add("key_name", c.KeyName, "must be the name of an existing EC2 key pair (1 to 255 printable ASCII characters)")
	}
	v.cidrs("allowed_cidrs", c.AllowedCidrs, true)
	if len(c.AllowedCidrs) == 0 {
		v.add("allowed_cidrs", c.AllowedCidrs, `must list at least one CIDR (["0.0.0.0/0"] for a public site)`)
	}
	if len(c.AllowedCidrs) > maxAllowedCidrs {
		v.add("allowed_cidrs", nil, fmt.Sprintf("has %d entries; at most %d (security group rule quota)", len(c.AllowedCidrs), maxAllowedCidrs))
	}
	v.cidrs("ssh_cidrs", c.SSHCidrs, false)
	if len(c.SSHCidrs) > 0 && c.KeyName == "" {
		v.add("ssh_cidrs", c.SSHCidrs, "needs key_name: SSH is opened only for a key pair you name "+
			"(instances are reachable through SSM Session Manager without either)")
	}
	v.intRange("root_volume_size", c.RootVolumeSize, 8, 16384, "GiB; Amazon Linux 2023 needs 8")
	v.intRange("min_size", c.MinSize, 1, 100, "")
	v.intRange("max_size", c.MaxSize, 1, 100, "")
	desired := c.desiredCapacity()
	if c.MinSize > desired || desired > c.MaxSize {
		v.add("desired_capacity", desired, fmt.Sprintf("sizes must satisfy min_size (%d) <= desired_capacity (%d) <= max_size (%d)",
			c.MinSize, desired, c.MaxSize))
	}
	v.intRange("cpu_target_percent", c.CPUTargetPercent, 10, 90, "")

	hc := c.HealthCheck
	if len(hc.Path) > 1024 || !healthPath.MatchString(hc.Path) {
		v.add("health_check.path", hc.Path, "must start with / and hold only letters, digits and . _ ~ / - (at most 1024 characters)")
	}
	if !healthMatcher.MatchString(hc.Matcher) {
		v.add("health_check.matcher", hc.Matcher, `must be HTTP codes 200-499, e.g. "200", "200-299" or "200,302"`)
	}
	v.intRange("health_check.healthy_threshold", hc.HealthyThreshold, 2, 10, "")
	v.intRange("health_check.unhealthy_threshold", hc.UnhealthyThreshold, 2, 10, "")
	v.intRange("health_check.interval", hc.Interval, 5, 300, "seconds")
	v.intRange("health_check.timeout", hc.Timeout, 2, 120, "seconds")
	if hc.Timeout >= hc.Interval {
		v.add("health_check.timeout", hc.Timeout, fmt.Sprintf("must be shorter than health_check.interval (%d)", hc.Interval))
	}
	v.intRange("health_check.grace_period", hc.GracePeriod, 0, 7200, "seconds")
	v.intRange("deregistration_delay", c.DeregistrationDelay, 0, 3600, "seconds")
	v.intRange("alb_idle_timeout", c.AlbIdleTimeout, 1, 4000, "seconds")
}

// cidrs checks a list of IPv4 or IPv6 CIDRs; world says whether /0 is allowed.
func (v *validator) cidrs(field string, list []string, world bool) {
	for i, s := range list {
		f := fmt.Sprintf("%s[%d]", field, i)
		p, err := netip.ParsePrefix(s)
		switch {
		case err != nil:
			v.add(f, s, "not a valid CIDR (e.g. 203.0.113.0/24 or 2001:db8::/32)")
		case p.Masked() != p:
			v.add(f, s, fmt.Sprintf("host bits are set; the network address is %s", p.Masked()))
		case p.Bits() == 0 && !world:
			v.add(f, s, "the whole internet may not reach SSH (security rule WS-SG-3); name the networks that need it, or use SSM Session Manager")
		}
	}
}
