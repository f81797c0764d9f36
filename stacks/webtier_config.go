package stacks

import (
	"cmp"
	"maps"
	"slices"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/platform-team/webstack/constructs/webtier"
	"github.com/platform-team/webstack/field"
)

// HealthCheck configures the target group's health check.
type HealthCheck struct {
	Path               *string `json:"path"`
	Matcher            *string `json:"matcher"`
	HealthyThreshold   *int    `json:"healthy_threshold"`
	UnhealthyThreshold *int    `json:"unhealthy_threshold"`
	Interval           *int    `json:"interval"`
	Timeout            *int    `json:"timeout"`
	// GracePeriod before a new instance's health counts, in seconds.
	GracePeriod *int `json:"grace_period"`
}

var webTierKeys = keyMap{
	"Scheme":                         "alb_scheme",
	"AppPort":                        "app_port",
	"AllowedCidrs":                   "allowed_cidrs",
	"InstanceType":                   "instance_type",
	"AmiID":                          "ami_id",
	"ImageUpdates":                   "ami_updates",
	"UserData":                       "app.user_data",
	"KeyName":                        "key_name",
	"SSHCidrs":                       "ssh_cidrs",
	"RootVolumeSize":                 "root_volume_size",
	"MinSize":                        "min_size",
	"MaxSize":                        "max_size",
	"DesiredCapacity":                "desired_capacity",
	"CPUTargetPercent":               "cpu_target_percent",
	"HealthCheck.Path":               "health_check.path",
	"HealthCheck.Matcher":            "health_check.matcher",
	"HealthCheck.HealthyThreshold":   "health_check.healthy_threshold",
	"HealthCheck.UnhealthyThreshold": "health_check.unhealthy_threshold",
	"HealthCheck.IntervalSeconds":    "health_check.interval",
	"HealthCheck.TimeoutSeconds":     "health_check.timeout",
	"GracePeriodSeconds":             "health_check.grace_period",
	"DeregistrationDelaySeconds":     "deregistration_delay",
	"IdleTimeoutSeconds":             "alb_idle_timeout",
	"DeletionProtection":             "alb_deletion_protection",
	// The stack's own tags reach the web tier with the user's.
	"Tags.Project":     "project",
	"Tags.Environment": "environment",
	"Tags.Owner":       "owner",
	"Tags.CostCenter":  "cost_center",
	"Tags":             "tags",
}

func (c Config) buildWebTier(scope constructs.Construct, w *wiring) (err error) {
	w.web, err = webtier.NewWebTier(scope, "webtier", c.webTierProps(*w))
	return err
}

func (c Config) checkWebTier(w wiring) Problems {
	if c.App.UserData != "" && c.App.script == nil {
		// Only Parse reads the file; a Config made any other way would
		// otherwise build the bootstrap in silence.
		return Problems{{Field: "app.user_data", Value: c.App.UserData, Kind: field.Invalid,
			Msg: "was not read from the repository (load the environment file with Parse or LoadFiles)"}}
	}
	if c.ExistingVpc == nil {
		return webTierKeys.problems("web tier", c.webTierProps(w).Validate())
	}
	// The subnets are the file's, not the stack's. The web tier needs public
	// ones only when internet-facing, which only it knows; the counts the
	// existing VPC's own check reports already are not repeated.
	keys := maps.Clone(webTierKeys)
	keys["PublicSubnetIDs"] = existingVpcKeys["PublicSubnetIDs"]
	keys["PrivateSubnetIDs"] = existingVpcKeys["PrivateSubnetIDs"]
	return slices.DeleteFunc(keys.problems("web tier", c.webTierProps(w).Validate()), func(p Problem) bool {
		return p.Field == keys["PrivateSubnetIDs"] || (p.Field == keys["PublicSubnetIDs"] && len(c.ExistingVpc.PublicSubnetIDs) > 0)
	})
}

func (c Config) webTierProps(w wiring) *webtier.Props {
	return &webtier.Props{
		Namer:            w.namer,
		VpcID:            w.net.VpcID,
		VpcCidr:          w.net.VpcCidr,
		PublicSubnetIDs:  w.net.PublicSubnetIDs,
		PrivateSubnetIDs: w.net.PrivateSubnetIDs,
		InstancesAfter:   w.net.Egress,
		Partition:        w.region.Partition(),
		Scheme:           c.AlbScheme,
		AppPort:          c.AppPort,
		AllowedCidrs:     c.AllowedCidrs,
		InstanceType:     c.InstanceType,
		UserData:         c.App.script,
		AmiID:            c.AmiID,
		ImageUpdates:     c.AmiUpdates,
		KeyName:          c.KeyName,
		SSHCidrs:         c.SSHCidrs,
		RootVolumeSize:   c.RootVolumeSize,
		MinSize:          c.MinSize,
		MaxSize:          c.MaxSize,
		DesiredCapacity:  c.DesiredCapacity,
		CPUTargetPercent: c.CPUTargetPercent,
		HealthCheck: webtier.HealthCheck{
			Path:               c.HealthCheck.Path,
			Matcher:            c.HealthCheck.Matcher,
			HealthyThreshold:   c.HealthCheck.HealthyThreshold,
			UnhealthyThreshold: c.HealthCheck.UnhealthyThreshold,
			IntervalSeconds:    c.HealthCheck.Interval,
			TimeoutSeconds:     c.HealthCheck.Timeout,
		},
		GracePeriodSeconds:         c.HealthCheck.GracePeriod,
		DeregistrationDelaySeconds: c.DeregistrationDelay,
		IdleTimeoutSeconds:         c.AlbIdleTimeout,
		// A production environment protects its load balancer unless the
		// file says otherwise (and the policy then asks why).
		DeletionProtection: *cmp.Or(c.AlbDeletionProtection, &c.Production),
		AccessLogs:         &webtier.AccessLogs{Bucket: w.logs.BucketName, Prefix: w.logs.Prefix, DependsOn: w.logs.Ready},
		Tags:               defaultTags(c),
	}
}
