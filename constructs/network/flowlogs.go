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
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/internal/iamdoc"
	"github.com/platform-team/webstack/internal/regions"
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
	trust := iamdoc.AssumeRole(regions.ServicePrincipal(p.Partition, "vpc-flow-logs"), map[string]map[string]string{
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
	// and no write access beyond this group's streams. AWS's flow-log guide
	// also lists logs:DescribeLogGroups, which names no single group: it is
	// granted on this account's groups in this region, to read only.
	write := iamdoc.New(
		iamdoc.Allow("WriteFlowLogs",
			[]string{"logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"},
			[]string{*group.Arn() + ":*"}),
		iamdoc.Allow("FindTheLogGroup", []string{"logs:DescribeLogGroups"},
			[]string{fmt.Sprintf("arn:%s:logs:%s:%s:log-group:*", p.Partition, p.Region, *p.AccountID)}))
	policy := iamrolepolicy.NewIamRolePolicy(c, jsii.String("flow-log-policy"), &iamrolepolicy.IamRolePolicyConfig{
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
		// IAM is eventually consistent: a flow log created before its role's
		// policy is in place fails with "Unable to assume given IAM role"
		// (terraform-provider-aws #29323). Waiting for the policy resource
		// narrows that window to IAM's own propagation.
		DependsOn: &[]cdktf.ITerraformDependable{policy},
	})
}
