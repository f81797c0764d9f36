package https_test

import (
	"fmt"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/constructs/https"
	"github.com/platform-team/webstack/internal/synthtest"
	"github.com/platform-team/webstack/naming"
)

// HTTPS with a certificate ACM issues for a domain in a Route 53 zone the
// account owns: HTTPS on 443, HTTP redirecting to it, the alias record and
// 443 opened in the load balancer's security group. Here the load balancer
// is one built elsewhere; with package webtier, pass its WebTier fields.
func Example() {
	app := cdktf.Testing_App(nil)
	stack := cdktf.NewTerraformStack(app, jsii.String("shop-prod"))
	provider.NewAwsProvider(stack, jsii.String("aws"), &provider.AwsProviderConfig{Region: jsii.String("eu-west-1")})
	namer, err := naming.New("shop", "prod", "abc123", 6) // any suffix: HTTPS names nothing that must be unique
	if err != nil {
		panic(err)
	}
	h, err := https.NewHTTPS(stack, "https", &https.Props{
		Namer:               namer,
		LoadBalancerArn:     jsii.String("arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/0123456789abcdef"),
		LoadBalancerDNSName: jsii.String("shop-123456789.eu-west-1.elb.amazonaws.com"),
		LoadBalancerZoneID:  jsii.String("Z32O12XQLNTSW2"),
		AlbSecurityGroupID:  jsii.String("sg-0123456789abcdef0"),
		TargetGroupArn:      jsii.String("arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop/0123456789abcdef"),
		Mode:                new(https.ACM),
		Domain:              "shop.example.org",
		HostedZoneID:        "Z0123456789ABCDEFGHIJ",
	})
	if err != nil {
		panic(err) // props that code got wrong: the error names the prop
	}
	fmt.Println("enabled:", h.Enabled, "url:", *h.URL)
	fmt.Print(synthtest.Inventory(stack, "https"))
	// Output:
	// enabled: true url: https://shop.example.org
	// aws_acm_certificate 1
	// aws_acm_certificate_validation 1
	// aws_lb_listener 2
	// aws_route53_record 2
	// aws_vpc_security_group_ingress_rule 1
}
