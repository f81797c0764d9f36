package stacks

import (
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/platform-team/webstack/constructs/accesslogs"
	"github.com/platform-team/webstack/constructs/alarms"
	"github.com/platform-team/webstack/constructs/keys"
)

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

var keyKeys = keyMap{}

func (c Config) buildKey(scope constructs.Construct, w *wiring) error {
	key, err := keys.NewKey(scope, "keys", c.keyProps(*w))
	if err == nil {
		w.keyArn = key.Arn
	}
	return err
}

func (c Config) checkKey(w wiring) Problems {
	return keyKeys.problems("keys", c.keyProps(w).Validate())
}

func (c Config) keyProps(w wiring) *keys.Props {
	return &keys.Props{Namer: w.namer, AccountID: w.accountID, Region: w.region.Name, Partition: w.region.Partition()}
}

var accessLogsKeys = keyMap{
	"RetentionDays": "access_logs.retention_days",
	"ForceDestroy":  "access_logs.force_destroy",
}

func (c Config) buildAccessLogs(scope constructs.Construct, w *wiring) (err error) {
	w.logs, err = accesslogs.NewAccessLogs(scope, "access-logs", c.accessLogsProps(*w))
	return err
}

func (c Config) checkAccessLogs(w wiring) Problems {
	return accessLogsKeys.problems("access logs", c.accessLogsProps(w).Validate())
}

func (c Config) accessLogsProps(w wiring) *accesslogs.Props {
	forceDestroy := !c.Production
	if c.AccessLogs.ForceDestroy != nil {
		forceDestroy = *c.AccessLogs.ForceDestroy
	}
	return &accesslogs.Props{
		Namer:         w.namer,
		Region:        w.region.Name,
		AccountID:     w.accountID,
		RetentionDays: c.AccessLogs.RetentionDays,
		ForceDestroy:  forceDestroy,
	}
}

var alarmsKeys = keyMap{
	"Email":                  "alarm_email",
	"ELB5xxThreshold":        "alarms.elb_5xx_threshold",
	"Target5xxThreshold":     "alarms.target_5xx_threshold",
	"UnhealthyHostThreshold": "alarms.unhealthy_hosts_threshold",
	"CPUHighPercent":         "alarms.cpu_high_percent",
	"ResponseTimeSeconds":    "alarms.response_time_seconds",
	"PeriodSeconds":          "alarms.period_seconds",
	"EvaluationPeriods":      "alarms.evaluation_periods",
}

func (c Config) buildAlarms(scope constructs.Construct, w *wiring) (err error) {
	w.alarms, err = alarms.NewAlarms(scope, "alarms", c.alarmsProps(*w))
	return err
}

func (c Config) checkAlarms(w wiring) Problems {
	return alarmsKeys.problems("alarms", c.alarmsProps(w).Validate())
}

func (c Config) alarmsProps(w wiring) *alarms.Props {
	a := c.Alarms
	return &alarms.Props{
		Namer:                  w.namer,
		KmsKeyArn:              w.keyArn,
		AccountID:              w.accountID,
		Partition:              w.region.Partition(),
		Email:                  c.AlarmEmail,
		LoadBalancerArnSuffix:  w.web.LoadBalancerArnSuffix,
		TargetGroupArnSuffix:   w.web.TargetGroupArnSuffix,
		AutoScalingGroupName:   w.web.AutoScalingGroupName,
		ELB5xxThreshold:        a.ELB5xxThreshold,
		Target5xxThreshold:     a.Target5xxThreshold,
		UnhealthyHostThreshold: a.UnhealthyHostsThreshold,
		CPUHighPercent:         a.CPUHighPercent,
		ResponseTimeSeconds:    a.ResponseTimeSeconds,
		PeriodSeconds:          a.PeriodSeconds,
		EvaluationPeriods:      a.EvaluationPeriods,
	}
}
