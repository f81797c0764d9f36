package keys_test

import (
	"fmt"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	randomprovider "github.com/cdktf/cdktf-provider-random-go/random/v11/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/constructs/keys"
	"github.com/platform-team/webstack/internal/synthtest"
	"github.com/platform-team/webstack/naming/random"
)

// The stack's key: pass Arn to network.Props.FlowLogKmsKeyArn and
// alarms.Props.KmsKeyArn.
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
		DeletionWindowDays: new(7), // default 30
	})
	if err != nil {
		panic(err) // props that code got wrong: the error names the prop
	}
	fmt.Println("arn set:", key.Arn != nil)
	fmt.Print(synthtest.Inventory(stack, "keys"))
	// Output:
	// arn set: true
	// aws_kms_alias 1
	// aws_kms_key 1
}
