package config

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/platform-team/webstack/field"
)

var configType = reflect.TypeOf(Config{})

// shaper walks a decoded JSON value against the Go type it will be decoded
// into. It reports every unknown key, every value of the wrong JSON type and
// every null inside a list or map, with its dotted path, and returns the
// value without them, so the rest of the file can still be validated.
type shaper struct {
	problems Problems
	left     []field.Path // the values left out
}

// dropped says whether the value at key (or one it is part of) was left out.
func (s *shaper) dropped(key field.Path) bool {
	for _, p := range s.left {
		if _, below := key.Under(p, p); below {
			return true
		}
	}
	return false
}

func (s *shaper) drop(path field.Path, kind field.Kind, value any, msg string) (any, bool) {
	s.problems = append(s.problems, Problem{Field: path, Value: value, Kind: kind, Msg: msg})
	s.left = append(s.left, path)
	return nil, false
}

// check returns v without its bad parts, and whether v itself is usable.
func (s *shaper) check(path field.Path, v any, t reflect.Type) (any, bool) {
	if v == nil { // null for a key: the key's default
		return nil, true
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	wrong := func(want string) (any, bool) {
		return s.drop(path, KindType, v, fmt.Sprintf("must be %s, not %s", want, jsonKind(v)))
	}
	switch t.Kind() {
	case reflect.String:
		str, ok := v.(string)
		if !ok {
			return wrong("a string")
		}
		if strings.Contains(str, "${") || strings.Contains(str, "%{") {
			return s.drop(path, field.Invalid, str, `must not hold "${" or "%{": Terraform would evaluate it as a template`)
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			return wrong("true or false")
		}
	case reflect.Int, reflect.Int64:
		n, ok := v.(json.Number)
		if !ok {
			return wrong("a whole number")
		}
		if _, err := n.Int64(); err != nil {
			return wrong("a whole number")
		}
	case reflect.Float64:
		n, ok := v.(json.Number)
		if !ok {
			return wrong("a number")
		}
		if _, err := n.Float64(); err != nil {
			return wrong("a number within range")
		}
	case reflect.Slice:
		list, ok := v.([]any)
		if !ok {
			return wrong("a list ([ ... ])")
		}
		good := true
		for i, e := range list {
			p := path.Index(i)
			if e == nil {
				s.problems = append(s.problems, Problem{Field: p, Kind: KindType, Msg: "must not be null; remove the item"})
				good = false
				continue
			}
			c, ok := s.check(p, e, t.Elem())
			good = good && ok
			list[i] = c
		}
		if !good { // a list is used whole or not at all: indexes must not shift
			s.left = append(s.left, path)
			return nil, false
		}
		return list, true
	case reflect.Map:
		obj, ok := v.(map[string]any)
		if !ok {
			return wrong("an object ({ ... })")
		}
		good := true
		for _, k := range sortedKeys(obj) {
			p := path.Child(k)
			if obj[k] == nil {
				s.problems = append(s.problems, Problem{Field: p, Kind: KindType, Msg: `must not be null; give a string ("" for an empty value) or remove it`})
				good = false
				continue
			}
			if strings.Contains(k, "${") || strings.Contains(k, "%{") {
				s.problems = append(s.problems, Problem{Field: p, Kind: field.Invalid, Msg: `the key must not hold "${" or "%{": Terraform would evaluate it as a template`})
				good = false
				continue
			}
			c, ok := s.check(p, obj[k], t.Elem())
			good = good && ok
			obj[k] = c
		}
		if !good {
			s.left = append(s.left, path)
			return nil, false
		}
		return obj, true
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			return wrong("an object ({ ... })")
		}
		fields := map[string]reflect.Type{}
		var names []string
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name := strings.Split(f.Tag.Get("json"), ",")[0]
			if name == "" || name == "-" {
				continue
			}
			fields[name] = f.Type
			names = append(names, name)
		}
		out := map[string]any{}
		for _, k := range sortedKeys(obj) {
			ft, known := fields[k]
			if !known {
				msg := "unknown key"
				if c := closest(k, names); c != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", c)
				} else {
					msg += fmt.Sprintf("; known keys here: %s", strings.Join(names, ", "))
				}
				s.drop(path.Child(k), KindUnknown, nil, msg)
				continue
			}
			if c, ok := s.check(path.Child(k), obj[k], ft); ok && c != nil {
				out[k] = c
			}
		}
		return out, true
	}
	return v, true
}

func sortedKeys(m map[string]any) []string { return slices.Sorted(maps.Keys(m)) }

func jsonKind(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case json.Number:
		return "a number"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return "null"
}

// closest returns the candidate within edit distance 2 of s (a likely typo),
// or "" when none is that close.
func closest(s string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		if d := editDistance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
