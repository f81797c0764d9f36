package stacks

import (
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/platform-team/webstack/constructs/alarms"
	"github.com/platform-team/webstack/stacks/config"
)

// alarmsPart is the CloudWatch alarms and their topic (always on): section
// alarms, and alarm_email.
type alarmsPart struct{}

func (alarmsPart) props(c config.Config, w wiring) (*alarms.Props, propKeys) {
	a, at := c.Alarms, key("alarms")
	p := &alarms.Props{
		Namer:                   w.namer,
		KmsKeyArn:               w.keyArn,
		AccountID:               w.accountID,
		Partition:               w.region.Partition(),
		Email:                   c.AlarmEmail,
		LoadBalancerArnSuffix:   w.web.LoadBalancerArnSuffix,
		TargetGroupArnSuffix:    w.web.TargetGroupArnSuffix,
		AutoScalingGroupName:    w.web.AutoScalingGroupName,
		ELB5xxThreshold:         a.ELB5xxThreshold,
		Target5xxThreshold:      a.Target5xxThreshold,
		UnhealthyHostsThreshold: a.UnhealthyHostsThreshold,
		CPUHighPercent:          a.CPUHighPercent,
		ResponseTimeSeconds:     a.ResponseTimeSeconds,
		PeriodSeconds:           a.PeriodSeconds,
		EvaluationPeriods:       a.EvaluationPeriods,
	}
	return p, newPropKeys("alarms", p,
		wired(&p.Namer), wired(&p.KmsKeyArn), wired(&p.AccountID), wired(&p.Partition),
		wired(&p.LoadBalancerArnSuffix), wired(&p.TargetGroupArnSuffix), wired(&p.AutoScalingGroupName),
		from(&p.Email, key("alarm_email")),
		from(&p.ELB5xxThreshold, at.Child("elb_5xx_threshold")),
		from(&p.Target5xxThreshold, at.Child("target_5xx_threshold")),
		from(&p.UnhealthyHostsThreshold, at.Child("unhealthy_hosts_threshold")),
		from(&p.CPUHighPercent, at.Child("cpu_high_percent")),
		from(&p.ResponseTimeSeconds, at.Child("response_time_seconds")),
		from(&p.PeriodSeconds, at.Child("period_seconds")),
		from(&p.EvaluationPeriods, at.Child("evaluation_periods")))
}

func (a alarmsPart) check(c config.Config, w wiring) config.Problems {
	p, keys := a.props(c, w)
	return keys.problems(p.Validate())
}

func (a alarmsPart) build(scope constructs.Construct, c config.Config, w *wiring) (err error) {
	p, _ := a.props(c, *w)
	w.alarms, err = alarms.NewAlarms(scope, "alarms", p)
	return err
}

func (alarmsPart) outputs(_ config.Config, w wiring, out outputFunc) {
	out("alarm_topic_arn", "SNS topic the alarms notify", w.alarms.TopicArn)
	if w.alarms.EmailPendingConfirmation != nil {
		out("alarm_email_pending_confirmation", "True until alarm_email follows the link AWS mailed it: until then it "+
			"receives no alarm, and SNS deletes a subscription unconfirmed after 48 hours (the next apply subscribes it again)",
			w.alarms.EmailPendingConfirmation)
	}
}

func (a alarmsPart) sources(c config.Config, w wiring) []propKeys {
	_, keys := a.props(c, w)
	return []propKeys{keys}
}
