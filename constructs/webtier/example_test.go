package webtier_test

import (
	"fmt"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	randomprovider "github.com/cdktf/cdktf-provider-random-go/random/v11/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/constructs/network"
	"github.com/platform-team/webstack/constructs/webtier"
	"github.com/platform-team/webstack/internal/synthtest"
	"github.com/platform-team/webstack/naming/random"
)

// A web tier on a network of its own. The tier takes the network's fields;
// listeners are package https's (the load balancer has none until then).
func Example() {
	app := cdktf.Testing_App(nil)
	stack := cdktf.NewTerraformStack(app, jsii.String("shop-dev"))
	provider.NewAwsProvider(stack, jsii.String("aws"), &provider.AwsProviderConfig{Region: jsii.String("eu-west-1")})
	randomprovider.NewRandomProvider(stack, jsii.String("random"), nil)
	namer, err := random.NewNamer(stack, "shop", "dev")
	if err != nil {
		panic(err)
	}
	net, err := network.NewNetwork(stack, "network", &network.Props{
		Namer: namer, AccountID: jsii.String("123456789012"), Region: "eu-west-1", Partition: "aws",
	})
	if err != nil {
		panic(err)
	}
	tier, err := webtier.NewWebTier(stack, "webtier", &webtier.Props{
		Namer: namer, Partition: "aws",
		VpcID: net.VpcID, VpcCidr: net.VpcCidr, PublicSubnetIDs: net.PublicSubnetIDs, PrivateSubnetIDs: net.PrivateSubnetIDs,
		// Everything else takes its default: internet-facing, port 80,
		// t3.micro with the latest Amazon Linux 2023, 2 to 4 instances.
		InstanceType: jsii.String("m7g.large"), // Graviton: the arm64 image is chosen for it
		MinSize:      new(3),
		MaxSize:      new(6),
	})
	if err != nil {
		panic(err) // props that code got wrong: the error names the prop
	}
	fmt.Println("allowed:", tier.AllowedCidrs)
	// The random_string is the target group's own suffix: a replacement is
	// created before its predecessor goes, without a name clash.
	fmt.Print(synthtest.Inventory(stack, "webtier"))
	// Output:
	// allowed: [0.0.0.0/0]
	// aws_autoscaling_group 1
	// aws_autoscaling_policy 1
	// aws_iam_instance_profile 1
	// aws_iam_role 1
	// aws_iam_role_policy_attachment 1
	// aws_launch_template 1
	// aws_lb 1
	// aws_lb_target_group 1
	// aws_security_group 2
	// aws_vpc_security_group_egress_rule 2
	// aws_vpc_security_group_ingress_rule 2
	// data.aws_ssm_parameter 1
	// random_string 1
}
