package network

import (
	"fmt"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudwatchloggroup"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/flowlog"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/iamrole"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/iamrolepolicy"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpc"

	"github.com/platform-team/webstack/internal/iamdoc"
	"github.com/platform-team/webstack/naming"
)

// newFlowLogs sends the VPC's flow logs to a log group of their own, written
// by a role that can write to that group and nothing else.
func newFlowLogs(c constructs.Construct, p Props, v vpc.Vpc) {
	group := cloudwatchloggroup.NewCloudwatchLogGroup(c, jsii.String("flow-log-group"),
		&cloudwatchloggroup.CloudwatchLogGroupConfig{
			Name:            jsii.String(p.Namer.MustName(naming.LogGroup, "vpc-flow-logs")),
			RetentionInDays: jsii.Number(float64(*p.FlowLogRetentionDays)),
			KmsKeyId:        p.FlowLogKmsKeyArn,
		})

	// Only this account's flow logs may assume the role (confused deputy).
	trust := iamdoc.AssumeRole("vpc-flow-logs.amazonaws.com", map[string]map[string]string{
		"StringEquals": {"aws:SourceAccount": *p.AccountID},
		"ArnLike": {"aws:SourceArn": fmt.Sprintf("arn:%s:ec2:%s:%s:vpc-flow-log/*",
			p.Partition, p.Region, *p.AccountID)},
	})
	role := iamrole.NewIamRole(c, jsii.String("flow-log-role"), &iamrole.IamRoleConfig{
		Name:             jsii.String(p.Namer.MustName(naming.IAMRole, "flow-logs")),
		Description:      jsii.String("Lets VPC flow logs write to their own log group"),
		AssumeRolePolicy: jsii.String(trust.JSON()),
	})
	// The log group already exists, so the role needs no logs:CreateLogGroup
	// and no access beyond this group's streams.
	write := iamdoc.New(iamdoc.Allow("WriteFlowLogs",
		[]string{"logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"},
		[]string{*group.Arn() + ":*"}))
	iamrolepolicy.NewIamRolePolicy(c, jsii.String("flow-log-policy"), &iamrolepolicy.IamRolePolicyConfig{
		Name:   jsii.String(p.Namer.MustName(naming.IAMPolicy, "flow-logs-write")),
		Role:   role.Id(),
		Policy: jsii.String(write.JSON()),
	})

	flowlog.NewFlowLog(c, jsii.String("flow-log"), &flowlog.FlowLogConfig{
		VpcId:              v.Id(),
		TrafficType:        p.FlowLogTrafficType,
		LogDestinationType: jsii.String("cloud-watch-logs"),
		LogDestination:     group.Arn(),
		IamRoleArn:         role.Arn(),
		Tags:               p.Namer.NameTag("vpc-flow-log"),
	})
}
