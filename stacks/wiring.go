package stacks

import (
	"errors"
	"fmt"
	"strings"

	"webstack/constructs/accesslogs"
	"webstack/constructs/naming"
	"webstack/constructs/network"
	"webstack/constructs/regions"
	"webstack/constructs/webtier"
	"webstack/field"
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
}

// placeholderWiring stands in for what construction would produce.
func placeholderWiring(c Config, namer *naming.Namer) wiring {
	region, ok := regions.Lookup(c.Region)
	if !ok { // reported by the stack's own check; validate the rest as if it were valid
		region, _ = regions.Lookup("us-east-1")
	}
	ph := func(s string) *string { return &s }
	subnets := []*string{ph("subnet-a"), ph("subnet-b")}
	return wiring{
		namer: namer, region: region, accountID: ph("123456789012"), keyArn: ph("key-arn"),
		net:  &network.Network{VpcID: ph("vpc"), VpcCidr: ph("10.0.0.0/16"), PublicSubnetIDs: subnets, PrivateSubnetIDs: subnets},
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
		return Problems{{Kind: "internal", Msg: construct + ": " + err.Error()}}
	}
	var ps Problems
	for _, e := range errs {
		key, ok := k.key(e.Path)
		if !ok { // wiring, not a key: a bug in the stack, not in the file
			ps = append(ps, Problem{Kind: "internal", Msg: fmt.Sprintf("%s: %s (internal error: please report it)", construct, e)})
			continue
		}
		ps = append(ps, Problem{Field: key, Value: e.Value, Kind: e.Kind, Msg: k.translate(e.Detail)})
	}
	return ps
}

// translate replaces prop names in text with their keys, longest first.
func (k keyMap) translate(text string) string {
	var pairs []string
	for path, key := range k {
		pairs = append(pairs, path, key)
	}
	// Longer paths first, so "HealthCheck.Path" wins over "HealthCheck".
	for i := 0; i < len(pairs); i += 2 {
		for j := i + 2; j < len(pairs); j += 2 {
			if len(pairs[j]) > len(pairs[i]) || (len(pairs[j]) == len(pairs[i]) && pairs[j] < pairs[i]) {
				pairs[i], pairs[i+1], pairs[j], pairs[j+1] = pairs[j], pairs[j+1], pairs[i], pairs[i+1]
			}
		}
	}
	return strings.NewReplacer(pairs...).Replace(text)
}
