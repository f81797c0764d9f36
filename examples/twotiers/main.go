// Command twotiers is a cdktf app that uses webstack's constructs the way
// another team would: one network, and two web tiers on it — a public shop
// and an internal admin tier reachable from the VPC only — each with its own
// listeners and alarms, sharing one access-log bucket and one KMS key.
//
//	cd examples/twotiers && npx cdktf synth     # or: go run . (writes cdktf.out/)
package main

import (
	"fmt"
	"os"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawscalleridentity"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	randomprovider "github.com/cdktf/cdktf-provider-random-go/random/v11/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/constructs/accesslogs"
	"github.com/platform-team/webstack/constructs/alarms"
	"github.com/platform-team/webstack/constructs/https"
	"github.com/platform-team/webstack/constructs/keys"
	"github.com/platform-team/webstack/constructs/network"
	"github.com/platform-team/webstack/constructs/webtier"
	"github.com/platform-team/webstack/naming"
	"github.com/platform-team/webstack/naming/random"
)

// Settings of the stack: in a real app, read them from your own configuration.
const (
	project     = "shop"
	environment = "dev"
	region      = "eu-west-1"
	partition   = "aws"
)

func main() {
	app := cdktf.NewApp(nil) // the cdktf CLI sets the output directory (CDKTF_OUTDIR)
	_, err := NewTwoTiers(app, project+"-"+environment)
	if err == nil {
		app.Synth()
	}
	jsii.Close() // stop the node process behind the Go bindings
	if err != nil {
		fmt.Fprintln(os.Stderr, "twotiers:", err)
		os.Exit(1)
	}
}

// Tier is one web tier with its listeners and alarms.
type Tier struct {
	Web    *webtier.WebTier
	HTTPS  *https.HTTPS
	Alarms *alarms.Alarms
}

// TwoTiers is the stack: what it exposes is what its outputs show.
type TwoTiers struct {
	Stack   cdktf.TerraformStack
	Network *network.Network
	Public  Tier
	Admin   Tier
}

// NewTwoTiers builds the stack. A construct's error names the prop that is
// wrong; this app only adds which construct it came from.
func NewTwoTiers(scope constructs.Construct, id string) (*TwoTiers, error) {
	stack := cdktf.NewTerraformStack(scope, jsii.String(id))
	provider.NewAwsProvider(stack, jsii.String("aws"), &provider.AwsProviderConfig{
		Region:      jsii.String(region),
		DefaultTags: &[]*provider.AwsProviderDefaultTags{{Tags: &map[string]*string{"Project": jsii.String(project)}}},
	})
	randomprovider.NewRandomProvider(stack, jsii.String("random"), nil)
	// Every name ends with one random suffix per stack, so copies never
	// collide. Each tier gets a Namer of its own on that suffix, so the two
	// tiers' names differ too.
	namer, err := random.NewNamer(stack, project, environment)
	if err != nil {
		return nil, err
	}
	namerFor := func(tier string) (*naming.Namer, error) {
		return naming.New(project+"-"+tier, environment, namer.Suffix(), random.SuffixLength)
	}
	account := dataawscalleridentity.NewDataAwsCallerIdentity(stack, jsii.String("account"), nil).AccountId()
	t := &TwoTiers{Stack: stack}

	key, err := keys.NewKey(stack, "keys", &keys.Props{Namer: namer, AccountID: account, Region: region, Partition: partition})
	if err != nil {
		return nil, fmt.Errorf("keys: %w", err)
	}
	if t.Network, err = network.NewNetwork(stack, "network", &network.Props{
		Namer: namer, AccountID: account, Region: region, Partition: partition,
		AzCount: new(3), NatGateways: new(network.NatPerAZ), FlowLogKmsKeyArn: key.Arn,
	}); err != nil {
		return nil, fmt.Errorf("network: %w", err)
	}
	logs, err := accesslogs.NewAccessLogs(stack, "access-logs", &accesslogs.Props{
		Namer: namer, Region: region, AccountID: account, RetentionDays: new(90),
	})
	if err != nil {
		return nil, fmt.Errorf("access logs: %w", err)
	}

	// The public tier: internet-facing, HTTP until a domain is set up.
	public := webtier.Props{Scheme: new(webtier.InternetFacing), MinSize: new(3), MaxSize: new(9)}
	// The admin tier: internal (its load balancer in the private subnets,
	// reachable from the VPC's range only), smaller, on its own port.
	admin := webtier.Props{Scheme: new(webtier.Internal), AppPort: new(8080), MinSize: new(2), MaxSize: new(2)}
	for _, tier := range []struct {
		name  string
		props webtier.Props
		out   *Tier
	}{{"public", public, &t.Public}, {"admin", admin, &t.Admin}} {
		n, err := namerFor(tier.name)
		if err != nil {
			return nil, err
		}
		if *tier.out, err = newTier(stack, tier.name, n, tier.props, t.Network, logs, key.Arn, account); err != nil {
			return nil, err
		}
		cdktf.NewTerraformOutput(stack, jsii.String(tier.name+"_url"), &cdktf.TerraformOutputConfig{Value: tier.out.HTTPS.URL})
	}
	return t, nil
}

// newTier builds a web tier on net with its listeners (HTTP only) and
// alarms, its constructs' ids prefixed with name.
func newTier(stack cdktf.TerraformStack, name string, namer *naming.Namer, props webtier.Props, net *network.Network,
	logs *accesslogs.AccessLogs, keyArn, account *string) (Tier, error) {
	props.Namer, props.Partition = namer, partition
	props.VpcID, props.VpcCidr = net.VpcID, net.VpcCidr
	props.PublicSubnetIDs, props.PrivateSubnetIDs = net.PublicSubnetIDs, net.PrivateSubnetIDs
	props.AccessLogs = &webtier.AccessLogs{Bucket: logs.BucketName, Prefix: logs.Prefix, DependsOn: logs.Ready}
	web, err := webtier.NewWebTier(stack, name, &props)
	if err != nil {
		return Tier{}, fmt.Errorf("%s web tier: %w", name, err)
	}
	listeners, err := https.NewHTTPS(stack, name+"-listeners", &https.Props{
		Namer: namer, LoadBalancerArn: web.LoadBalancerArn, LoadBalancerDNSName: web.LoadBalancerDNSName,
		LoadBalancerZoneID: web.LoadBalancerZoneID, AlbSecurityGroupID: web.AlbSecurityGroupID,
		TargetGroupArn: web.TargetGroupArn, AllowedCidrs: web.AllowedCidrs,
	})
	if err != nil {
		return Tier{}, fmt.Errorf("%s listeners: %w", name, err)
	}
	watch, err := alarms.NewAlarms(stack, name+"-alarms", &alarms.Props{
		Namer: namer, KmsKeyArn: keyArn, AccountID: account, Partition: partition,
		LoadBalancerArnSuffix: web.LoadBalancerArnSuffix, TargetGroupArnSuffix: web.TargetGroupArnSuffix,
		AutoScalingGroupName: web.AutoScalingGroupName,
	})
	if err != nil {
		return Tier{}, fmt.Errorf("%s alarms: %w", name, err)
	}
	return Tier{Web: web, HTTPS: listeners, Alarms: watch}, nil
}
