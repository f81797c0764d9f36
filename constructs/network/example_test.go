package network_test

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	randomprovider "github.com/cdktf/cdktf-provider-random-go/random/v11/provider"
	"github.com/cdktf/cdktf-provider-random-go/random/v11/stringresource"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/constructs/network"
	"github.com/platform-team/webstack/naming"
)

// A network in a stack of its own. What the construct needs from its stack:
// the AWS provider, and a naming.Namer whose suffix is a random_string (the
// random provider), which keeps copies of the stack from colliding.
func Example() {
	app := cdktf.Testing_App(nil)
	stack := cdktf.NewTerraformStack(app, jsii.String("shop-dev"))
	provider.NewAwsProvider(stack, jsii.String("aws"), &provider.AwsProviderConfig{Region: jsii.String("eu-west-1")})
	randomprovider.NewRandomProvider(stack, jsii.String("random"), nil)
	suffix := stringresource.NewStringResource(stack, jsii.String("suffix"), &stringresource.StringResourceConfig{
		Length: jsii.Number(6), Upper: jsii.Bool(false), Special: jsii.Bool(false),
	})
	namer, err := naming.New("shop", "dev", *suffix.Result(), 6)
	if err != nil {
		panic(err)
	}
	azs := 3
	net, err := network.NewNetwork(stack, "network", &network.Props{
		Namer: namer, AccountID: jsii.String("123456789012"), Region: "eu-west-1", Partition: "aws",
		AzCount: &azs, // everything else takes its default: 10.0.0.0/16, one NAT gateway, flow logs kept a year
	})
	if err != nil {
		panic(err) // props that code got wrong: the error names the prop
	}
	fmt.Println(len(net.PublicSubnetIDs), "public and", len(net.PrivateSubnetIDs), "private subnets")
	fmt.Print(resourceCounts(*cdktf.Testing_Synth(stack, jsii.Bool(false))))
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
	// random_string 1
}

// resourceCounts lists the resource types of a synthesized stack, with how
// many of each.
func resourceCounts(synthesized string) string {
	var cfg struct {
		Resource map[string]map[string]any `json:"resource"`
	}
	if err := json.Unmarshal([]byte(synthesized), &cfg); err != nil {
		panic(err)
	}
	var types []string
	for t := range cfg.Resource {
		types = append(types, t)
	}
	sort.Strings(types)
	out := ""
	for _, t := range types {
		out += fmt.Sprintf("%s %d\n", t, len(cfg.Resource[t]))
	}
	return out
}
