package network

import (
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/routetable"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/securitygroup"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/subnet"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpc"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpcendpoint"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/internal/regions"
	"github.com/platform-team/webstack/internal/sgrule"
	"github.com/platform-team/webstack/naming"
)

// SSMServices are the interface endpoints Systems Manager needs to manage an
// instance with no route to the internet (Session Manager among them).
func SSMServices() []string { return []string{"ssm", "ssmmessages", "ec2messages"} }

// newEndpoints builds the VPC endpoints and returns them:
//
//   - an S3 gateway endpoint on the private route tables, always: it is free,
//     Amazon Linux 2023's package repositories are served from S3 (so
//     packages install without NAT), and S3 traffic stops paying for NAT;
//   - with SSMEndpoints, interface endpoints for SSMServices in the private
//     subnets, behind a security group that admits HTTPS from the VPC only.
func newEndpoints(c constructs.Construct, p Props, v vpc.Vpc, privateRTs []routetable.RouteTable, private []subnet.Subnet) []cdktf.ITerraformDependable {
	region, _ := regions.Lookup(p.Region)
	var tables []*string
	for _, rt := range privateRTs {
		tables = append(tables, rt.Id())
	}
	s3 := vpcendpoint.NewVpcEndpoint(c, jsii.String("s3-endpoint"), &vpcendpoint.VpcEndpointConfig{
		VpcId:           v.Id(),
		ServiceName:     jsii.String(region.EndpointService("s3")),
		VpcEndpointType: jsii.String("Gateway"),
		RouteTableIds:   &tables,
		Tags:            p.Namer.NameTag("s3"),
	})
	made := []cdktf.ITerraformDependable{s3}
	if !*p.SSMEndpoints {
		return made
	}

	sg := securitygroup.NewSecurityGroup(c, jsii.String("endpoints-sg"), &securitygroup.SecurityGroupConfig{
		Name:        jsii.String(p.Namer.MustName(naming.SecurityGroup, "endpoints")),
		Description: jsii.String("VPC interface endpoints: HTTPS from inside the VPC only"),
		VpcId:       v.Id(),
		Tags:        p.Namer.NameTag("endpoints"),
	})
	sgrule.Ingress(c, "endpoints-https-in", sgrule.Rule{
		Group: sg.Id(), Port: 443, Peer: sgrule.Peer{Cidr: *p.CidrBlock},
		Description: "HTTPS to the interface endpoints from the VPC",
	})
	var subnets []*string
	for _, s := range private {
		subnets = append(subnets, s.Id())
	}
	for _, service := range SSMServices() {
		made = append(made, vpcendpoint.NewVpcEndpoint(c, jsii.String(service+"-endpoint"), &vpcendpoint.VpcEndpointConfig{
			VpcId:             v.Id(),
			ServiceName:       jsii.String(region.EndpointService(service)),
			VpcEndpointType:   jsii.String("Interface"),
			SubnetIds:         &subnets,
			SecurityGroupIds:  &[]*string{sg.Id()},
			PrivateDnsEnabled: jsii.Bool(true), // the agent calls the service's public name
			Tags:              p.Namer.NameTag(service),
		}))
	}
	return made
}
