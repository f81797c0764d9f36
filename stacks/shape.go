package stacks

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
)

var configType = reflect.TypeOf(Config{})

// checkShape walks a decoded JSON value against the Go type it will be
// decoded into and reports every unknown key and every value of the wrong
// JSON type, with its dotted path.
func checkShape(file, path string, v any, t reflect.Type) Problems {
	if v == nil { // null: keeps the default
		return nil
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	wrong := func(want string) Problems {
		return Problems{{File: file, Field: path, Value: v, Msg: fmt.Sprintf("must be %s, not %s", want, jsonKind(v))}}
	}
	switch t.Kind() {
	case reflect.String:
		if _, ok := v.(string); !ok {
			return wrong("a string")
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
		if _, ok := v.(json.Number); !ok {
			return wrong("a number")
		}
	case reflect.Slice:
		list, ok := v.([]any)
		if !ok {
			return wrong("a list ([ ... ])")
		}
		var ps Problems
		for i, e := range list {
			ps = append(ps, checkShape(file, fmt.Sprintf("%s[%d]", path, i), e, t.Elem())...)
		}
		return ps
	case reflect.Map:
		obj, ok := v.(map[string]any)
		if !ok {
			return wrong("an object ({ ... })")
		}
		var ps Problems
		for _, k := range sortedKeys(obj) {
			ps = append(ps, checkShape(file, join(path, k), obj[k], t.Elem())...)
		}
		return ps
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
		var ps Problems
		for _, k := range sortedKeys(obj) {
			ft, known := fields[k]
			if !known {
				msg := "unknown key"
				if s := closest(k, names); s != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", s)
				} else {
					msg += fmt.Sprintf("; known keys here: %s", strings.Join(names, ", "))
				}
				ps = append(ps, Problem{File: file, Field: join(path, k), Msg: msg})
				continue
			}
			ps = append(ps, checkShape(file, join(path, k), obj[k], ft)...)
		}
		return ps
	}
	return nil
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

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
