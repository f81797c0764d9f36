package review

import (
	"fmt"
	"sort"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// Action is Terraform's verdict on one resource.
type Action string

const (
	ActionCreate  Action = "create"
	ActionUpdate  Action = "update"
	ActionReplace Action = "replace"
	ActionDelete  Action = "destroy"
)

// PlanResult is what Terraform would do to a deployed base when the head is
// applied over it.
type PlanResult struct {
	Impacts []Impact
	// Failed, when set, says why there is no plan (the base did not deploy
	// to the emulator, ...): the review falls back to the configuration diff.
	Failed string
	// Log names the file holding Terraform's output, when one was kept.
	Log string
}

// Impact is one resource Terraform would change.
type Impact struct {
	Address string
	Type    string
	Action  Action
	// ReplacePaths are the attributes that force a replacement, as the
	// plan's replace_paths give them.
	ReplacePaths []string
	// Attrs are the changed attributes of an update or a replacement.
	Attrs []Attr
	// Risky says why replacing or destroying this resource is risky.
	Risky string
	// Tainted says Terraform replaces it because it is tainted: its create
	// did not finish (an interrupted apply), so what exists may be half made.
	Tainted bool
}

// Impacts reads a plan's resource changes, in address order. Reads and
// no-ops are left out.
func Impacts(plan *tfjson.Plan) []Impact {
	var out []Impact
	for _, rc := range plan.ResourceChanges {
		if rc.Mode != tfjson.ManagedResourceMode || rc.Change == nil {
			continue
		}
		a := rc.Change.Actions
		i := Impact{Address: rc.Address, Type: rc.Type, Tainted: rc.ActionReason == tfjson.ActionReasonReplaceBecauseTainted}
		switch {
		case a.Replace():
			i.Action = ActionReplace
			i.ReplacePaths = paths(rc.Change.ReplacePaths)
		case a.Create():
			i.Action = ActionCreate
		case a.Update():
			i.Action = ActionUpdate
		case a.Delete():
			i.Action = ActionDelete
		default:
			continue
		}
		if i.Action == ActionUpdate || i.Action == ActionReplace {
			// A replacement makes every computed attribute unknown; only
			// what the configuration changes says something.
			i.Attrs = changedAttrs(rc.Change, i.Action == ActionUpdate)
		}
		if why, ok := Risky(rc.Type); ok && (i.Action == ActionReplace || i.Action == ActionDelete) {
			i.Risky = why
		}
		out = append(out, i)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Address < out[j].Address })
	return out
}

// knownAfterApply stands for a value the plan cannot know yet.
type knownAfterApply struct{}

func (knownAfterApply) String() string { return "(known after apply)" }

// changedAttrs lists the attributes a change alters, with their old and
// new values where the plan knows them. Values the plan cannot know are
// shown as such for an update and left out of a replacement (where every
// computed attribute is unknown). A value the configuration leaves unset
// (null) is not a change from the provider's empty default ("", 0, false,
// []).
func changedAttrs(c *tfjson.Change, withUnknown bool) []Attr {
	after := markUnknown(c.After, c.AfterUnknown)
	var out []Attr
	for _, a := range diffValues("", c.Before, after) {
		if _, unknown := a.New.(knownAfterApply); unknown && !withUnknown {
			continue
		}
		if emptyOrNull(a.Old) && emptyOrNull(a.New) {
			continue
		}
		out = append(out, a)
	}
	return out
}

// markUnknown puts knownAfterApply where the plan's after_unknown says a
// value is not known yet.
func markUnknown(after, unknown any) any {
	switch u := unknown.(type) {
	case bool:
		if u {
			return knownAfterApply{}
		}
	case map[string]any:
		m, _ := after.(map[string]any)
		out := make(map[string]any, len(m))
		for k, v := range m {
			out[k] = v
		}
		for k, uv := range u {
			out[k] = markUnknown(out[k], uv)
		}
		return out
	case []any:
		l, _ := after.([]any)
		out := append([]any(nil), l...)
		for i, uv := range u {
			if i >= len(out) {
				out = append(out, nil)
			}
			out[i] = markUnknown(out[i], uv)
		}
		return out
	}
	return after
}

func emptyOrNull(v any) bool {
	switch x := v.(type) {
	case nil, absentValue:
		return true
	case string:
		return x == ""
	case bool:
		return !x
	case float64:
		return x == 0
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return false
}

// paths renders replace_paths ([["name"], ["tags", "Name"]]) as attribute paths.
func paths(raw []any) []string {
	var out []string
	for _, p := range raw {
		steps, ok := p.([]any)
		if !ok {
			continue
		}
		var parts []string
		for _, s := range steps {
			if n, ok := s.(float64); ok && len(parts) > 0 {
				parts[len(parts)-1] += fmt.Sprintf("[%d]", int(n))
				continue
			}
			parts = append(parts, fmt.Sprint(s))
		}
		out = append(out, strings.Join(parts, "."))
	}
	sort.Strings(out)
	return out
}
