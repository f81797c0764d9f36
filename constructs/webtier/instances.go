package webtier

import (
	"encoding/base64"
	"sort"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/autoscalinggroup"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/autoscalingpolicy"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawsami"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawsssmparameter"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/iaminstanceprofile"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/iamrole"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/iamrolepolicyattachment"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/launchtemplate"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/internal/iamdoc"
	"github.com/platform-team/webstack/internal/regions"
	"github.com/platform-team/webstack/naming"
)

// ssmManagedPolicy is the one policy instances get: SSM Session Manager and
// inventory, so nobody needs SSH or a key pair.
const ssmManagedPolicy = "AmazonSSMManagedInstanceCore"

// newInstances builds the instance role, launch template, Auto Scaling group
// and scaling policy; the group waits for after (the instances' way out).
func newInstances(c constructs.Construct, p Props, w *WebTier, after []cdktf.ITerraformDependable) {
	role := iamrole.NewIamRole(c, jsii.String("instance-role"), &iamrole.IamRoleConfig{
		Name:             jsii.String(p.Namer.MustName(naming.IAMRole, "web-instance")),
		Description:      jsii.String("Web instances: SSM Session Manager only"),
		AssumeRolePolicy: jsii.String(iamdoc.AssumeRole(regions.ServicePrincipal(p.Partition, "ec2"), nil).JSON()),
	})
	iamrolepolicyattachment.NewIamRolePolicyAttachment(c, jsii.String("instance-ssm"),
		&iamrolepolicyattachment.IamRolePolicyAttachmentConfig{
			Role:      role.Name(),
			PolicyArn: jsii.String("arn:" + p.Partition + ":iam::aws:policy/" + ssmManagedPolicy),
		})
	profile := iaminstanceprofile.NewIamInstanceProfile(c, jsii.String("instance-profile"),
		&iaminstanceprofile.IamInstanceProfileConfig{
			Name: jsii.String(p.Namer.MustName(naming.InstanceProfile, "web-instance")),
			Role: role.Name(),
		})
	w.InstanceRoleName = role.Name()

	image, rootDevice := imageOf(c, p)
	tags := launchTags(p)
	var tagSpecs []*launchtemplate.LaunchTemplateTagSpecifications
	for _, kind := range []string{"instance", "volume", "network-interface"} {
		tagSpecs = append(tagSpecs, &launchtemplate.LaunchTemplateTagSpecifications{ResourceType: jsii.String(kind), Tags: &tags})
	}
	ltConfig := &launchtemplate.LaunchTemplateConfig{
		Name:                 jsii.String(p.Namer.MustName(naming.LaunchTemplate, "web")),
		Description:          jsii.String("webstack web instances"),
		ImageId:              image,
		InstanceType:         p.InstanceType,
		UpdateDefaultVersion: jsii.Bool(true),
		UserData:             jsii.String(userData(p)),
		IamInstanceProfile:   &launchtemplate.LaunchTemplateIamInstanceProfile{Arn: profile.Arn()},
		// IMDSv2 only, and one hop: a container on the instance cannot reach
		// the instance's credentials.
		MetadataOptions: &launchtemplate.LaunchTemplateMetadataOptions{
			HttpEndpoint:            jsii.String("enabled"),
			HttpTokens:              jsii.String("required"),
			HttpPutResponseHopLimit: jsii.Number(1),
			// Tags stay out of the metadata service: with them in, AWS refuses tag
			// keys holding spaces or "/", which users may well have.
			InstanceMetadataTags: jsii.String("disabled"),
		},
		Monitoring: &launchtemplate.LaunchTemplateMonitoring{Enabled: jsii.Bool(true)},
		BlockDeviceMappings: &[]*launchtemplate.LaunchTemplateBlockDeviceMappings{{
			DeviceName: rootDevice,
			Ebs: &launchtemplate.LaunchTemplateBlockDeviceMappingsEbs{
				VolumeSize:          jsii.Number(float64(*p.RootVolumeSize)),
				VolumeType:          jsii.String("gp3"),
				Encrypted:           jsii.String("true"),
				DeleteOnTermination: jsii.String("true"),
			},
		}},
		NetworkInterfaces: &[]*launchtemplate.LaunchTemplateNetworkInterfaces{{
			DeviceIndex:              jsii.Number(0),
			AssociatePublicIpAddress: jsii.String("false"),
			SecurityGroups:           &[]*string{w.InstanceSecurityGroupID},
			DeleteOnTermination:      jsii.String("true"),
		}},
		TagSpecifications: &tagSpecs,
		Tags:              p.Namer.NameTag("web"),
	}
	if p.KeyName != "" {
		ltConfig.KeyName = jsii.String(p.KeyName)
	}
	if p.AmiID == "" && *p.ImageUpdates == ImagesPinned {
		// The parameter is read at every plan; ignoring the image id keeps
		// the release of the first apply.
		ltConfig.Lifecycle = &cdktf.TerraformResourceLifecycle{IgnoreChanges: jsii.Strings("image_id")}
	}
	lt := launchtemplate.NewLaunchTemplate(c, jsii.String("launch-template"), ltConfig)
	w.LaunchTemplateID = lt.Id()

	var asgTags []*autoscalinggroup.AutoscalingGroupTag
	for _, k := range sortedKeys(tags) {
		asgTags = append(asgTags, &autoscalinggroup.AutoscalingGroupTag{
			Key: jsii.String(k), Value: tags[k], PropagateAtLaunch: jsii.Bool(false), // the launch template tags instances
		})
	}
	asg := autoscalinggroup.NewAutoscalingGroup(c, jsii.String("asg"), &autoscalinggroup.AutoscalingGroupConfig{
		Name:                   jsii.String(p.Namer.MustName(naming.AutoScalingGroup, "web")),
		MinSize:                jsii.Number(float64(*p.MinSize)),
		MaxSize:                jsii.Number(float64(*p.MaxSize)),
		DesiredCapacity:        jsii.Number(float64(*p.DesiredCapacity)),
		VpcZoneIdentifier:      &p.PrivateSubnetIDs,
		TargetGroupArns:        &[]*string{w.TargetGroupArn},
		HealthCheckType:        jsii.String("ELB"),
		HealthCheckGracePeriod: jsii.Number(float64(*p.GracePeriodSeconds)),
		// The apply that creates the group succeeds only once MinSize
		// instances pass the load balancer's health check, so a tier that
		// never serves is a failed deploy, not a green one. After
		// WaitForCapacityTimeout Terraform fails the apply and marks the group
		// tainted: the next apply replaces it.
		MinElbCapacity:         jsii.Number(float64(*p.MinSize)),
		WaitForCapacityTimeout: jsii.String(WaitForCapacityTimeout),
		LaunchTemplate: &autoscalinggroup.AutoscalingGroupLaunchTemplate{
			Id:      lt.Id(),
			Version: cdktf.Token_AsString(lt.LatestVersion(), nil),
		},
		// A new launch template version rolls the instances, half at a time.
		InstanceRefresh: &autoscalinggroup.AutoscalingGroupInstanceRefresh{
			Strategy: jsii.String("Rolling"),
			Preferences: &autoscalinggroup.AutoscalingGroupInstanceRefreshPreferences{
				MinHealthyPercentage: jsii.Number(50),
			},
		},
		// Group metrics in CloudWatch, for dashboards and capacity alarms.
		EnabledMetrics: jsii.Strings("GroupMinSize", "GroupMaxSize", "GroupDesiredCapacity",
			"GroupInServiceInstances", "GroupPendingInstances", "GroupTerminatingInstances", "GroupTotalInstances"),
		MetricsGranularity: jsii.String("1Minute"),
		Tag:                &asgTags,
		// The scaling policy owns the running size after creation; an apply
		// must not undo what it did.
		Lifecycle: &cdktf.TerraformResourceLifecycle{IgnoreChanges: &[]*string{jsii.String("desired_capacity")}},
		DependsOn: &after,
	})
	w.AutoScalingGroupName = asg.Name()

	autoscalingpolicy.NewAutoscalingPolicy(c, jsii.String("cpu-target"), &autoscalingpolicy.AutoscalingPolicyConfig{
		Name:                 jsii.String(p.Namer.MustName(naming.ScalingPolicy, "cpu-target")),
		AutoscalingGroupName: asg.Name(),
		PolicyType:           jsii.String("TargetTrackingScaling"),
		TargetTrackingConfiguration: &autoscalingpolicy.AutoscalingPolicyTargetTrackingConfiguration{
			TargetValue: jsii.Number(float64(*p.CPUTargetPercent)),
			PredefinedMetricSpecification: &autoscalingpolicy.AutoscalingPolicyTargetTrackingConfigurationPredefinedMetricSpecification{
				PredefinedMetricType: jsii.String("ASGAverageCPUUtilization"),
			},
		},
	})
}

// userData is what the instances run at first boot, base64-encoded as a
// launch template takes it: the application given, or the bootstrap.
func userData(p Props) string {
	if p.UserData != nil {
		return base64.StdEncoding.EncodeToString([]byte(*p.UserData))
	}
	return UserDataBase64(*p.AppPort, *p.HealthCheck.Path)
}

// imageOf returns the image id and its root device name: Amazon Linux 2023 from
// AWS's public SSM parameter by default, or the given AMI (whose root device
// is looked up, so the encrypted volume mapping replaces its root volume
// rather than adding a second one).
func imageOf(c constructs.Construct, p Props) (image, rootDevice *string) {
	if p.AmiID == "" {
		param := dataawsssmparameter.NewDataAwsSsmParameter(c, jsii.String("ami-parameter"),
			&dataawsssmparameter.DataAwsSsmParameterConfig{Name: jsii.String(AmazonLinuxParameter(*p.InstanceType))})
		return param.InsecureValue(), jsii.String(AmazonLinuxRootDevice)
	}
	ami := dataawsami.NewDataAwsAmi(c, jsii.String("ami"), &dataawsami.DataAwsAmiConfig{
		Filter: &[]*dataawsami.DataAwsAmiFilter{{Name: jsii.String("image-id"), Values: jsii.Strings(p.AmiID)}},
	})
	return jsii.String(p.AmiID), ami.RootDeviceName()
}

// launchTags are the tags of everything the group launches.
func launchTags(p Props) map[string]*string {
	tags := map[string]*string{}
	for k, v := range p.Tags {
		tags[k] = jsii.String(v)
	}
	tags["Name"] = jsii.String(p.Namer.MustName(naming.Tag, "web"))
	return tags
}

func sortedKeys(m map[string]*string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
