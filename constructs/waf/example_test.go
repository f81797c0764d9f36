package waf_test

import (
	"fmt"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	randomprovider "github.com/cdktf/cdktf-provider-random-go/random/v11/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/constructs/waf"
	"github.com/platform-team/webstack/internal/synthtest"
	"github.com/platform-team/webstack/naming/random"
)

// A web ACL of the stack's own in front of a load balancer (here an ARN
// string; in a stack, webtier.WebTier.LoadBalancerArn), logging to a log
// group the stack's key encrypts (keys.Key.Arn).
func Example() {
	app := cdktf.Testing_App(nil)
	stack := cdktf.NewTerraformStack(app, jsii.String("shop-prod"))
	provider.NewAwsProvider(stack, jsii.String("aws"), &provider.AwsProviderConfig{Region: jsii.String("eu-west-1")})
	randomprovider.NewRandomProvider(stack, jsii.String("random"), nil)
	namer, err := random.NewNamer(stack, "shop", "prod")
	if err != nil {
		panic(err)
	}
	fw, err := waf.NewWAF(stack, "waf", &waf.Props{
		Namer:           namer,
		LoadBalancerArn: jsii.String("arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/0123456789abcdef"),
		KmsKeyArn:       jsii.String("arn:aws:kms:eu-west-1:123456789012:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"),
		RateLimit:       new(1000), // default 2000 per client IP in 5 minutes
	})
	if err != nil {
		panic(err) // props that code got wrong: the error names the prop
	}
	fmt.Println("web ACL set:", fw.WebACLArn != nil, "logs set:", fw.LogGroupName != nil)
	fmt.Print(synthtest.Inventory(stack, "waf"))
	// Output:
	// web ACL set: true logs set: true
	// aws_cloudwatch_log_group 1
	// aws_wafv2_web_acl 1
	// aws_wafv2_web_acl_association 1
	// aws_wafv2_web_acl_logging_configuration 1
}
