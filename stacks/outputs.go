package stacks

import (
	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"
)

// outputs are what integration tests and users read after apply.
func (s *Stack) outputs(c Config) {
	out := func(id, description string, value any) {
		cdktf.NewTerraformOutput(s.Stack, jsii.String(id), &cdktf.TerraformOutputConfig{
			Value: value, Description: jsii.String(description),
		})
	}
	out("name_suffix", "Random suffix every resource name of this stack ends with", s.Suffix)
	out("vpc_id", "VPC id", s.Network.VpcID)
	out("vpc_cidr", "VPC IPv4 range", s.Network.VpcCidr)
	out("public_subnet_ids", "Public subnet ids, one per AZ", s.Network.PublicSubnetIDs)
	out("private_subnet_ids", "Private subnet ids, one per AZ", s.Network.PrivateSubnetIDs)
	if c.ExistingVpc == nil { // an existing VPC's gateways are its owner's
		out("nat_gateway_ids", "NAT gateway ids (empty with nat_gateways \"none\")", s.Network.NatGatewayIDs)
	}

	w := s.WebTier
	out("alb_arn", "Load balancer ARN", w.LoadBalancerArn)
	out("alb_dns_name", "Load balancer DNS name", w.LoadBalancerDNSName)
	out("alb_zone_id", "Load balancer hosted zone id (for alias records)", w.LoadBalancerZoneID)
	out("alb_security_group_id", "Load balancer security group id", w.AlbSecurityGroupID)
	out("target_group_arn", "Target group ARN", w.TargetGroupArn)
	out("target_group_name", "Target group name", w.TargetGroupName)
	out("asg_name", "Auto Scaling group name", w.AutoScalingGroupName)
	out("launch_template_id", "Launch template id", w.LaunchTemplateID)
	out("instance_security_group_id", "Web instance security group id", w.InstanceSecurityGroupID)
	out("instance_role_name", "Web instance IAM role name", w.InstanceRoleName)

	out("access_logs_bucket", "Bucket receiving the load balancer's access logs", s.AccessLogs.BucketName)
	out("alarm_topic_arn", "SNS topic the alarms notify", s.Alarms.TopicArn)
	if s.Alarms.EmailPendingConfirmation != nil {
		out("alarm_email_pending_confirmation", "True until alarm_email follows the link AWS mailed it: until then it "+
			"receives no alarm, and SNS deletes a subscription unconfirmed after 48 hours (the next apply subscribes it again)",
			s.Alarms.EmailPendingConfirmation)
	}

	if s.WAF != nil {
		out("web_acl_arn", "Web ACL (AWS WAF) in front of the load balancer", s.WAF.WebACLArn)
	}
	out("app_url", "Where users reach the app", s.HTTPS.URL)
	out("https_enabled", "Whether the load balancer serves HTTPS", s.HTTPS.Enabled)
	if s.HTTPS.CertificateArn != nil {
		out("certificate_arn", "ARN of the HTTPS listener's certificate", s.HTTPS.CertificateArn)
	}
}
