package rules

import (
	"fmt"

	"github.com/platform-team/webstack/policy"
)

// MinLogRetentionDays is the shortest retention of audit logs (flow logs).
const MinLogRetentionDays = 365

func logRetention() policy.Rule {
	return policy.Rule{
		ID:          "WS-LOG-1",
		Level:       policy.Warning,
		Severity:    policy.Medium,
		Description: fmt.Sprintf("Log groups keep logs for a set period of at least %d days", MinLogRetentionDays),
		Controls:    []string{"CKV_AWS_66", "CKV_AWS_338"},
		Fix:         fmt.Sprintf("set flow_logs.retention_days to %d or more", MinLogRetentionDays),
		Types:       []string{"aws_cloudwatch_log_group"},
		Check: func(r policy.Resource, _ *policy.Stack) []string {
			days, set := r.Attrs.Num("retention_in_days")
			switch {
			case !set || days == 0:
				return []string{"no retention: logs are kept, and billed, forever"}
			case days < MinLogRetentionDays:
				return []string{fmt.Sprintf("retention is %v days", days)}
			}
			return nil
		},
	}
}
