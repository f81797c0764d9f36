// Package alarms watches a web tier: CloudWatch alarms on load balancer and
// target 5xx responses, unhealthy hosts, the group's CPU and response time,
// all notifying an SNS topic encrypted with a customer-managed key and, when
// Email is set, an email subscription (which the address must confirm).
//
// It needs the AWS provider in its stack, and in its Props a naming.Namer,
// a KMS key ARN CloudWatch may use (package keys builds one), the account id
// and partition, and the metric dimensions of what it watches: the load
// balancer's and target group's ARN suffixes and the Auto Scaling group's
// name (package webtier's fields, or those of a tier built elsewhere).
// Thresholds default to the Default constants; each alarm fires after
// DefaultEvaluationPeriods periods of DefaultPeriodSeconds above its
// threshold. NewAlarms validates Props first and returns field.Errors that
// name the prop.
//
// An Alarms exposes the topic ARN and the alarm names by what they watch.
//
// For a tier from package webtier (Example, run by go test, builds one for a
// tier built elsewhere):
//
//	key, err := keys.NewKey(stack, "keys", &keys.Props{
//		Namer: namer, AccountID: jsii.String("123456789012"), Region: "eu-west-1", Partition: "aws",
//	})
//	a, err := alarms.NewAlarms(stack, "alarms", &alarms.Props{
//		Namer: namer, KmsKeyArn: key.Arn, AccountID: jsii.String("123456789012"), Partition: "aws",
//		LoadBalancerArnSuffix: tier.LoadBalancerArnSuffix, TargetGroupArnSuffix: tier.TargetGroupArnSuffix,
//		AutoScalingGroupName: tier.AutoScalingGroupName,
//		Email:                 "oncall@example.org",
//	})
package alarms

import (
	"cmp"
	"fmt"
	"regexp"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudwatchmetricalarm"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/snstopic"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/snstopicpolicy"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/snstopicsubscription"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/field"
	"github.com/platform-team/webstack/internal/iamdoc"
	"github.com/platform-team/webstack/internal/regions"
	"github.com/platform-team/webstack/naming"
)

// Defaults, exported so the stack configuration documents the same values.
const (
	DefaultELB5xxThreshold         = 10  // load balancer 5xx responses per period
	DefaultTarget5xxThreshold      = 10  // target 5xx responses per period
	DefaultUnhealthyHostsThreshold = 0   // alarm as soon as one host is unhealthy
	DefaultCPUHighPercent          = 80  // average CPU of the group
	DefaultResponseTimeSeconds     = 1.0 // average target response time
	DefaultPeriodSeconds           = 60
	DefaultEvaluationPeriods       = 5
)

// Props configures the alarms. Each alarm fires when its metric stays above
// its threshold for EvaluationPeriods periods in a row. Optional settings are
// pointers: nil takes the documented default, and any other value, zero
// included, is used as given.
type Props struct {
	// Namer builds the topic and alarm names. Required.
	Namer *naming.Namer
	// KmsKeyArn encrypts the topic. Required: CloudWatch must be allowed to use
	// it (the key from package keys is).
	KmsKeyArn *string
	// AccountID scopes who may manage and publish. Required (a token is fine).
	AccountID *string
	// Partition of ARNs: aws, aws-cn or aws-us-gov. Required.
	Partition string
	// Email, when set, is subscribed to the topic. AWS mails the address a
	// link to confirm; until it is followed the address receives nothing, and
	// SNS deletes a subscription left unconfirmed for 48 hours (the next
	// apply creates it again, with a new mail). Alarms.EmailPendingConfirmation
	// says which. Default: none.
	Email string

	// What is watched: metric dimensions of the load balancer, target group
	// and Auto Scaling group. Required.
	LoadBalancerArnSuffix *string
	TargetGroupArnSuffix  *string
	AutoScalingGroupName  *string

	// ELB5xxThreshold: load balancer 5xx responses per period, 0 to 100000. Default: 10.
	ELB5xxThreshold *int
	// Target5xxThreshold: instance 5xx responses per period, 0 to 100000. Default: 10.
	Target5xxThreshold *int
	// UnhealthyHostsThreshold: unhealthy targets tolerated, 0 to 100. Default: 0.
	UnhealthyHostsThreshold *int
	// CPUHighPercent: average CPU of the group, 1 to 100. Default: 80.
	CPUHighPercent *int
	// ResponseTimeSeconds: average target response time, more than 0 and at
	// most 60. Default: 1.
	ResponseTimeSeconds *float64
	// PeriodSeconds of each evaluation: a multiple of 60 (the load balancer's
	// metrics have one-minute resolution). Default: 60.
	PeriodSeconds *int
	// EvaluationPeriods in a row above the threshold, 1 to 100; with
	// PeriodSeconds at most a day (CloudWatch's limit). Default: 5.
	EvaluationPeriods *int
}

var email = regexp.MustCompile(`^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$`)

// maxEvaluationSeconds is CloudWatch's limit on period × evaluation periods.
const maxEvaluationSeconds = 86400

func (p Props) withDefaults() Props {
	p.ELB5xxThreshold = cmp.Or(p.ELB5xxThreshold, new(DefaultELB5xxThreshold))
	p.Target5xxThreshold = cmp.Or(p.Target5xxThreshold, new(DefaultTarget5xxThreshold))
	p.UnhealthyHostsThreshold = cmp.Or(p.UnhealthyHostsThreshold, new(DefaultUnhealthyHostsThreshold))
	p.CPUHighPercent = cmp.Or(p.CPUHighPercent, new(DefaultCPUHighPercent))
	p.ResponseTimeSeconds = cmp.Or(p.ResponseTimeSeconds, new(DefaultResponseTimeSeconds))
	p.PeriodSeconds = cmp.Or(p.PeriodSeconds, new(DefaultPeriodSeconds))
	p.EvaluationPeriods = cmp.Or(p.EvaluationPeriods, new(DefaultEvaluationPeriods))
	return p
}

// Validate returns every problem of p as field.Errors (nil when there is
// none). It needs no jsii runtime.
func (p *Props) Validate() error {
	var c field.Checker
	c.Require("Namer", p.Namer != nil, "builds the topic and alarm names")
	c.Require("KmsKeyArn", p.KmsKeyArn != nil, "encrypts the topic")
	c.Require("AccountID", p.AccountID != nil, "scopes who may manage and publish")
	c.Require("LoadBalancerArnSuffix", p.LoadBalancerArnSuffix != nil, "the watched load balancer")
	c.Require("TargetGroupArnSuffix", p.TargetGroupArnSuffix != nil, "the watched target group")
	c.Require("AutoScalingGroupName", p.AutoScalingGroupName != nil, "the watched Auto Scaling group")
	field.OneOf(&c, "Partition", &p.Partition, regions.Partitions())
	if p.Email != "" && (len(p.Email) > 254 || !email.MatchString(p.Email)) {
		c.Add("Email", field.Invalid, p.Email, "not an email address (e.g. oncall@example.org)")
	}
	c.IntRange("ELB5xxThreshold", p.ELB5xxThreshold, 0, 100000, "")
	c.IntRange("Target5xxThreshold", p.Target5xxThreshold, 0, 100000, "")
	c.IntRange("UnhealthyHostsThreshold", p.UnhealthyHostsThreshold, 0, 100, "")
	c.IntRange("CPUHighPercent", p.CPUHighPercent, 1, 100, "")
	if v := p.ResponseTimeSeconds; v != nil && !(*v > 0 && *v <= 60) {
		c.Add("ResponseTimeSeconds", field.OutOfRange, *v, "must be more than 0 and at most 60")
	}
	if v := p.PeriodSeconds; v != nil && (*v < 60 || *v%60 != 0 || *v > maxEvaluationSeconds) {
		c.Add("PeriodSeconds", field.Invalid, *v, fmt.Sprintf("must be 60 or a multiple of 60, at most %d", maxEvaluationSeconds))
	}
	c.IntRange("EvaluationPeriods", p.EvaluationPeriods, 1, 100, "")
	if len(c.Errs) == 0 {
		d := p.withDefaults()
		if total := *d.PeriodSeconds * *d.EvaluationPeriods; total > maxEvaluationSeconds {
			path, v := "EvaluationPeriods", *d.EvaluationPeriods
			if p.EvaluationPeriods == nil {
				path, v = "PeriodSeconds", *d.PeriodSeconds
			}
			c.Add(path, field.Forbidden, v, fmt.Sprintf("{PeriodSeconds} × {EvaluationPeriods} is %d s; CloudWatch evaluates at most a day (%d s)",
				total, maxEvaluationSeconds))
		}
	}
	return c.Errs.Err()
}

// Alarms exposes the topic, for subscriptions beyond email.
type Alarms struct {
	Construct constructs.Construct
	TopicArn  *string
	// Names of the alarms, keyed by what they watch (elb-5xx, …).
	Names map[string]*string
	// EmailPendingConfirmation is true while the Email subscription waits
	// for its address to confirm (nil without Email): an output worth
	// showing, since an unconfirmed address receives no alarm.
	EmailPendingConfirmation cdktf.IResolvable
}

// NewAlarms builds the topic and the alarms.
func NewAlarms(scope constructs.Construct, id string, props *Props) (*Alarms, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	p := props.withDefaults()

	c := constructs.NewConstruct(scope, jsii.String(id))
	topic := snstopic.NewSnsTopic(c, jsii.String("topic"), &snstopic.SnsTopicConfig{
		Name:           jsii.String(p.Namer.MustName(naming.SNSTopic, "alarms")),
		KmsMasterKeyId: p.KmsKeyArn,
		Tags:           p.Namer.NameTag("alarms"),
	})
	snstopicpolicy.NewSnsTopicPolicy(c, jsii.String("topic-policy"), &snstopicpolicy.SnsTopicPolicyConfig{
		Arn:    topic.Arn(),
		Policy: jsii.String(topicPolicy(*topic.Arn(), *p.AccountID, p.Partition).JSON()),
	})
	a := &Alarms{Construct: c, TopicArn: topic.Arn(), Names: map[string]*string{}}
	if p.Email != "" {
		sub := snstopicsubscription.NewSnsTopicSubscription(c, jsii.String("email"), &snstopicsubscription.SnsTopicSubscriptionConfig{
			TopicArn: topic.Arn(),
			Protocol: jsii.String("email"),
			Endpoint: jsii.String(p.Email),
		})
		a.EmailPendingConfirmation = sub.PendingConfirmation()
	}

	lb := map[string]*string{"LoadBalancer": p.LoadBalancerArnSuffix}
	tg := map[string]*string{"LoadBalancer": p.LoadBalancerArnSuffix, "TargetGroup": p.TargetGroupArnSuffix}
	for _, d := range []definition{
		{"elb-5xx", "The load balancer answered 5xx itself (no healthy target, or targets unreachable)",
			"AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "Sum", lb, float64(*p.ELB5xxThreshold), "notBreaching"},
		{"target-5xx", "The web instances answered 5xx",
			"AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "Sum", tg, float64(*p.Target5xxThreshold), "notBreaching"},
		{"unhealthy-hosts", "Targets are failing the health check",
			"AWS/ApplicationELB", "UnHealthyHostCount", "Maximum", tg, float64(*p.UnhealthyHostsThreshold), "breaching"},
		{"response-time", "Average target response time is high",
			"AWS/ApplicationELB", "TargetResponseTime", "Average", lb, *p.ResponseTimeSeconds, "notBreaching"},
		{"cpu-high", "Average CPU of the web instances stays high (scaling is not keeping up)",
			"AWS/EC2", "CPUUtilization", "Average", map[string]*string{"AutoScalingGroupName": p.AutoScalingGroupName},
			float64(*p.CPUHighPercent), "missing"},
	} {
		alarm := cloudwatchmetricalarm.NewCloudwatchMetricAlarm(c, jsii.String(d.id), &cloudwatchmetricalarm.CloudwatchMetricAlarmConfig{
			AlarmName:          jsii.String(p.Namer.MustName(naming.Alarm, d.id)),
			AlarmDescription:   jsii.String(d.description),
			Namespace:          jsii.String(d.namespace),
			MetricName:         jsii.String(d.metric),
			Statistic:          jsii.String(d.statistic),
			Dimensions:         &d.dimensions,
			Period:             jsii.Number(float64(*p.PeriodSeconds)),
			EvaluationPeriods:  jsii.Number(float64(*p.EvaluationPeriods)),
			Threshold:          jsii.Number(d.threshold),
			ComparisonOperator: jsii.String("GreaterThanThreshold"),
			TreatMissingData:   jsii.String(d.missing),
			AlarmActions:       &[]*string{topic.Arn()},
			OkActions:          &[]*string{topic.Arn()},
		})
		a.Names[d.id] = alarm.AlarmName()
	}
	return a, nil
}

type definition struct {
	id, description, namespace, metric, statistic string
	dimensions                                    map[string]*string
	threshold                                     float64
	missing                                       string // treat_missing_data: no requests is not an error
}

// topicPolicy lets the account manage the topic and CloudWatch alarms of this
// account publish to it, over TLS only.
func topicPolicy(topicArn, account, partition string) iamdoc.Document {
	return iamdoc.New(
		iamdoc.Statement{
			Sid:       "AccountManagesTopic",
			Effect:    "Allow",
			Principal: map[string]any{"AWS": fmt.Sprintf("arn:%s:iam::%s:root", partition, account)},
			Action: []string{"sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:AddPermission", "sns:RemovePermission",
				"sns:DeleteTopic", "sns:Subscribe", "sns:ListSubscriptionsByTopic", "sns:Publish"},
			Resource: []string{topicArn},
		},
		iamdoc.Statement{
			Sid:       "CloudWatchAlarmsPublish",
			Effect:    "Allow",
			Principal: map[string]any{"Service": regions.ServicePrincipal(partition, "cloudwatch")},
			Action:    []string{"sns:Publish"},
			Resource:  []string{topicArn},
			Condition: map[string]map[string]string{"StringEquals": {"aws:SourceAccount": account}},
		},
		iamdoc.Statement{
			Sid:       "DenyInsecureTransport",
			Effect:    "Deny",
			Principal: map[string]any{"AWS": "*"},
			Action:    []string{"sns:Publish"},
			Resource:  []string{topicArn},
			Condition: map[string]map[string]string{"Bool": {"aws:SecureTransport": "false"}},
		},
	)
}
