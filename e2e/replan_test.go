package e2e

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// planChanges describes every change in plan, one line per resource (its
// actions and the attributes that differ). A deployed stack must re-plan
// with none: what moto misreports is ignored by the emulator target itself
// (internal/emutarget), so anything here is a real drift.
func planChanges(plan *tfjson.Plan) []string {
	if plan == nil {
		return nil
	}
	var out []string
	for _, rc := range plan.ResourceChanges {
		a := rc.Change.Actions
		if a.NoOp() || a.Read() {
			continue
		}
		before, _ := rc.Change.Before.(map[string]any)
		after, _ := rc.Change.After.(map[string]any)
		unknown, _ := rc.Change.AfterUnknown.(map[string]any)
		var attrs []string
		for _, attr := range changedAttrs(before, after, unknown) {
			attrs = append(attrs, fmt.Sprintf("%s: %v -> %v", attr, before[attr], after[attr]))
		}
		out = append(out, fmt.Sprintf("%s %v %s", rc.Address, a, strings.Join(attrs, "; ")))
	}
	return out
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
