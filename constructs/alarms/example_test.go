package alarms_test

import (
	"fmt"
	"maps"
	"slices"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	randomprovider "github.com/cdktf/cdktf-provider-random-go/random/v11/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/constructs/alarms"
	"github.com/platform-team/webstack/constructs/keys"
	"github.com/platform-team/webstack/internal/synthtest"
	"github.com/platform-team/webstack/naming/random"
)

// Alarms on a load balancer and Auto Scaling group built elsewhere (their
// metric dimensions are all it needs), notifying a topic encrypted with the
// key from package keys, which lets CloudWatch use it.
func Example() {
	app := cdktf.Testing_App(nil)
	stack := cdktf.NewTerraformStack(app, jsii.String("shop-dev"))
	provider.NewAwsProvider(stack, jsii.String("aws"), &provider.AwsProviderConfig{Region: jsii.String("eu-west-1")})
	randomprovider.NewRandomProvider(stack, jsii.String("random"), nil)
	namer, err := random.NewNamer(stack, "shop", "dev")
	if err != nil {
		panic(err)
	}
	key, err := keys.NewKey(stack, "keys", &keys.Props{
		Namer: namer, AccountID: jsii.String("123456789012"), Region: "eu-west-1", Partition: "aws",
	})
	if err != nil {
		panic(err)
	}
	a, err := alarms.NewAlarms(stack, "alarms", &alarms.Props{
		Namer: namer, KmsKeyArn: key.Arn, AccountID: jsii.String("123456789012"), Partition: "aws",
		LoadBalancerArnSuffix:   jsii.String("app/shop-web/0123456789abcdef"),
		TargetGroupArnSuffix:    jsii.String("targetgroup/shop-web/0123456789abcdef"),
		AutoScalingGroupName:    jsii.String("shop-web"),
		Email:                   "oncall@example.org",
		UnhealthyHostsThreshold: new(0), // zero is a value, not "unset": alarm on the first unhealthy host
	})
	if err != nil {
		panic(err) // props that code got wrong: the error names the prop
	}
	fmt.Println("alarms:", slices.Sorted(maps.Keys(a.Names)))
	fmt.Print(synthtest.Inventory(stack, "alarms"))
	// Output:
	// alarms: [cpu-high elb-5xx response-time target-5xx unhealthy-hosts]
	// aws_cloudwatch_metric_alarm 5
	// aws_sns_topic 1
	// aws_sns_topic_policy 1
	// aws_sns_topic_subscription 1
}
