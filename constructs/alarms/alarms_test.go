package alarms

import (
	"slices"
	"testing"

	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/field"
	"github.com/platform-team/webstack/internal/synthtest"
	"github.com/platform-team/webstack/naming"
	"github.com/platform-team/webstack/policy"
)

func TestMain(m *testing.M) { synthtest.Main(m) }

func build(t *testing.T, p Props) *policy.Stack {
	t.Helper()
	return synthtest.Stack(t, func(stack cdktf.TerraformStack) {
		p.Namer, _ = naming.New("shop", "dev", "abc123", 6)
		p.KmsKeyArn, p.AccountID = jsii.String("arn:aws:kms:us-east-1:123456789012:key/k"), jsii.String("123456789012")
		p.LoadBalancerArnSuffix, p.TargetGroupArnSuffix = jsii.String("app/web/1"), jsii.String("targetgroup/web/2")
		p.AutoScalingGroupName = jsii.String("asg")
		p.Partition = "aws"
		if _, err := NewAlarms(stack, "alarms", &p); err != nil {
			t.Fatal(err)
		}
	})
}

func TestAlarmsNotifyAnEncryptedTopic(t *testing.T) {
	s := build(t, Props{})
	topic, _ := s.ByPath("alarms/topic")
	if topic.Attrs.Str("kms_master_key_id") == "" {
		t.Error("topic not encrypted")
	}
	want := map[string]struct {
		metric    string
		threshold float64
		dims      []string
	}{
		"elb-5xx":         {"HTTPCode_ELB_5XX_Count", DefaultELB5xxThreshold, []string{"LoadBalancer"}},
		"target-5xx":      {"HTTPCode_Target_5XX_Count", DefaultTarget5xxThreshold, []string{"LoadBalancer", "TargetGroup"}},
		"unhealthy-hosts": {"UnHealthyHostCount", 0, []string{"LoadBalancer", "TargetGroup"}},
		"response-time":   {"TargetResponseTime", DefaultResponseTimeSeconds, []string{"LoadBalancer"}},
		"cpu-high":        {"CPUUtilization", DefaultCPUHighPercent, []string{"AutoScalingGroupName"}},
	}
	for id, w := range want {
		a, ok := s.ByPath("alarms/" + id)
		if !ok {
			t.Errorf("no %s alarm", id)
			continue
		}
		if a.Attrs.Str("metric_name") != w.metric {
			t.Errorf("%s: metric %s", id, a.Attrs.Str("metric_name"))
		}
		if th, _ := a.Attrs.Num("threshold"); th != w.threshold || a.Attrs.Str("comparison_operator") != "GreaterThanThreshold" {
			t.Errorf("%s: threshold %v %s", id, th, a.Attrs.Str("comparison_operator"))
		}
		for _, d := range w.dims {
			if a.Attrs.Str("dimensions."+d) == "" {
				t.Errorf("%s: no %s dimension", id, d)
			}
		}
		if acts := a.Attrs.Strings("alarm_actions"); len(acts) != 1 || acts[0] != topic.Ref("arn") {
			t.Errorf("%s: actions %v", id, acts)
		}
	}
	if len(s.OfType("aws_cloudwatch_metric_alarm")) != len(want) {
		t.Errorf("%d alarms", len(s.OfType("aws_cloudwatch_metric_alarm")))
	}
	if len(s.OfType("aws_sns_topic_subscription")) != 0 {
		t.Error("a subscription without alarm_email")
	}
	pol, _ := s.ByPath("alarms/topic-policy")
	statements, err := policy.ParsePolicy(pol.Attrs.Str("policy"))
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range statements {
		for _, p := range st.PrincipalValues() {
			if p == "*" && st.Effect == "Allow" {
				t.Error("the topic policy allows anyone")
			}
		}
	}
}

func TestThresholdsAndEmail(t *testing.T) {
	s := build(t, Props{Email: "oncall@example.org", CPUHighPercent: new(65), UnhealthyHostsThreshold: new(2), PeriodSeconds: new(300), EvaluationPeriods: new(2)})
	cpu, _ := s.ByPath("alarms/cpu-high")
	if th, _ := cpu.Attrs.Num("threshold"); th != 65 {
		t.Errorf("cpu threshold %v", th)
	}
	if p, _ := cpu.Attrs.Num("period"); p != 300 {
		t.Errorf("period %v", p)
	}
	unhealthy, _ := s.ByPath("alarms/unhealthy-hosts")
	if th, _ := unhealthy.Attrs.Num("threshold"); th != 2 {
		t.Errorf("unhealthy threshold %v", th)
	}
	sub, ok := s.ByPath("alarms/email")
	if !ok || sub.Attrs.Str("protocol") != "email" || sub.Attrs.Str("endpoint") != "oncall@example.org" {
		t.Errorf("email subscription %v", sub.Attrs)
	}
}

func TestEachRequiredPropIsNamed(t *testing.T) {
	got := field.Paths((&Props{Partition: "aws"}).Validate(), field.Required)
	want := []string{"Namer", "KmsKeyArn", "AccountID", "LoadBalancerArnSuffix", "TargetGroupArnSuffix", "AutoScalingGroupName"}
	if !slices.Equal(got, want) {
		t.Errorf("required: %v, want %v", got, want)
	}
}
