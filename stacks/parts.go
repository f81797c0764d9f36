package stacks

import (
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/constructs/accesslogs"
	"github.com/platform-team/webstack/constructs/alarms"
	"github.com/platform-team/webstack/constructs/https"
	"github.com/platform-team/webstack/constructs/network"
	"github.com/platform-team/webstack/constructs/waf"
	"github.com/platform-team/webstack/constructs/webtier"
	"github.com/platform-team/webstack/field"
	"github.com/platform-team/webstack/internal/regions"
	"github.com/platform-team/webstack/naming"
	"github.com/platform-team/webstack/stacks/config"
)

// A part is one construct of the stack. Its file holds how its section of
// the configuration maps to the construct's props (and which key each prop
// comes from), its check, its build and its outputs.
type part interface {
	// check validates the part's section through its construct's Validate,
	// with props made from placeholder wiring.
	check(c config.Config, w wiring) config.Problems
	// build adds the construct to scope and wires what it exposes for the
	// parts after it.
	build(scope constructs.Construct, c config.Config, w *wiring) error
	// outputs declares what users and tests read after apply.
	outputs(c config.Config, w wiring, out outputFunc)
	// sources says where each prop of the part's construct comes from.
	sources(c config.Config, w wiring) []propKeys
}

// parts are the stack's parts, in build order.
var parts = []part{
	keyPart{},
	networkPart{},
	accessLogsPart{},
	webTierPart{},
	httpsPart{},
	wafPart{},
	alarmsPart{},
}

// wiring is what the stack hands its parts besides the configuration: the
// namer, the account and region, and the fields one construct exposes for
// the next. At build time they hold Terraform tokens; to validate a file
// before anything is built they hold placeholders (see placeholderWiring).
type wiring struct {
	namer     *naming.Namer
	region    regions.Region
	accountID *string
	keyArn    *string
	net       *network.Network
	logs      *accesslogs.AccessLogs
	web       *webtier.WebTier
	https     *https.HTTPS
	waf       *waf.WAF
	alarms    *alarms.Alarms
}

// outputFunc declares one Terraform output.
type outputFunc func(id, description string, value any)

func outputsOf(stack cdktf.TerraformStack) outputFunc {
	return func(id, description string, value any) {
		cdktf.NewTerraformOutput(stack, jsii.String(id), &cdktf.TerraformOutputConfig{
			Value: value, Description: jsii.String(description),
		})
	}
}

// Check validates c's sections through the constructs of its parts, naming
// the environment-file keys of what is wrong: the check config.Parse and
// config.LoadDir take.
func Check(c config.Config) config.Problems {
	w := placeholderWiring(c)
	var ps config.Problems
	for _, p := range parts {
		ps = append(ps, p.check(c, w)...)
	}
	return ps
}

// Parse, LoadFiles and LoadDir read environment files as package config
// does, with every part's Check.
func Parse(path string, data []byte) (config.Environment, config.Problems) {
	return config.Parse(path, data, Check)
}

// LoadFiles: see Parse.
func LoadFiles(paths ...string) ([]config.Environment, error) { return config.LoadFiles(paths, Check) }

// LoadDir: see Parse.
func LoadDir(dir string) ([]config.Environment, error) { return config.LoadDir(dir, Check) }

// placeholderWiring stands in for what construction would produce.
func placeholderWiring(c config.Config) wiring {
	region, ok := regions.Lookup(c.Region)
	if !ok { // reported by the stack's own check; validate the rest as if it were valid
		region, _ = regions.Lookup("us-east-1")
	}
	ph := func(s string) *string { return &s }
	subnets := []*string{ph("subnet-a"), ph("subnet-b")}
	net := &network.Network{VpcID: ph("vpc"), VpcCidr: ph("10.0.0.0/16"), PublicSubnetIDs: subnets, PrivateSubnetIDs: subnets}
	if e := c.ExistingVpc; e != nil { // the file's subnets, so the web tier checks how many there are
		net.PublicSubnetIDs, net.PrivateSubnetIDs = *jsii.Strings(e.PublicSubnetIDs...), *jsii.Strings(e.PrivateSubnetIDs...)
	}
	return wiring{
		namer: c.CheckNamer(), region: region, accountID: ph("123456789012"), keyArn: ph("key-arn"),
		net:  net,
		logs: &accesslogs.AccessLogs{BucketName: ph("bucket")},
		web: &webtier.WebTier{LoadBalancerArn: ph("lb"), LoadBalancerArnSuffix: ph("lb"), LoadBalancerDNSName: ph("lb"),
			LoadBalancerZoneID: ph("zone"), AlbSecurityGroupID: ph("sg"), TargetGroupArn: ph("tg"),
			TargetGroupArnSuffix: ph("tg"), AutoScalingGroupName: ph("asg"), AllowedCidrs: c.AllowedCidrs},
	}
}

// key is the path of a top-level key of the environment file.
func key(name string, more ...string) field.Path { return field.NewPath(name, more...) }
