package config

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

// Validate returns every problem of the keys that belong to the stack itself
// (names, tags, region, target, policy, backend); File is left for the
// caller to fill. The sections that configure a construct are checked by
// their part of the stack (package stacks), through the construct's own
// Validate, so each rule is written once.
func (c Config) Validate() Problems {
	var v validator
	v.name(field.NewPath("project"), c.Project, maxProjectLen)
	v.name(field.NewPath("environment"), c.Environment, maxEnvironmentLen)
	if c.namesUsable() {
		if err := c.namesFit(); err != nil {
			v.add(field.NewPath("project"), c.Project, field.Invalid, err.Error())
		}
	}
	if _, ok := regions.Lookup(c.Region); !ok {
		v.add(field.NewPath("region"), c.Region, field.NotSupported, "not an AWS region name; use one of: "+strings.Join(regions.Names(), ", "))
	}
	var tc field.Checker
	awstags.Value(&tc, "owner", c.Owner, true)
	awstags.Value(&tc, "cost_center", c.CostCenter, true)
	for _, e := range tc.Errs {
		v.add(field.NewPath(e.Path), e.Value, e.Kind, e.Detail)
	}
	v.tags(field.NewPath("tags"), c.Tags)
	if c.Target != TargetAWS && c.Target != TargetEmulator {
		v.add(field.NewPath("target"), c.Target, field.NotSupported, `must be "aws" (real AWS) or "emulator" (a local AWS emulator at AWS_ENDPOINT_URL)`)
	}
	v.suppressions(field.NewPath("policy", "suppressions"), c.Policy.Suppressions)
	v.backend(field.NewPath("backend"), c.Backend)
	return v.problems.Dedupe()
}

type validator struct{ problems Problems }

func (v *validator) add(key field.Path, value any, kind field.Kind, msg string) {
	v.problems = append(v.problems, Problem{Field: key, Value: value, Kind: kind, Msg: msg})
}

func (v *validator) name(key field.Path, s string, max int) {
	switch {
	case s == "":
		v.add(key, s, field.Required, "must not be empty")
	case len(s) > max:
		v.add(key, s, field.Invalid, fmt.Sprintf("is %d characters; at most %d", len(s), max))
	case !namePart.MatchString(s):
		v.add(key, s, field.Invalid, "must be lowercase letters, digits and hyphens, start with a letter and not end "+
			"with a hyphen (it becomes part of every resource name)")
	case strings.Contains(s, "--"):
		// Names are built with single hyphens, so the names would not say
		// what the file does (and "xn--" starts bucket names AWS reserves).
		v.add(key, s, field.Invalid, "holds two hyphens in a row; resource names hold single hyphens, so they "+
			"would not read as written: use one")
	}
}

// namesUsable says whether project and environment are made of what names
// are made of (name reports why not).
func (c Config) namesUsable() bool {
	usable := func(s string) bool { return namePart.MatchString(s) && !strings.Contains(s, "--") }
	return usable(c.Project) && usable(c.Environment)
}

// namesFit proves that every resource name the stack builds can be made from
// project and environment, under every rule of every kind of resource it
// names (length, and the starts and ends AWS reserves).
func (c Config) namesFit() error {
	n, err := c.Namer(strings.Repeat("x", SuffixLength))
	if err != nil {
		return err
	}
	// A one-letter component shortens the least, so it shows any start AWS
	// reserves; a long one shows whether names fit at all.
	for _, k := range naming.Kinds() {
		for _, component := range []string{"a", "component"} {
			if _, err := n.Name(k, component); err != nil {
				return err
			}
		}
	}
	return nil
}

// CheckNamer is the namer the parts of c's stack are checked with before the
// stack exists: c's own with a placeholder suffix, or a stand-in when c's
// names are not usable (Validate reports why), so each part still checks
// everything else.
func (c Config) CheckNamer() *naming.Namer {
	if c.namesUsable() && c.namesFit() == nil {
		n, _ := c.Namer(strings.Repeat("x", SuffixLength))
		return n
	}
	standIn := Config{Project: "project", Environment: "env"}
	n, _ := standIn.Namer(strings.Repeat("x", SuffixLength))
	return n
}

func (v *validator) tags(at field.Path, tags map[string]string) {
	if len(tags) > maxUserTags {
		v.add(at, nil, field.TooMany, fmt.Sprintf("has %d tags; at most %d (AWS allows %d per resource and the stack sets "+
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
			v.add(at.Key(k), tags[k], field.Forbidden, fmt.Sprintf("the stack sets this tag; use the %q key instead", key))
		case reserved:
			v.add(at.Key(k), tags[k], field.Forbidden, "the stack sets this tag itself")
		}
	}
}

func (v *validator) suppressions(at field.Path, list []policy.Suppression) {
	seen := map[string]int{}
	for i, s := range list {
		key := at.Index(i)
		if _, ok := rules.ByID(s.Rule); !ok {
			v.add(key.Child("rule"), s.Rule, field.NotSupported, "not a rule id; `make rules` lists them")
		}
		if !constructPath.MatchString(s.Resource) {
			v.add(key.Child("resource"), s.Resource, field.Invalid, `must be a construct path below the stack, e.g. "webtier/alb" `+
				"(the path synth prints with a finding)")
		}
		if len(strings.TrimSpace(s.Reason)) < policy.MinReasonLength {
			v.add(key.Child("reason"), s.Reason, field.Invalid, fmt.Sprintf("must explain the exception in at least %d characters", policy.MinReasonLength))
		}
		id := s.Rule + " " + s.Resource
		if j, dup := seen[id]; dup {
			v.add(key, nil, field.Duplicate, fmt.Sprintf("suppresses %s on %s again (as %s does)", s.Rule, s.Resource, at.Index(j)))
		} else {
			seen[id] = i
		}
	}
}

func (v *validator) backend(at field.Path, b Backend) {
	only := func(mode string, keys map[string]bool) {
		for _, key := range slices.Sorted(maps.Keys(keys)) {
			if keys[key] {
				v.add(at.Child(key), nil, field.Forbidden, fmt.Sprintf(`is set but backend.type is %q, which does not use it; remove it`, mode))
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
			v.add(at.Child("path"), p, field.Invalid, "must be a relative path with / separators (state then stays with "+
				"the stack directory whatever machine runs it)")
		case clean == "." || clean == ".." || strings.HasPrefix(clean, "../") || strings.HasSuffix(p, "/"):
			v.add(at.Child("path"), p, field.Invalid, "must name a file inside the stack directory")
		}
	case BackendS3:
		only(string(BackendS3), map[string]bool{"path": b.Path != nil})
		if !bucketName.MatchString(b.Bucket) || strings.Contains(b.Bucket, "..") {
			v.add(at.Child("bucket"), b.Bucket, field.Invalid, "must name an existing S3 bucket (3 to 63 lowercase letters, digits, dots, hyphens)")
		}
		if len(b.Key) > 1024 || !stateKey.MatchString(b.Key) || strings.HasPrefix(b.Key, "/") || strings.HasSuffix(b.Key, "/") ||
			strings.Contains(b.Key, "//") || slices.Contains(strings.Split(b.Key, "/"), "..") || slices.Contains(strings.Split(b.Key, "/"), ".") {
			v.add(at.Child("key"), b.Key, field.Invalid, `must be an object key such as "webstack/prod.tfstate" (no leading or trailing /, no empty, . or .. segments)`)
		}
		if _, ok := regions.Lookup(b.Region); b.Region != "" && !ok {
			v.add(at.Child("region"), b.Region, field.NotSupported, "not an AWS region name")
		}
	default:
		v.add(at.Child("type"), b.Type, field.NotSupported, `must be "local" or "s3"`)
	}
}
