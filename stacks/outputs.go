package stacks

import (
	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"
)

// outputs are what integration tests and users read after apply.
func (s *Stack) outputs() {
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
	out("nat_gateway_ids", "NAT gateway ids (empty with nat_gateways \"none\")", s.Network.NatGatewayIDs)
}
