package stacks

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/platform-team/webstack/naming"
	"github.com/platform-team/webstack/policy"
)

// namedAttrs are the attributes that hold a name the stack built, by
// resource type, with the kind whose rules the name must keep.
var namedAttrs = map[string]struct {
	attr string
	kind naming.Kind
}{
	"aws_lb":                      {"name", naming.LoadBalancer},
	"aws_lb_target_group":         {"name", naming.TargetGroup},
	"aws_s3_bucket":               {"bucket", naming.S3Bucket},
	"aws_iam_role":                {"name", naming.IAMRole},
	"aws_iam_role_policy":         {"name", naming.IAMPolicy},
	"aws_iam_instance_profile":    {"name", naming.InstanceProfile},
	"aws_security_group":          {"name", naming.SecurityGroup},
	"aws_launch_template":         {"name", naming.LaunchTemplate},
	"aws_autoscaling_group":       {"name", naming.AutoScalingGroup},
	"aws_autoscaling_policy":      {"name", naming.ScalingPolicy},
	"aws_sns_topic":               {"name", naming.SNSTopic},
	"aws_kms_alias":               {"name", naming.KMSAlias},
	"aws_cloudwatch_metric_alarm": {"alarm_name", naming.Alarm},
	"aws_wafv2_web_acl":           {"name", naming.WebACL},
}

// suffixToken is a random_string's result, 6 characters once drawn.
var suffixToken = regexp.MustCompile(`\$\{random_string\.[A-Za-z0-9_-]+\.result\}`)

// nameProblems checks every name of s as it is finally formed, with its
// suffix drawn, against every rule of its kind (length, characters, reserved
// starts and ends), and every Name tag too; a name that does not end with a
// random suffix would collide between copies. It returns what is wrong and
// how many names it checked.
func nameProblems(s *policy.Stack) (problems []string, checked int) {
	for _, r := range s.Resources {
		check := func(kind naming.Kind, name string) {
			checked++
			if !suffixToken.MatchString(name) {
				problems = append(problems, fmt.Sprintf("%s %s %q has no random suffix", r.Type, r.Path, name))
			}
			if err := kind.Check(suffixToken.ReplaceAllString(name, "x0x0x0")); err != nil {
				problems = append(problems, fmt.Sprintf("%s %s: %v", r.Type, r.Path, err))
			}
		}
		if n, ok := namedAttrs[r.Type]; ok {
			check(n.kind, r.Attrs.Str(n.attr))
		}
		if r.Type == "aws_cloudwatch_log_group" {
			kind := naming.LogGroup
			if strings.HasPrefix(r.Attrs.Str("name"), naming.WAFLogGroup.Prefix) {
				kind = naming.WAFLogGroup
			}
			check(kind, r.Attrs.Str("name"))
		}
		if tag := r.Attrs.Str("tags.Name"); tag != "" {
			check(naming.Tag, tag)
		}
	}
	return problems, checked
}

// TestNamesKeepTheirKindsRules: every name of every variant (FuzzParse checks
// those of every configuration it synthesizes).
func TestNamesKeepTheirKindsRules(t *testing.T) {
	total := 0
	for id, s := range synthAll(t).stacks {
		problems, checked := nameProblems(s)
		total += checked
		for _, p := range problems {
			t.Errorf("%s: %s", id, p)
		}
	}
	if total < 500 {
		t.Errorf("only %d names checked: the table misses the stacks' resource types", total)
	}
}
