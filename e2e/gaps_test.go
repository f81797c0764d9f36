package e2e

import (
	"fmt"
	"reflect"
	"sort"

	tfjson "github.com/hashicorp/terraform-json"
)

// gap is a known difference between what moto reports and what AWS does,
// which makes a clean stack show a diff on re-plan against the emulator.
// Each is one resource type and one top-level attribute, with why, and where
// it can be stated, a check that the diff is exactly that gap.
type gap struct {
	typ, attr string
	why       string
	// exact, when set, must hold of the attribute's before and after values
	// (and the resource's before state) for the diff to count as the gap.
	exact func(before, after any, state map[string]any) bool
}

// emulatorGaps is the allow-list. Anything else a re-plan shows fails the test.
var emulatorGaps = []gap{
	{"aws_autoscaling_policy", "enabled",
		"moto does not return Enabled for scaling policies, so the provider reads false", nil},
	{"aws_autoscaling_policy", "predictive_scaling_configuration",
		"moto returns an empty predictive-scaling block for target-tracking policies", nil},
	{"aws_launch_template", "tag_specifications",
		"moto stores the template's own tags as a 'launch-template' tag specification of its data and returns it",
		func(before, after any, _ map[string]any) bool {
			return reflect.DeepEqual(withoutLaunchTemplateSpec(before), after)
		}},
	{"aws_launch_template", "latest_version", "follows from the tag_specifications gap (a new version is planned)", nil},
	{"aws_launch_template", "default_version", "follows from the tag_specifications gap", nil},
	{"aws_autoscaling_group", "launch_template",
		"follows from the tag_specifications gap: the group tracks the template's latest version", nil},
	{"aws_vpc_security_group_ingress_rule", "description",
		"moto drops the description of rules whose peer is a security group", peerIsGroup},
	{"aws_vpc_security_group_egress_rule", "description",
		"moto drops the description of rules whose peer is a security group", peerIsGroup},
}

func peerIsGroup(_, after any, state map[string]any) bool {
	return state["referenced_security_group_id"] != nil && after != nil && after != ""
}

func withoutLaunchTemplateSpec(v any) any {
	list, ok := v.([]any)
	if !ok {
		return v
	}
	var kept []any
	for _, e := range list {
		if m, ok := e.(map[string]any); ok && m["resource_type"] == "launch-template" {
			continue
		}
		kept = append(kept, e)
	}
	return kept
}

// unexplainedChanges lists every change in plan that no gap explains.
// Creating, deleting or replacing anything is never a gap.
func unexplainedChanges(plan *tfjson.Plan) (problems, explained []string) {
	if plan == nil {
		return nil, nil
	}
	for _, rc := range plan.ResourceChanges {
		a := rc.Change.Actions
		if a.NoOp() || a.Read() {
			continue
		}
		if !a.Update() {
			problems = append(problems, fmt.Sprintf("%s: %v", rc.Address, a))
			continue
		}
		before, _ := rc.Change.Before.(map[string]any)
		after, _ := rc.Change.After.(map[string]any)
		unknown, _ := rc.Change.AfterUnknown.(map[string]any)
		for _, attr := range changedAttrs(before, after, unknown) {
			ok := false
			for _, g := range emulatorGaps {
				if g.typ == rc.Type && g.attr == attr && (g.exact == nil || g.exact(before[attr], after[attr], before)) {
					ok = true
					explained = append(explained, fmt.Sprintf("%s.%s (%s)", rc.Address, attr, g.why))
				}
			}
			if !ok {
				problems = append(problems, fmt.Sprintf("%s.%s: %v -> %v", rc.Address, attr, before[attr], after[attr]))
			}
		}
	}
	return problems, explained
}

func changedAttrs(before, after, unknown map[string]any) []string {
	keys := map[string]bool{}
	for k := range before {
		keys[k] = true
	}
	for k := range after {
		keys[k] = true
	}
	var out []string
	for k := range keys {
		if anyUnknown(unknown[k]) || !reflect.DeepEqual(normalize(before[k]), normalize(after[k])) {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// anyUnknown says whether an after_unknown value marks anything unknown.
func anyUnknown(v any) bool {
	switch t := v.(type) {
	case bool:
		return t
	case []any:
		for _, e := range t {
			if anyUnknown(e) {
				return true
			}
		}
	case map[string]any:
		for _, e := range t {
			if anyUnknown(e) {
				return true
			}
		}
	}
	return false
}

// normalize drops nulls, empty strings, empty lists and empty maps at every
// depth: Terraform's diff treats them alike, the JSON plan does not.
func normalize(v any) any {
	switch t := v.(type) {
	case string:
		if t == "" {
			return nil
		}
	case []any:
		var out []any
		for _, e := range t {
			if n := normalize(e); n != nil {
				out = append(out, n)
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	case map[string]any:
		out := map[string]any{}
		for k, e := range t {
			if n := normalize(e); n != nil {
				out[k] = n
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	}
	return v
}
