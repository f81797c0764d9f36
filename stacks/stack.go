package stacks

import (
	"fmt"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawscalleridentity"
	"github.com/cdktf/cdktf-provider-random-go/random/v11/stringresource"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"webstack/constructs/accesslogs"
	"webstack/constructs/alarms"
	"webstack/constructs/https"
	"webstack/constructs/keys"
	"webstack/constructs/naming"
	"webstack/constructs/network"
	"webstack/constructs/regions"
	"webstack/constructs/webtier"
)

// Stack is the web stack of one environment.
type Stack struct {
	// Stack is the cdktf stack (a jsii object: kept as a field, since jsii
	// cannot pass a Go struct that embeds one as a scope).
	Stack      cdktf.TerraformStack
	Suffix     *string // the random suffix every name ends with (a token)
	Network    *network.Network
	WebTier    *webtier.WebTier
	HTTPS      *https.HTTPS
	AccessLogs *accesslogs.AccessLogs
	Alarms     *alarms.Alarms
}

// NewStack composes the constructs of env into a stack whose id is env.ID.
// env must come from LoadDir or Parse, which validate it.
func NewStack(scope constructs.Construct, env Environment) (*Stack, error) {
	c := env.Config
	region, _ := regions.Lookup(c.Region)
	stack := cdktf.NewTerraformStack(scope, jsii.String(env.ID))
	newProviders(stack, c)
	newBackend(stack, c)

	// One suffix per stack, fixed at the first apply (no keepers): what lets
	// any number of copies share an account.
	suffix := stringresource.NewStringResource(stack, jsii.String("suffix"), &stringresource.StringResourceConfig{
		Length:  jsii.Number(SuffixLength),
		Lower:   jsii.Bool(true),
		Upper:   jsii.Bool(false),
		Numeric: jsii.Bool(true),
		Special: jsii.Bool(false),
	})
	namer, err := naming.New(c.Project, c.Environment, *suffix.Result(), SuffixLength)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", env.File, err)
	}
	account := dataawscalleridentity.NewDataAwsCallerIdentity(stack, jsii.String("account"), nil)

	key, err := keys.NewKey(stack, "keys", &keys.Props{
		Namer: namer, AccountID: account.AccountId(), Region: region.Name, Partition: region.Partition(),
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", env.File, err)
	}

	net, err := network.NewNetwork(stack, "network", &network.Props{
		Namer:                namer,
		CidrBlock:            c.VpcCidr,
		AzCount:              c.AzCount,
		NatGateways:          c.NatGateways,
		InstanceType:         c.InstanceType,
		FlowLogRetentionDays: c.FlowLogs.RetentionDays,
		FlowLogTrafficType:   c.FlowLogs.TrafficType,
		FlowLogKmsKeyArn:     key.Arn,
		Partition:            region.Partition(),
		AccountID:            account.AccountId(),
		Region:               region.Name,
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", env.File, err)
	}

	logs, err := accesslogs.NewAccessLogs(stack, "access-logs", &accesslogs.Props{
		Namer:         namer,
		Region:        region,
		AccountID:     account.AccountId(),
		RetentionDays: c.AccessLogs.RetentionDays,
		ForceDestroy:  c.AccessLogs.ForceDestroy,
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", env.File, err)
	}

	web, err := webtier.NewWebTier(stack, "webtier", &webtier.Props{
		Namer:            namer,
		VpcID:            net.VpcID,
		PublicSubnetIDs:  net.PublicSubnetIDs,
		PrivateSubnetIDs: net.PrivateSubnetIDs,
		AppPort:          c.AppPort,
		AllowedCidrs:     c.AllowedCidrs,
		InstanceType:     c.InstanceType,
		AmiID:            c.AmiID,
		KeyName:          c.KeyName,
		SSHCidrs:         c.SSHCidrs,
		RootVolumeSize:   c.RootVolumeSize,
		MinSize:          c.MinSize,
		MaxSize:          c.MaxSize,
		DesiredCapacity:  c.desiredCapacity(),
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
		DeletionProtection:         c.AlbDeletionProtection,
		AccessLogs:                 &webtier.AccessLogs{Bucket: logs.BucketName, Prefix: logs.Prefix, DependsOn: logs.Ready},
		Tags:                       defaultTags(c),
		Partition:                  region.Partition(),
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", env.File, err)
	}

	tls, err := https.NewHTTPS(stack, "https", &https.Props{
		Namer:               namer,
		Mode:                c.HTTPS.Mode,
		Domain:              c.HTTPS.Domain,
		HostedZoneID:        c.HTTPS.HostedZoneID,
		CertificateArn:      c.HTTPS.CertificateArn,
		SSLPolicy:           c.HTTPS.SSLPolicy,
		LoadBalancerArn:     web.LoadBalancerArn,
		LoadBalancerDNSName: web.LoadBalancerDNSName,
		LoadBalancerZoneID:  web.LoadBalancerZoneID,
		AlbSecurityGroupID:  web.AlbSecurityGroupID,
		TargetGroupArn:      web.TargetGroupArn,
		AllowedCidrs:        c.AllowedCidrs,
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", env.File, err)
	}

	watch, err := alarms.NewAlarms(stack, "alarms", &alarms.Props{
		Namer:                  namer,
		KmsKeyArn:              key.Arn,
		AccountID:              account.AccountId(),
		Partition:              region.Partition(),
		Email:                  c.AlarmEmail,
		LoadBalancerArnSuffix:  web.LoadBalancerArnSuffix,
		TargetGroupArnSuffix:   web.TargetGroupArnSuffix,
		AutoScalingGroupName:   web.AutoScalingGroupName,
		ELB5xxThreshold:        c.Alarms.ELB5xxThreshold,
		Target5xxThreshold:     c.Alarms.Target5xxThreshold,
		UnhealthyHostThreshold: c.Alarms.UnhealthyHostsThreshold,
		CPUHighPercent:         c.Alarms.CPUHighPercent,
		ResponseTimeSeconds:    c.Alarms.ResponseTimeSeconds,
		PeriodSeconds:          c.Alarms.PeriodSeconds,
		EvaluationPeriods:      c.Alarms.EvaluationPeriods,
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", env.File, err)
	}

	s := &Stack{Stack: stack, Suffix: suffix.Result(), Network: net, WebTier: web, HTTPS: tls,
		AccessLogs: logs, Alarms: watch}
	s.outputs()
	return s, nil
}
