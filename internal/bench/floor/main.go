// Command floor is the benchmark fixture that sets the floor every synth is
// measured against (make bench): a cdktf app that imports the same provider
// packages as webstack (TestFloorImportsWhatTheAppImports keeps the list
// the app's) and synthesizes one resource. Its cost is what any Go cdktf
// app with these providers pays: starting Node.js, loading the providers'
// jsii assemblies, one synth.
package main

import (
	"os"

	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpc"
	randomprovider "github.com/cdktf/cdktf-provider-random-go/random/v11/provider"

	"github.com/platform-team/webstack/internal/jsiirt"

	// The rest of the provider packages webstack imports: their init cost.
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/acmcertificate"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/acmcertificatevalidation"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/autoscalinggroup"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/autoscalingpolicy"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudwatchloggroup"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudwatchmetricalarm"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawsami"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawsavailabilityzones"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawscalleridentity"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawsec2instancetypeofferings"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawsroutetable"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawsroutetables"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawsssmparameter"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawssubnet"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawssubnets"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawsvpc"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawsvpcs"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/defaultsecuritygroup"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/eip"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/flowlog"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/iaminstanceprofile"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/iamrole"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/iamrolepolicy"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/iamrolepolicyattachment"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/internetgateway"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/kmsalias"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/kmskey"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/launchtemplate"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/lb"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/lblistener"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/lbtargetgroup"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/natgateway"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/route"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/route53record"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/routetable"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/routetableassociation"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3bucket"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3bucketlifecycleconfiguration"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3bucketownershipcontrols"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3bucketpolicy"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3bucketpublicaccessblock"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3bucketserversideencryptionconfiguration"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3bucketversioning"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/securitygroup"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/snstopic"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/snstopicpolicy"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/snstopicsubscription"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/subnet"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpcendpoint"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpcsecuritygroupegressrule"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpcsecuritygroupingressrule"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/wafv2webacl"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/wafv2webaclassociation"
	_ "github.com/cdktf/cdktf-provider-aws-go/aws/v19/wafv2webaclloggingconfiguration"
	_ "github.com/cdktf/cdktf-provider-random-go/random/v11/stringresource"
)

func main() {
	jsiirt.QuietNodeBanner()
	defer jsiirt.Close()
	out := "cdktf.out"
	if d := os.Getenv("CDKTF_OUTDIR"); d != "" {
		out = d
	}
	app := cdktf.NewApp(&cdktf.AppConfig{Outdir: jsii.String(out)})
	stack := cdktf.NewTerraformStack(app, jsii.String("floor"))
	provider.NewAwsProvider(stack, jsii.String("aws"), &provider.AwsProviderConfig{Region: jsii.String("us-east-1")})
	randomprovider.NewRandomProvider(stack, jsii.String("random"), &randomprovider.RandomProviderConfig{})
	vpc.NewVpc(stack, jsii.String("vpc"), &vpc.VpcConfig{CidrBlock: jsii.String("10.0.0.0/16")})
	app.Synth()
}
