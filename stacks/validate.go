package stacks

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"webstack/constructs/naming"
	"webstack/constructs/network"
	"webstack/constructs/regions"
)

var (
	// Lowercase letters, digits and inner hyphens: valid in every AWS name
	// this project builds, so names never need rewriting.
	namePart = regexp.MustCompile(`^[a-z]([a-z0-9-]*[a-z0-9])?$`)
	// The characters AWS accepts in tag keys and values across services.
	tagChars = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`)
)

// reservedTags are set by the stack itself from dedicated keys.
var reservedTags = map[string]string{
	"Project": "project", "Environment": "environment", "Owner": "owner",
	"CostCenter": "cost_center", "ManagedBy": "", "Name": "",
}

// logRetentionDays are the retention periods CloudWatch Logs accepts.
var logRetentionDays = []int{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192,
	2557, 2922, 3288, 3653}

const (
	maxProjectLen     = 64
	maxEnvironmentLen = 32
	maxUserTags       = 40 // AWS allows 50 per resource; the stack sets up to 10 itself
)

// Validate returns every problem of c; File is left for the caller to fill.
func (c Config) Validate() Problems {
	var v validator
	v.name("project", c.Project, maxProjectLen)
	v.name("environment", c.Environment, maxEnvironmentLen)
	v.names(c)
	if _, ok := regions.Lookup(c.Region); !ok {
		v.add("region", c.Region, "not an AWS region name; use one of: "+strings.Join(regions.Names(), ", "))
	}
	v.tagValue("owner", c.Owner)
	v.tagValue("cost_center", c.CostCenter)
	v.tags(c.Tags)
	v.target(c.Target)

	if _, err := network.ParseVpcCidr(c.VpcCidr); err != nil {
		v.add("vpc_cidr", c.VpcCidr, err.Error())
	}
	if c.AzCount < 2 || c.AzCount > network.MaxAZs {
		v.add("az_count", c.AzCount, fmt.Sprintf("must be between 2 and %d (two AZs at the least keep the "+
			"ALB and the Auto Scaling group available when one fails)", network.MaxAZs))
	}
	if !slices.Contains(network.NatModes(), c.NatGateways) {
		v.add("nat_gateways", c.NatGateways, oneOf(network.NatModes()))
	}
	if !slices.Contains(logRetentionDays, c.FlowLogs.RetentionDays) {
		v.add("flow_logs.retention_days", c.FlowLogs.RetentionDays,
			"must be a retention CloudWatch Logs accepts: "+fmt.Sprint(logRetentionDays))
	}
	if !slices.Contains([]string{"ALL", "ACCEPT", "REJECT"}, c.FlowLogs.TrafficType) {
		v.add("flow_logs.traffic_type", c.FlowLogs.TrafficType, `must be one of "ALL", "ACCEPT", "REJECT"`)
	}
	v.webTier(c)
	v.https(c)
	v.observability(c)
	v.suppressions(c.Policy.Suppressions)
	v.backend(c.Backend)
	return v.problems
}

type validator struct{ problems Problems }

func (v *validator) add(field string, value any, msg string) {
	v.problems = append(v.problems, Problem{Field: field, Value: value, Msg: msg})
}

// intRange reports value outside [lo, hi].
func (v *validator) intRange(field string, value, lo, hi int, why string) {
	if value < lo || value > hi {
		msg := fmt.Sprintf("must be between %d and %d", lo, hi)
		if why != "" {
			msg += " (" + why + ")"
		}
		v.add(field, value, msg)
	}
}

func (v *validator) name(field, s string, max int) {
	switch {
	case s == "":
		v.add(field, s, "must not be empty")
	case len(s) > max:
		v.add(field, s, fmt.Sprintf("is %d characters; at most %d", len(s), max))
	case !namePart.MatchString(s):
		v.add(field, s, "must be lowercase letters, digits and hyphens, start with a letter and not end "+
			"with a hyphen (it becomes part of every resource name)")
	}
}

// names proves that every resource name the stack builds can be made from
// project and environment (some kinds reserve starts, like S3's "sthree-").
func (v *validator) names(c Config) {
	if !namePart.MatchString(c.Project) || !namePart.MatchString(c.Environment) {
		return // already reported
	}
	n, err := naming.New(c.Project, c.Environment, strings.Repeat("x", SuffixLength), SuffixLength)
	if err != nil {
		v.add("project", c.Project, err.Error())
		return
	}
	for _, k := range naming.Kinds() {
		if _, err := n.Name(k, "component"); err != nil {
			v.add("project", c.Project, err.Error())
			return
		}
	}
}

func (v *validator) tagValue(field, s string) {
	switch {
	case s == "":
		v.add(field, s, "must not be empty (it becomes a tag value)")
	case len(s) > 256:
		v.add(field, s, fmt.Sprintf("is %d characters; tag values hold at most 256", len(s)))
	case !tagChars.MatchString(s):
		v.add(field, s, "tag values may hold letters, digits, spaces and _ . : / = + - @ only")
	}
}

func (v *validator) tags(tags map[string]string) {
	if len(tags) > maxUserTags {
		v.add("tags", nil, fmt.Sprintf("has %d tags; at most %d (AWS allows 50 per resource and the stack sets "+
			"the rest)", len(tags), maxUserTags))
	}
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		field := "tags." + k
		switch key, reserved := reservedTags[k]; {
		case reserved && key != "":
			v.add(field, tags[k], fmt.Sprintf("the stack sets this tag; use the %q key instead", key))
		case reserved:
			v.add(field, tags[k], "the stack sets this tag itself")
		case k == "" || len(k) > 128:
			v.add(field, nil, fmt.Sprintf("tag keys must be 1 to 128 characters, not %d", len(k)))
		case strings.HasPrefix(strings.ToLower(k), "aws:"):
			v.add(field, nil, `tag keys starting with "aws:" are reserved for AWS`)
		case !tagChars.MatchString(k):
			v.add(field, nil, "tag keys may hold letters, digits, spaces and _ . : / = + - @ only")
		default:
			v.tagValueOptional(field, tags[k])
		}
	}
}

func (v *validator) tagValueOptional(field, s string) {
	if s == "" {
		return
	}
	v.tagValue(field, s)
}

var (
	bucketName = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)
	stateKey   = regexp.MustCompile(`^[A-Za-z0-9!_.*'()/-]+$`)
)

func (v *validator) backend(b Backend) {
	switch b.Type {
	case "local":
		if b.Path == "" || strings.HasPrefix(b.Path, "/") {
			v.add("backend.path", b.Path, "must be a relative path (state then stays with the stack directory "+
				"whatever machine runs it)")
		}
	case "s3":
		if !bucketName.MatchString(b.Bucket) {
			v.add("backend.bucket", b.Bucket, "must name an existing S3 bucket (3 to 63 lowercase letters, digits, dots, hyphens)")
		}
		if len(b.Key) > 1024 || !stateKey.MatchString(b.Key) || strings.HasPrefix(b.Key, "/") || strings.HasSuffix(b.Key, "/") {
			v.add("backend.key", b.Key, `must be an object key such as "webstack/prod.tfstate" (no leading or trailing /)`)
		}
		if _, ok := regions.Lookup(b.Region); b.Region != "" && !ok {
			v.add("backend.region", b.Region, "not an AWS region name")
		}
	default:
		v.add("backend.type", b.Type, `must be "local" or "s3"`)
	}
}

func (v *validator) target(t string) {
	if t != TargetAWS && t != TargetEmulator {
		v.add("target", t, `must be "aws" (real AWS) or "emulator" (a local AWS emulator at var.emulator_endpoint)`)
	}
}

func oneOf[T ~string](values []T) string {
	quoted := make([]string, len(values))
	for i, s := range values {
		quoted[i] = fmt.Sprintf("%q", s)
	}
	return "must be one of " + strings.Join(quoted, ", ")
}
