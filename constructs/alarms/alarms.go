// Package alarms watches the web tier: CloudWatch alarms on load balancer and
// target errors, unhealthy hosts, instance CPU and response time, all notifying
// an encrypted SNS topic (and, optionally, an email address).
package alarms

import (
	"fmt"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudwatchmetricalarm"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/snstopic"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/snstopicpolicy"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/snstopicsubscription"

	"webstack/constructs/iamdoc"
	"webstack/constructs/naming"
)

// Defaults, exported so the stack configuration documents the same values.
const (
	DefaultELB5xxThreshold        = 10  // load balancer 5xx responses per period
	DefaultTarget5xxThreshold     = 10  // target 5xx responses per period
	DefaultUnhealthyHostThreshold = 0   // alarm as soon as one host is unhealthy
	DefaultCPUHighPercent         = 80  // average CPU of the group
	DefaultResponseTimeSeconds    = 1.0 // average target response time
	DefaultPeriodSeconds          = 60
	DefaultEvaluationPeriods      = 5
)

// Props configures the alarms. Zero thresholds take the defaults, except
// UnhealthyHostThreshold whose default is zero.
type Props struct {
	// Namer builds the topic and alarm names. Required.
	Namer *naming.Namer
	// KmsKeyArn encrypts the topic. Required: CloudWatch must be allowed to use
	// it (the key from package keys is).
	KmsKeyArn *string
	// AccountID scopes who may manage and publish. Required (a token is fine).
	AccountID *string
	// Partition of ARNs. Default: aws.
	Partition string
	// Email, when set, is subscribed to the topic. Default: none.
	Email string

	// What is watched: metric dimensions of the load balancer, target group
	// and Auto Scaling group. Required.
	LoadBalancerArnSuffix *string
	TargetGroupArnSuffix  *string
	AutoScalingGroupName  *string

	ELB5xxThreshold        int
	Target5xxThreshold     int
	UnhealthyHostThreshold int
	CPUHighPercent         int
	ResponseTimeSeconds    float64
	PeriodSeconds          int
	EvaluationPeriods      int
}

// Alarms exposes the topic, for subscriptions beyond email.
type Alarms struct {
	Construct constructs.Construct
	TopicArn  *string
	// Names of the alarms, keyed by what they watch (elb-5xx, …).
	Names map[string]*string
}

// NewAlarms builds the topic and the alarms.
func NewAlarms(scope constructs.Construct, id string, props *Props) (*Alarms, error) {
	p := *props
	set := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	set(&p.ELB5xxThreshold, DefaultELB5xxThreshold)
	set(&p.Target5xxThreshold, DefaultTarget5xxThreshold)
	set(&p.CPUHighPercent, DefaultCPUHighPercent)
	set(&p.PeriodSeconds, DefaultPeriodSeconds)
	set(&p.EvaluationPeriods, DefaultEvaluationPeriods)
	if p.Partition == "" {
		p.Partition = "aws"
	}
	if p.ResponseTimeSeconds == 0 {
		p.ResponseTimeSeconds = DefaultResponseTimeSeconds
	}
	if p.Namer == nil || p.KmsKeyArn == nil || p.AccountID == nil || p.LoadBalancerArnSuffix == nil ||
		p.TargetGroupArnSuffix == nil || p.AutoScalingGroupName == nil {
		return nil, fmt.Errorf("alarms: Namer, KmsKeyArn, AccountID and the watched resources are required")
	}

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
	if p.Email != "" {
		snstopicsubscription.NewSnsTopicSubscription(c, jsii.String("email"), &snstopicsubscription.SnsTopicSubscriptionConfig{
			TopicArn: topic.Arn(),
			Protocol: jsii.String("email"),
			Endpoint: jsii.String(p.Email),
		})
	}

	a := &Alarms{Construct: c, TopicArn: topic.Arn(), Names: map[string]*string{}}
	lb := map[string]*string{"LoadBalancer": p.LoadBalancerArnSuffix}
	tg := map[string]*string{"LoadBalancer": p.LoadBalancerArnSuffix, "TargetGroup": p.TargetGroupArnSuffix}
	for _, d := range []definition{
		{"elb-5xx", "The load balancer answered 5xx itself (no healthy target, or targets unreachable)",
			"AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "Sum", lb, float64(p.ELB5xxThreshold), "notBreaching"},
		{"target-5xx", "The web instances answered 5xx",
			"AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "Sum", tg, float64(p.Target5xxThreshold), "notBreaching"},
		{"unhealthy-hosts", "Targets are failing the health check",
			"AWS/ApplicationELB", "UnHealthyHostCount", "Maximum", tg, float64(p.UnhealthyHostThreshold), "breaching"},
		{"response-time", "Average target response time is high",
			"AWS/ApplicationELB", "TargetResponseTime", "Average", lb, p.ResponseTimeSeconds, "notBreaching"},
		{"cpu-high", "Average CPU of the web instances stays high (scaling is not keeping up)",
			"AWS/EC2", "CPUUtilization", "Average", map[string]*string{"AutoScalingGroupName": p.AutoScalingGroupName},
			float64(p.CPUHighPercent), "missing"},
	} {
		alarm := cloudwatchmetricalarm.NewCloudwatchMetricAlarm(c, jsii.String(d.id), &cloudwatchmetricalarm.CloudwatchMetricAlarmConfig{
			AlarmName:          jsii.String(p.Namer.MustName(naming.Alarm, d.id)),
			AlarmDescription:   jsii.String(d.description),
			Namespace:          jsii.String(d.namespace),
			MetricName:         jsii.String(d.metric),
			Statistic:          jsii.String(d.statistic),
			Dimensions:         &d.dimensions,
			Period:             jsii.Number(float64(p.PeriodSeconds)),
			EvaluationPeriods:  jsii.Number(float64(p.EvaluationPeriods)),
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
			Principal: map[string]any{"Service": "cloudwatch.amazonaws.com"},
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
