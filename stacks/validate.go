package stacks

import (
	"fmt"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/platform-team/webstack/field"
	"github.com/platform-team/webstack/internal/awstags"
	"github.com/platform-team/webstack/internal/regions"
	"github.com/platform-team/webstack/naming"
	"github.com/platform-team/webstack/policy"
	"github.com/platform-team/webstack/policy/rules"
)

var (
	// Lowercase letters, digits and inner hyphens: valid in every AWS name
	// this project builds, so names never need rewriting.
	namePart = regexp.MustCompile(`^[a-z]([a-z0-9-]*[a-z0-9])?$`)
	// A construct path below the stack: segments of the ids constructs use.
	constructPath = regexp.MustCompile(`^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*$`)
	bucketName    = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)
	stateKey      = regexp.MustCompile(`^[A-Za-z0-9!_.*'()/-]+$`)
)

// reservedTags are set by the stack itself from dedicated keys.
var reservedTags = map[string]string{
	"Project": "project", "Environment": "environment", "Owner": "owner",
	"CostCenter": "cost_center", "ManagedBy": "", "Name": "",
}

const (
	maxProjectLen     = 64
	maxEnvironmentLen = 32
	// maxUserTags: AWS allows 50 per resource; the stack sets up to 10 itself.
	maxUserTags = awstags.MaxTags - 10
)

// Validate returns every problem of c; File is left for the caller to fill.
// It checks what belongs to the stack itself here, and everything that
// configures a construct through that construct's own Validate (so each rule
// is written once, in the construct), naming the keys the values came from.
func (c Config) Validate() Problems {
	var v validator
	v.name("project", c.Project, maxProjectLen)
	v.name("environment", c.Environment, maxEnvironmentLen)
	namer := v.names(c)
	if _, ok := regions.Lookup(c.Region); !ok {
		v.add("region", c.Region, field.NotSupported, "not an AWS region name; use one of: "+strings.Join(regions.Names(), ", "))
	}
	var tc field.Checker
	awstags.Value(&tc, "owner", c.Owner, true)
	awstags.Value(&tc, "cost_center", c.CostCenter, true)
	for _, e := range tc.Errs {
		v.add(e.Path, e.Value, e.Kind, e.Detail)
	}
	v.tags(c.Tags)
	if c.Target != TargetAWS && c.Target != TargetEmulator {
		v.add("target", c.Target, field.NotSupported, `must be "aws" (real AWS) or "emulator" (a local AWS emulator at var.emulator_endpoint)`)
	}
	v.suppressions(c.Policy.Suppressions)
	v.backend(c.Backend)

	w := placeholderWiring(c, namer)
	for _, p := range c.parts() {
		v.problems = append(v.problems, p.check(w)...)
	}
	return v.problems.dedupe()
}

type validator struct{ problems Problems }

func (v *validator) add(key string, value any, kind field.Kind, msg string) {
	v.problems = append(v.problems, Problem{Field: key, Value: value, Kind: kind, Msg: msg})
}

func (v *validator) name(key, s string, max int) {
	switch {
	case s == "":
		v.add(key, s, field.Required, "must not be empty")
	case len(s) > max:
		v.add(key, s, field.Invalid, fmt.Sprintf("is %d characters; at most %d", len(s), max))
	case !namePart.MatchString(s):
		v.add(key, s, field.Invalid, "must be lowercase letters, digits and hyphens, start with a letter and not end "+
			"with a hyphen (it becomes part of every resource name)")
	}
}

// names proves that every resource name the stack builds can be made from
// project and environment, under every rule of every kind of resource it
// names (length, and the starts and ends AWS reserves). It returns the namer
// validation goes on with: a stand-in when the names are not usable.
func (v *validator) names(c Config) *naming.Namer {
	standIn, _ := stackNamer(naming.New("project", "env", strings.Repeat("x", SuffixLength), SuffixLength))
	if !namePart.MatchString(c.Project) || !namePart.MatchString(c.Environment) {
		return standIn // already reported
	}
	n, err := stackNamer(naming.New(c.Project, c.Environment, strings.Repeat("x", SuffixLength), SuffixLength))
	if err != nil {
		v.add("project", c.Project, field.Invalid, err.Error())
		return standIn
	}
	// A one-letter component shortens the least, so it shows any start AWS
	// reserves; a long one shows whether names fit at all.
	for _, k := range naming.Kinds() {
		for _, component := range []string{"a", "component"} {
			if _, err := n.Name(k, component); err != nil {
				v.add("project", c.Project, field.Invalid, err.Error())
				return standIn
			}
		}
	}
	return n
}

func (v *validator) tags(tags map[string]string) {
	if len(tags) > maxUserTags {
		v.add("tags", nil, field.TooMany, fmt.Sprintf("has %d tags; at most %d (AWS allows %d per resource and the stack sets "+
			"the rest)", len(tags), maxUserTags, awstags.MaxTags))
	}
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		switch key, reserved := reservedTags[k]; {
		case reserved && key != "":
			v.add("tags."+k, tags[k], field.Forbidden, fmt.Sprintf("the stack sets this tag; use the %q key instead", key))
		case reserved:
			v.add("tags."+k, tags[k], field.Forbidden, "the stack sets this tag itself")
		}
	}
}

func (v *validator) suppressions(list []policy.Suppression) {
	seen := map[string]int{}
	for i, s := range list {
		key := fmt.Sprintf("policy.suppressions[%d]", i)
		if _, ok := rules.ByID(s.Rule); !ok {
			v.add(key+".rule", s.Rule, field.NotSupported, "not a rule id; `make rules` lists them")
		}
		if !constructPath.MatchString(s.Resource) {
			v.add(key+".resource", s.Resource, field.Invalid, `must be a construct path below the stack, e.g. "webtier/alb" `+
				"(the path synth prints with a finding)")
		}
		if len(strings.TrimSpace(s.Reason)) < policy.MinReasonLength {
			v.add(key+".reason", s.Reason, field.Invalid, fmt.Sprintf("must explain the exception in at least %d characters", policy.MinReasonLength))
		}
		id := s.Rule + " " + s.Resource
		if j, dup := seen[id]; dup {
			v.add(key, nil, field.Duplicate, fmt.Sprintf("suppresses %s on %s again (as policy.suppressions[%d] does)", s.Rule, s.Resource, j))
		} else {
			seen[id] = i
		}
	}
}

func (v *validator) backend(b Backend) {
	only := func(mode string, keys map[string]bool) {
		for _, key := range slices.Sorted(maps.Keys(keys)) {
			if keys[key] {
				v.add("backend."+key, nil, field.Forbidden, fmt.Sprintf(`is set but backend.type is %q, which does not use it; remove it`, mode))
			}
		}
	}
	switch b.Type {
	case BackendLocal:
		only(string(BackendLocal), map[string]bool{"bucket": b.Bucket != "", "key": b.Key != "", "region": b.Region != "", "use_lockfile": b.UseLockfile != nil})
		p := b.StatePath()
		clean := path.Clean(p)
		switch {
		case p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, `\`) || strings.Contains(p, ":"):
			v.add("backend.path", p, field.Invalid, "must be a relative path with / separators (state then stays with "+
				"the stack directory whatever machine runs it)")
		case clean == "." || clean == ".." || strings.HasPrefix(clean, "../") || strings.HasSuffix(p, "/"):
			v.add("backend.path", p, field.Invalid, "must name a file inside the stack directory")
		}
	case BackendS3:
		only(string(BackendS3), map[string]bool{"path": b.Path != nil})
		if !bucketName.MatchString(b.Bucket) || strings.Contains(b.Bucket, "..") {
			v.add("backend.bucket", b.Bucket, field.Invalid, "must name an existing S3 bucket (3 to 63 lowercase letters, digits, dots, hyphens)")
		}
		if len(b.Key) > 1024 || !stateKey.MatchString(b.Key) || strings.HasPrefix(b.Key, "/") || strings.HasSuffix(b.Key, "/") ||
			strings.Contains(b.Key, "//") || slices.Contains(strings.Split(b.Key, "/"), "..") || slices.Contains(strings.Split(b.Key, "/"), ".") {
			v.add("backend.key", b.Key, field.Invalid, `must be an object key such as "webstack/prod.tfstate" (no leading or trailing /, no empty, . or .. segments)`)
		}
		if _, ok := regions.Lookup(b.Region); b.Region != "" && !ok {
			v.add("backend.region", b.Region, field.NotSupported, "not an AWS region name")
		}
	default:
		v.add("backend.type", b.Type, field.NotSupported, `must be "local" or "s3"`)
	}
}
