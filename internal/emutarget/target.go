// Package emutarget points a synthesized stack at a local AWS emulator
// (moto_server): what a stack needs there (dummy credentials, a preflight
// check, no waits for AWS's eventual consistency, and the
// attributes the emulator misreports) is defined here once, as an edit of
// the stack's Terraform JSON. Synth applies it to every stack whose target is
// the emulator; make review applies it to a golden of any revision. It
// starts no process (package emulator runs moto).
package emutarget

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"sort"
)

// EndpointVar is the environment variable that holds the emulator's URL, for
// the provider and the S3 backend alike: the AWS SDK's own setting.
//
// The configuration does not name the emulator itself: an AWS provider block
// with an endpoints block, even one naming a single service, costs about 3 s
// of the provider's CPU each time Terraform configures or validates it (its
// endpoints set has 303 attributes), and a plan does both: 10.7 s of CPU for a
// plan of the local stack with the block, 4.3 s without (docs/performance.md).
const EndpointVar = "AWS_ENDPOINT_URL"

const (
	// ManagedPolicyProbe is an AWS-managed policy the web tier attaches;
	// moto serves AWS-managed policies only when started with
	// MOTO_IAM_LOAD_MANAGED_POLICIES=true.
	ManagedPolicyProbe = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
	// preflight is the data source that reads ManagedPolicyProbe at plan
	// time: an emulator started without the setting fails there, by this
	// name, instead of half-way through an apply.
	preflight = "emulator_needs_MOTO_IAM_LOAD_MANAGED_POLICIES"
)

// Options change how a stack is retargeted.
type Options struct {
	// LocalState replaces the stack's backend with a local state file
	// (terraform.tfstate), as a throw-away deploy of a golden wants. Without
	// it an S3 backend is kept and given the emulator's credentials; the
	// emulator's address comes from EndpointVar, as the provider's does.
	LocalState bool
}

// waitCommand is a provisioner that only waits for AWS to settle (see
// constructs/accesslogs): the emulator applies everything at once.
var waitCommand = regexp.MustCompile(`^sleep [0-9]+$`)

// Retarget returns config, a stack's Terraform JSON (as cdktf writes it, or
// a golden), pointed at the emulator, in review.Canonical form. It is
// idempotent, so a configuration already aimed at the emulator comes back
// the same.
func Retarget(config []byte, o Options) ([]byte, error) {
	var c map[string]any
	dec := json.NewDecoder(bytes.NewReader(config))
	dec.UseNumber()
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("not a Terraform JSON configuration: %w", err)
	}
	retargetProviders(c)
	retargetBackend(c, o)
	addPreflight(c)
	dropWaits(c)
	bridgeGaps(c)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(c); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// object returns m[key] as an object, creating it when absent.
func object(m map[string]any, key string) map[string]any {
	o, ok := m[key].(map[string]any)
	if !ok {
		o = map[string]any{}
		m[key] = o
	}
	return o
}

// retargetProviders gives every AWS provider block (aliases included) the
// credentials emulators accept, and the settings an emulator needs; the
// address comes from EndpointVar. An endpoints block or the emulator_endpoint
// variable of a configuration retargeted before that (an older golden) goes.
// The account id is still asked of the emulator's STS: skipping that makes
// rules that reference another security group re-plan forever.
func retargetProviders(c map[string]any) {
	if vars, ok := c["variable"].(map[string]any); ok {
		delete(vars, legacyVariable)
		if len(vars) == 0 {
			delete(c, "variable")
		}
	}
	blocks, _ := object(c, "provider")["aws"].([]any)
	for _, b := range blocks {
		block, ok := b.(map[string]any)
		if !ok {
			continue
		}
		block["access_key"], block["secret_key"] = "test", "test" // what emulators accept; not a secret
		block["skip_credentials_validation"] = true
		block["skip_metadata_api_check"] = "true"
		block["skip_region_validation"] = true
		block["s3_use_path_style"] = true // bucket.localhost names do not resolve
		delete(block, "endpoints")
	}
}

// legacyVariable held the emulator's URL in configurations retargeted before
// EndpointVar did (their endpoints block read it).
const legacyVariable = "emulator_endpoint"

func retargetBackend(c map[string]any, o Options) {
	tf := object(c, "terraform")
	if o.LocalState {
		tf["backend"] = map[string]any{"local": map[string]any{"path": "terraform.tfstate"}}
		return
	}
	s3, ok := object(tf, "backend")["s3"].(map[string]any)
	if !ok {
		return
	}
	s3["access_key"], s3["secret_key"] = "test", "test"
	for _, k := range []string{"skip_credentials_validation", "skip_requesting_account_id", "skip_metadata_api_check",
		"skip_region_validation", "use_path_style"} {
		s3[k] = true
	}
}

// addPreflight reads ManagedPolicyProbe at plan time, before anything is
// created.
func addPreflight(c map[string]any) {
	stack := "stack"
	if meta, ok := object(c, "//")["metadata"].(map[string]any); ok {
		if name, ok := meta["stackName"].(string); ok {
			stack = name
		}
	}
	object(object(c, "data"), "aws_iam_policy")[preflight] = map[string]any{
		"//":  map[string]any{"metadata": map[string]any{"path": stack + "/emulator-preflight", "uniqueId": preflight}},
		"arn": ManagedPolicyProbe,
	}
}

// dropWaits removes each terraform_data whose only work is to wait for AWS
// (a local-exec "sleep N"); what depended on it depends on what it waited
// for instead, in the same place of the list.
func dropWaits(c map[string]any) {
	resources, _ := c["resource"].(map[string]any)
	data, _ := resources["terraform_data"].(map[string]any)
	replaced := map[string][]any{}
	for name, body := range data {
		b, _ := body.(map[string]any)
		if !onlyWaits(b["provisioner"]) {
			continue
		}
		deps, _ := b["depends_on"].([]any)
		replaced["terraform_data."+name] = deps
		delete(data, name)
	}
	if len(replaced) == 0 {
		return
	}
	if len(data) == 0 {
		delete(resources, "terraform_data")
	}
	for _, byName := range resources {
		named, _ := byName.(map[string]any)
		for _, body := range named {
			b, _ := body.(map[string]any)
			deps, ok := b["depends_on"].([]any)
			if !ok {
				continue
			}
			var out []any
			for _, d := range deps {
				instead, ok := replaced[fmt.Sprint(d)]
				if !ok {
					instead = []any{d}
				}
				for _, i := range instead {
					if !slices.Contains(out, i) {
						out = append(out, i)
					}
				}
			}
			b["depends_on"] = out
		}
	}
}

func onlyWaits(provisioners any) bool {
	list, _ := provisioners.([]any)
	if len(list) == 0 {
		return false
	}
	for _, p := range list {
		m, _ := p.(map[string]any)
		exec, _ := m["local-exec"].(map[string]any)
		if len(m) != 1 || !waitCommand.MatchString(fmt.Sprint(exec["command"])) {
			return false
		}
	}
	return true
}

// bridgeGaps adds each Gap's attribute to the lifecycle.ignore_changes of the
// resources it applies to, keeping what the resource ignores already, sorted.
func bridgeGaps(c map[string]any) {
	resources, _ := c["resource"].(map[string]any)
	for _, g := range Gaps {
		named, _ := resources[g.ResourceType].(map[string]any)
		for _, body := range named {
			b, _ := body.(map[string]any)
			if b == nil || (g.OnlyGroupPeers && b["referenced_security_group_id"] == nil) {
				continue
			}
			lc := object(b, "lifecycle")
			var ignore []string
			switch own := lc["ignore_changes"].(type) {
			case string:
				ignore = append(ignore, own)
			case []any:
				for _, a := range own {
					ignore = append(ignore, fmt.Sprint(a))
				}
			}
			if slices.Contains(ignore, "all") {
				continue // ignores everything already
			}
			if !slices.Contains(ignore, g.Attribute) {
				ignore = append(ignore, g.Attribute)
			}
			sort.Strings(ignore)
			list := make([]any, len(ignore))
			for i, a := range ignore {
				list[i] = a
			}
			lc["ignore_changes"] = list
		}
	}
}
