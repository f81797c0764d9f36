package stacks

import (
	"webstack/constructs/accesslogs"
	"webstack/constructs/alarms"
	"webstack/constructs/https"
	"webstack/constructs/network"
	"webstack/constructs/webtier"
	"webstack/policy"
)

// Fixed values of the stack, documented in the README.
const (
	// SuffixLength is the length of the random suffix every name ends with:
	// 36^6 ≈ 2·10⁹ values, short enough to leave room in 32-character names.
	SuffixLength = 6
	// ManagedBy is the value of the ManagedBy tag.
	ManagedBy = "webstack"

	// Deployment targets.
	TargetAWS      = "aws"
	TargetEmulator = "emulator"
	// DefaultEmulatorEndpoint is the default of the emulator_endpoint
	// variable: moto_server's own default address.
	DefaultEmulatorEndpoint = "http://127.0.0.1:5000"
)

// Defaults returns the configuration of an empty environment file named name:
// the one place where the default of every key is set.
func Defaults(name string) Config {
	return Config{
		Project:     "webstack",
		Environment: name,
		Region:      "us-east-1",
		Owner:       "unassigned",
		CostCenter:  "unassigned",
		Tags:        map[string]string{},
		Target:      TargetAWS,
		VpcCidr:     network.DefaultCidr,
		AzCount:     network.DefaultAzCount,
		NatGateways: network.DefaultNatMode,
		FlowLogs: FlowLogs{
			RetentionDays: network.DefaultFlowLogRetention,
			TrafficType:   network.DefaultFlowLogTraffic,
		},
		AppPort:          webtier.DefaultAppPort,
		AllowedCidrs:     []string{webtier.DefaultAllowedCidr},
		InstanceType:     webtier.DefaultInstanceType,
		SSHCidrs:         []string{},
		RootVolumeSize:   webtier.DefaultRootVolumeSize,
		MinSize:          webtier.DefaultMinSize,
		MaxSize:          webtier.DefaultMaxSize,
		CPUTargetPercent: webtier.DefaultCPUTargetPercent,
		HealthCheck: HealthCheck{
			Path:               webtier.DefaultHealthCheckPath,
			Matcher:            webtier.DefaultHealthCheckMatcher,
			HealthyThreshold:   webtier.DefaultHealthyThreshold,
			UnhealthyThreshold: webtier.DefaultUnhealthyThreshold,
			Interval:           webtier.DefaultHealthCheckInterval,
			Timeout:            webtier.DefaultHealthCheckTimeout,
			GracePeriod:        webtier.DefaultGracePeriod,
		},
		DeregistrationDelay: webtier.DefaultDeregistrationDelay,
		AlbIdleTimeout:      webtier.DefaultIdleTimeout,
		HTTPS:               HTTPS{Mode: https.Off, SSLPolicy: https.DefaultSSLPolicy},
		AccessLogs:          AccessLogs{RetentionDays: accesslogs.DefaultRetentionDays, ForceDestroy: true},
		Alarms: Alarms{
			ELB5xxThreshold:         alarms.DefaultELB5xxThreshold,
			Target5xxThreshold:      alarms.DefaultTarget5xxThreshold,
			UnhealthyHostsThreshold: alarms.DefaultUnhealthyHostThreshold,
			CPUHighPercent:          alarms.DefaultCPUHighPercent,
			ResponseTimeSeconds:     alarms.DefaultResponseTimeSeconds,
			PeriodSeconds:           alarms.DefaultPeriodSeconds,
			EvaluationPeriods:       alarms.DefaultEvaluationPeriods,
		},
		Policy:  Policy{Suppressions: []policy.Suppression{}},
		Backend: Backend{Type: "local", Path: "terraform.tfstate", UseLockfile: true},
	}
}
