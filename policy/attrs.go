package policy

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Attrs is a block's arguments as decoded from JSON (numbers are json.Number).
// The accessors take dotted paths and treat a single-element list like the
// object it holds, since cdktf writes nested blocks either way.
type Attrs map[string]any

// Get returns the value at a dotted path, or nil.
func (a Attrs) Get(path string) any {
	var cur any = map[string]any(a)
	for _, key := range strings.Split(path, ".") {
		cur = unwrap(cur)
		m, ok := asMap(cur)
		if !ok {
			return nil
		}
		cur = m[key]
	}
	return cur
}

// Str returns the string at path, or "".
func (a Attrs) Str(path string) string {
	if s, ok := unwrap(a.Get(path)).(string); ok {
		return s
	}
	return ""
}

// Bool returns the boolean at path and whether one is set. cdktf may write
// a boolean as the string "true".
func (a Attrs) Bool(path string) (value, set bool) {
	switch v := unwrap(a.Get(path)).(type) {
	case bool:
		return v, true
	case string:
		return v == "true", v == "true" || v == "false"
	}
	return false, false
}

// Num returns the number at path and whether one is set.
func (a Attrs) Num(path string) (float64, bool) {
	switch v := unwrap(a.Get(path)).(type) {
	case json.Number:
		f, err := v.Float64()
		return f, err == nil
	case float64:
		return v, true
	case string:
		var f float64
		_, err := fmt.Sscan(v, &f)
		return f, err == nil
	}
	return 0, false
}

// List returns the list at path (a lone value becomes a one-element list).
func (a Attrs) List(path string) []any {
	switch v := a.Get(path).(type) {
	case nil:
		return nil
	case []any:
		return v
	default:
		return []any{v}
	}
}

// Strings returns the list at path as strings.
func (a Attrs) Strings(path string) []string {
	var out []string
	for _, v := range a.List(path) {
		out = append(out, fmt.Sprint(v))
	}
	return out
}

// Block returns the nested block at path ({} when absent).
func (a Attrs) Block(path string) Attrs {
	m, _ := asMap(unwrap(a.Get(path)))
	return m
}

// Blocks returns every nested block at path.
func (a Attrs) Blocks(path string) []Attrs {
	var out []Attrs
	for _, v := range a.List(path) {
		if m, ok := asMap(v); ok {
			out = append(out, m)
		}
	}
	return out
}

// Map returns the map at path ({} when absent).
func (a Attrs) Map(path string) map[string]any {
	m, _ := asMap(unwrap(a.Get(path)))
	return m
}

func unwrap(v any) any {
	if l, ok := v.([]any); ok && len(l) == 1 {
		return l[0]
	}
	return v
}

func asMap(v any) (map[string]any, bool) {
	switch m := v.(type) {
	case map[string]any:
		return m, true
	case Attrs:
		return m, true
	}
	return nil, false
}
