package stacks

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/platform-team/webstack/constructs/accesslogs"
	"github.com/platform-team/webstack/constructs/alarms"
	"github.com/platform-team/webstack/constructs/https"
	"github.com/platform-team/webstack/constructs/network"
	"github.com/platform-team/webstack/constructs/waf"
	"github.com/platform-team/webstack/constructs/webtier"
	"github.com/platform-team/webstack/field"
	"github.com/platform-team/webstack/internal/regions"
	"github.com/platform-team/webstack/naming"
)

// wiring is what the stack hands its constructs besides the configuration:
// the namer, the account and region, and the fields one construct exposes for
// the next. At build time they hold Terraform tokens; to validate a file
// before anything is built they hold placeholders, so the constructs' own
// Validate checks every key (see placeholderWiring).
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

// A part is one construct of the stack, in build order: check validates its
// props (made from placeholder wiring) and names the keys of what is wrong;
// build makes it and wires what it exposes for the parts after it. Both take
// their props from one method next to the part's configuration type.
type part struct {
	check func(wiring) Problems
	build func(constructs.Construct, *wiring) error
}

func (c Config) parts() []part {
	return []part{
		{c.checkKey, c.buildKey},
		{c.checkNetwork, c.buildNetwork},
		{c.checkAccessLogs, c.buildAccessLogs},
		{c.checkWebTier, c.buildWebTier},
		{c.checkHTTPS, c.buildHTTPS},
		{c.checkWAF, c.buildWAF},
		{c.checkAlarms, c.buildAlarms},
	}
}

// placeholderWiring stands in for what construction would produce.
func placeholderWiring(c Config, namer *naming.Namer) wiring {
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
		namer: namer, region: region, accountID: ph("123456789012"), keyArn: ph("key-arn"),
		net:  net,
		logs: &accesslogs.AccessLogs{BucketName: ph("bucket")},
		web: &webtier.WebTier{LoadBalancerArn: ph("lb"), LoadBalancerArnSuffix: ph("lb"), LoadBalancerDNSName: ph("lb"),
			LoadBalancerZoneID: ph("zone"), AlbSecurityGroupID: ph("sg"), TargetGroupArn: ph("tg"),
			TargetGroupArnSuffix: ph("tg"), AutoScalingGroupName: ph("asg"), AllowedCidrs: c.AllowedCidrs},
	}
}

// keyMap maps a construct's prop paths to the environment-file keys they come
// from: "HealthCheck.Path" → "health_check.path". A path not listed is looked
// up by its root ("AllowedCidrs[2]" → "allowed_cidrs[2]", "Tags.Team" →
// "tags.Team").
type keyMap map[string]string

func (k keyMap) key(path string) (string, bool) {
	if key, ok := k[path]; ok {
		return key, true
	}
	root := field.Root(path)
	key, ok := k[root]
	return key + path[len(root):], ok
}

// problems turns a construct's validation error into problems that name
// environment-file keys. Prop names in the details are translated too, so a
// message such as "must be shorter than HealthCheck.IntervalSeconds" reads
// "health_check.interval".
func (k keyMap) problems(construct string, err error) Problems {
	if err == nil {
		return nil
	}
	var errs field.Errors
	if !errors.As(err, &errs) {
		return Problems{{Kind: KindInternal, Msg: construct + ": " + err.Error()}}
	}
	translate := k.replacer()
	var ps Problems
	for _, e := range errs {
		key, ok := k.key(e.Path)
		if !ok { // wiring, not a key: a bug in the stack, not in the file
			ps = append(ps, Problem{Kind: KindInternal, Msg: fmt.Sprintf("%s: %s (internal error: please report it)", construct, e)})
			continue
		}
		ps = append(ps, Problem{Field: key, Value: e.Value, Kind: e.Kind, Msg: translate.Replace(e.Detail)})
	}
	return ps
}

// replacer replaces prop names in text with their keys, longest first, so
// "HealthCheck.Path" wins over "HealthCheck".
func (k keyMap) replacer() *strings.Replacer {
	paths := slices.Collect(maps.Keys(k))
	slices.SortFunc(paths, func(a, b string) int { return cmp.Or(len(b)-len(a), strings.Compare(a, b)) })
	pairs := make([]string, 0, 2*len(paths))
	for _, p := range paths {
		pairs = append(pairs, p, k[p])
	}
	return strings.NewReplacer(pairs...)
}
