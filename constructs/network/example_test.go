package network_test

import (
	"fmt"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	randomprovider "github.com/cdktf/cdktf-provider-random-go/random/v11/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/constructs/network"
	"github.com/platform-team/webstack/internal/synthtest"
	"github.com/platform-team/webstack/naming/random"
)

// A network of its own in a stack. What the construct needs from its stack:
// the AWS provider, and a naming.Namer whose suffix is a random_string (the
// random provider), which keeps copies of the stack from colliding.
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
		AzCount: new(3), // everything else takes its default: 10.0.0.0/16, one NAT gateway, flow logs kept a year
	})
	if err != nil {
		panic(err) // props that code got wrong: the error names the prop
	}
	fmt.Println(len(net.PublicSubnetIDs), "public and", len(net.PrivateSubnetIDs), "private subnets")
	fmt.Print(synthtest.Inventory(stack, "network"))
	// Output:
	// 3 public and 3 private subnets
	// aws_cloudwatch_log_group 1
	// aws_default_security_group 1
	// aws_eip 1
	// aws_flow_log 1
	// aws_iam_role 1
	// aws_iam_role_policy 1
	// aws_internet_gateway 1
	// aws_nat_gateway 1
	// aws_route 2
	// aws_route_table 2
	// aws_route_table_association 6
	// aws_subnet 6
	// aws_vpc 1
	// aws_vpc_endpoint 1
	// data.aws_availability_zones 1
}

// A VPC that another team owns: FromExisting creates nothing, and the plan
// stops before anything is created, naming the prop, when the ids do not
// fit (missing, in another VPC, too few zones, no route out).
func ExampleFromExisting() {
	app := cdktf.Testing_App(nil)
	stack := cdktf.NewTerraformStack(app, jsii.String("shop-dev"))
	provider.NewAwsProvider(stack, jsii.String("aws"), &provider.AwsProviderConfig{Region: jsii.String("eu-west-1")})
	net, err := network.FromExisting(stack, "network", &network.ExistingProps{
		VpcID:            "vpc-0a1b2c3d4e5f60718",
		PublicSubnetIDs:  []string{"subnet-0a1b2c3d4e5f60711", "subnet-0a1b2c3d4e5f60712"},
		PrivateSubnetIDs: []string{"subnet-0b1b2c3d4e5f60711", "subnet-0b1b2c3d4e5f60712"},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(len(net.PublicSubnetIDs), "public and", len(net.PrivateSubnetIDs), "private subnets")
	fmt.Print(synthtest.Inventory(stack, "network"))
	// Output:
	// 2 public and 2 private subnets
	// data.aws_route_table 5
	// data.aws_route_tables 4
	// data.aws_subnet 4
	// data.aws_subnets 2
	// data.aws_vpc 1
	// data.aws_vpcs 1
}
