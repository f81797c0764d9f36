package stacks

import (
	"cmp"
	"slices"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/platform-team/webstack/constructs/webtier"
	"github.com/platform-team/webstack/field"
	"github.com/platform-team/webstack/stacks/config"
)

// webTierPart is the load balancer, the instances and their scaling: the
// top-level keys alb_scheme to alb_deletion_protection, health_check and
// app.
type webTierPart struct{}

func (webTierPart) props(c config.Config, w wiring) (*webtier.Props, propKeys) {
	hc, at := c.HealthCheck, key("health_check")
	p := &webtier.Props{
		Namer:            w.namer,
		VpcID:            w.net.VpcID,
		VpcCidr:          w.net.VpcCidr,
		PublicSubnetIDs:  w.net.PublicSubnetIDs,
		PrivateSubnetIDs: w.net.PrivateSubnetIDs,
		InstancesAfter:   w.net.Egress,
		Partition:        w.region.Partition(),
		Scheme:           (*webtier.Scheme)(c.AlbScheme),
		AppPort:          c.AppPort,
		AllowedCidrs:     c.AllowedCidrs,
		InstanceType:     c.InstanceType,
		UserData:         c.App.Script(),
		AmiID:            c.AmiID,
		ImageUpdates:     (*webtier.ImageUpdates)(c.AmiUpdates),
		KeyName:          c.KeyName,
		SSHCidrs:         c.SSHCidrs,
		RootVolumeSize:   c.RootVolumeSize,
		MinSize:          c.MinSize,
		MaxSize:          c.MaxSize,
		DesiredCapacity:  c.DesiredCapacity,
		CPUTargetPercent: c.CPUTargetPercent,
		HealthCheck: webtier.HealthCheck{
			Path:               hc.Path,
			Matcher:            hc.Matcher,
			HealthyThreshold:   hc.HealthyThreshold,
			UnhealthyThreshold: hc.UnhealthyThreshold,
			IntervalSeconds:    hc.IntervalSeconds,
			TimeoutSeconds:     hc.TimeoutSeconds,
		},
		GracePeriodSeconds:         hc.GracePeriodSeconds,
		DeregistrationDelaySeconds: c.DeregistrationDelaySeconds,
		IdleTimeoutSeconds:         c.AlbIdleTimeoutSeconds,
		// A production environment protects its load balancer unless the
		// file says otherwise (and the policy then asks why).
		DeletionProtection: *cmp.Or(c.AlbDeletionProtection, &c.Production),
		AccessLogs:         &webtier.AccessLogs{Bucket: w.logs.BucketName, Prefix: w.logs.Prefix, DependsOn: w.logs.Ready},
		Tags:               defaultTags(c),
	}
	// The subnets are wired from the network part, unless the file names
	// them (existing_vpc).
	subnets := []source{wired(&p.PublicSubnetIDs), wired(&p.PrivateSubnetIDs)}
	if c.ExistingVpc != nil {
		subnets = []source{from(&p.PublicSubnetIDs, key("existing_vpc", "public_subnet_ids")),
			from(&p.PrivateSubnetIDs, key("existing_vpc", "private_subnet_ids"))}
	}
	return p, newPropKeys("web tier", p, append(subnets,
		wired(&p.Namer), wired(&p.VpcID), wired(&p.VpcCidr), wired(&p.InstancesAfter), wired(&p.Partition),
		wired(&p.AccessLogs),
		from(&p.Scheme, key("alb_scheme")),
		from(&p.AppPort, key("app_port")),
		from(&p.AllowedCidrs, key("allowed_cidrs")),
		from(&p.InstanceType, key("instance_type")),
		from(&p.UserData, key("app", "user_data")),
		from(&p.AmiID, key("ami_id")),
		from(&p.ImageUpdates, key("ami_updates")),
		from(&p.KeyName, key("key_name")),
		from(&p.SSHCidrs, key("ssh_cidrs")),
		from(&p.RootVolumeSize, key("root_volume_size")),
		from(&p.MinSize, key("min_size")),
		from(&p.MaxSize, key("max_size")),
		from(&p.DesiredCapacity, key("desired_capacity")),
		from(&p.CPUTargetPercent, key("cpu_target_percent")),
		from(&p.HealthCheck.Path, at.Child("path")),
		from(&p.HealthCheck.Matcher, at.Child("matcher")),
		from(&p.HealthCheck.HealthyThreshold, at.Child("healthy_threshold")),
		from(&p.HealthCheck.UnhealthyThreshold, at.Child("unhealthy_threshold")),
		from(&p.HealthCheck.IntervalSeconds, at.Child("interval")),
		from(&p.HealthCheck.TimeoutSeconds, at.Child("timeout")),
		from(&p.GracePeriodSeconds, at.Child("grace_period")),
		from(&p.DeregistrationDelaySeconds, key("deregistration_delay")),
		from(&p.IdleTimeoutSeconds, key("alb_idle_timeout")),
		from(&p.DeletionProtection, key("alb_deletion_protection")),
		// The stack's own tags reach the web tier with the user's.
		fromEntry(&p.Tags, "Project", key("project")),
		fromEntry(&p.Tags, "Environment", key("environment")),
		fromEntry(&p.Tags, "Owner", key("owner")),
		fromEntry(&p.Tags, "CostCenter", key("cost_center")),
		from(&p.Tags, key("tags")))...)
}

func (t webTierPart) check(c config.Config, w wiring) config.Problems {
	if c.App.UserData != "" && c.App.Script() == nil {
		// Only config.Parse reads the file; a Config made any other way
		// would otherwise build the bootstrap in silence.
		return config.Problems{{Field: key("app", "user_data"), Value: c.App.UserData, Kind: field.Invalid,
			Msg: "was not read from the repository (load the environment file with Parse or LoadFiles)"}}
	}
	p, keys := t.props(c, w)
	ps := keys.problems(p.Validate())
	if c.ExistingVpc == nil {
		return ps
	}
	// The web tier needs public subnets only when internet-facing, which
	// only it knows; the counts the existing VPC's own check reports already
	// are not repeated.
	public, private := key("existing_vpc", "public_subnet_ids"), key("existing_vpc", "private_subnet_ids")
	return slices.DeleteFunc(ps, func(p config.Problem) bool {
		return p.Field == private || (p.Field == public && len(c.ExistingVpc.PublicSubnetIDs) > 0)
	})
}

func (t webTierPart) build(scope constructs.Construct, c config.Config, w *wiring) (err error) {
	p, _ := t.props(c, *w)
	w.web, err = webtier.NewWebTier(scope, "webtier", p)
	return err
}

func (webTierPart) outputs(_ config.Config, w wiring, out outputFunc) {
	web := w.web
	out("alb_arn", "Load balancer ARN", web.LoadBalancerArn)
	out("alb_dns_name", "Load balancer DNS name", web.LoadBalancerDNSName)
	out("alb_zone_id", "Load balancer hosted zone id (for alias records)", web.LoadBalancerZoneID)
	out("alb_security_group_id", "Load balancer security group id", web.AlbSecurityGroupID)
	out("target_group_arn", "Target group ARN", web.TargetGroupArn)
	out("target_group_name", "Target group name", web.TargetGroupName)
	out("asg_name", "Auto Scaling group name", web.AutoScalingGroupName)
	out("launch_template_id", "Launch template id", web.LaunchTemplateID)
	out("instance_security_group_id", "Web instance security group id", web.InstanceSecurityGroupID)
	out("instance_role_name", "Web instance IAM role name", web.InstanceRoleName)
}

func (t webTierPart) sources(c config.Config, w wiring) []propKeys {
	_, keys := t.props(c, w)
	return []propKeys{keys}
}
