package stacks

import (
	"fmt"
	"regexp"
	"strings"

	"webstack/policy"
	"webstack/policy/rules"
)

var (
	email = regexp.MustCompile(`^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$`)
	// A construct path below the stack: segments of the ids constructs use.
	constructPath = regexp.MustCompile(`^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*$`)
)

func (v *validator) observability(c Config) {
	v.intRange("access_logs.retention_days", c.AccessLogs.RetentionDays, 1, 3650, "")
	if c.AlarmEmail != "" && (len(c.AlarmEmail) > 254 || !email.MatchString(c.AlarmEmail)) {
		v.add("alarm_email", c.AlarmEmail, "not an email address (e.g. oncall@example.org)")
	}
	a := c.Alarms
	v.intRange("alarms.elb_5xx_threshold", a.ELB5xxThreshold, 1, 100000, "")
	v.intRange("alarms.target_5xx_threshold", a.Target5xxThreshold, 1, 100000, "")
	v.intRange("alarms.unhealthy_hosts_threshold", a.UnhealthyHostsThreshold, 0, 100, "")
	v.intRange("alarms.cpu_high_percent", a.CPUHighPercent, 1, 100, "")
	if a.ResponseTimeSeconds <= 0 || a.ResponseTimeSeconds > 60 {
		v.add("alarms.response_time_seconds", a.ResponseTimeSeconds, "must be more than 0 and at most 60")
	}
	if a.PeriodSeconds < 60 || a.PeriodSeconds%60 != 0 || a.PeriodSeconds > 86400 {
		v.add("alarms.period_seconds", a.PeriodSeconds, "must be 60 or a multiple of 60, at most 86400")
	}
	v.intRange("alarms.evaluation_periods", a.EvaluationPeriods, 1, 100, "")
}

func (v *validator) suppressions(list []policy.Suppression) {
	seen := map[string]bool{}
	for i, s := range list {
		field := fmt.Sprintf("policy.suppressions[%d]", i)
		if _, ok := rules.ByID(s.Rule); !ok {
			v.add(field+".rule", s.Rule, "not a rule id; `make rules` lists them")
		}
		if !constructPath.MatchString(s.Resource) {
			v.add(field+".resource", s.Resource, `must be a construct path below the stack, e.g. "webtier/alb" `+
				"(the path synth prints with a violation)")
		}
		if len(strings.TrimSpace(s.Reason)) < policy.MinReasonLength {
			v.add(field+".reason", s.Reason, fmt.Sprintf("must explain the exception in at least %d characters", policy.MinReasonLength))
		}
		key := s.Rule + " " + s.Resource
		if seen[key] {
			v.add(field, nil, fmt.Sprintf("suppresses %s on %s a second time", s.Rule, s.Resource))
		}
		seen[key] = true
	}
}
