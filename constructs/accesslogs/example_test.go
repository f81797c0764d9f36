package accesslogs_test

import (
	"fmt"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	randomprovider "github.com/cdktf/cdktf-provider-random-go/random/v11/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/constructs/accesslogs"
	"github.com/platform-team/webstack/internal/synthtest"
	"github.com/platform-team/webstack/naming/random"
)

// A bucket for a load balancer's access logs. Hand its fields to the load
// balancer (webtier.Props.AccessLogs: BucketName, Prefix, and Ready as
// DependsOn, so the first apply does not race the bucket policy).
func Example() {
	app := cdktf.Testing_App(nil)
	stack := cdktf.NewTerraformStack(app, jsii.String("shop-dev"))
	provider.NewAwsProvider(stack, jsii.String("aws"), &provider.AwsProviderConfig{Region: jsii.String("eu-west-1")})
	randomprovider.NewRandomProvider(stack, jsii.String("random"), nil)
	namer, err := random.NewNamer(stack, "shop", "dev")
	if err != nil {
		panic(err)
	}
	logs, err := accesslogs.NewAccessLogs(stack, "access-logs", &accesslogs.Props{
		Namer: namer, Region: "eu-west-1", AccountID: jsii.String("123456789012"),
		RetentionDays: new(90), // default 365
		ForceDestroy:  true,    // a short-lived copy: destroy may delete the logs with the bucket
	})
	if err != nil {
		panic(err) // props that code got wrong: the error names the prop
	}
	fmt.Println("prefix:", logs.Prefix, "- ready after", len(logs.Ready), "resources")
	fmt.Print(synthtest.Inventory(stack, "access-logs"))
	// Output:
	// prefix: alb - ready after 3 resources
	// aws_s3_bucket 1
	// aws_s3_bucket_lifecycle_configuration 1
	// aws_s3_bucket_ownership_controls 1
	// aws_s3_bucket_policy 1
	// aws_s3_bucket_public_access_block 1
	// aws_s3_bucket_server_side_encryption_configuration 1
	// aws_s3_bucket_versioning 1
	// terraform_data 1
}
