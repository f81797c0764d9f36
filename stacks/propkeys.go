package stacks

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"unsafe"

	"github.com/platform-team/webstack/field"
	"github.com/platform-team/webstack/stacks/config"
)

// propKeys says, for one construct's props, where each prop comes from: an
// environment-file key (from), the parts built before it (wired), or
// nowhere, the construct's default applying (unset). A part declares it
// next to the props it fills, by pointers to the props' fields, so a
// renamed prop does not compile and a forgotten one is found by
// TestEveryPropHasASource.
type propKeys struct {
	construct string
	keys      map[string]field.Path // prop path → key
	wired     map[string]bool
	unset     map[string]bool
	leaves    []string // every prop, nested ones by their full path
}

// source is where one prop comes from.
type source struct {
	addr   uintptr
	typ    reflect.Type
	mapKey string     // an entry of a map prop ("Tags" + "Project")
	key    field.Path // the key it comes from; root when wired or unset
	wired  bool
	unset  bool
}

// from: the prop comes from key.
func from[T any](prop *T, key field.Path) source {
	return source{addr: uintptr(unsafe.Pointer(prop)), typ: reflect.TypeFor[T](), key: key}
}

// fromEntry: the map prop's entry k comes from key (a tag set from its own key).
func fromEntry[V any](prop *map[string]V, k string, key field.Path) source {
	s := from(prop, key)
	s.mapKey = k
	return s
}

// wired: the stack sets the prop from what earlier parts exposed.
func wired[T any](prop *T) source {
	return source{addr: uintptr(unsafe.Pointer(prop)), typ: reflect.TypeFor[T](), wired: true}
}

// unset: no key sets the prop; the construct's default applies.
func unset[T any](prop *T) source {
	return source{addr: uintptr(unsafe.Pointer(prop)), typ: reflect.TypeFor[T](), unset: true}
}

// newPropKeys resolves sources against props, a pointer to a construct's
// props struct. A source that is not a field of props is a bug of the part
// that declared it: it panics, and every test that builds the part fails.
func newPropKeys(construct string, props any, sources ...source) propKeys {
	k := propKeys{construct: construct, keys: map[string]field.Path{}, wired: map[string]bool{}, unset: map[string]bool{}}
	fields := map[uintptr][]struct {
		path string
		typ  reflect.Type
	}{}
	var walk func(v reflect.Value, prefix string)
	walk = func(v reflect.Value, prefix string) {
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			path := field.Join(prefix, f.Name)
			fv := v.Field(i)
			fields[fv.UnsafeAddr()] = append(fields[fv.UnsafeAddr()], struct {
				path string
				typ  reflect.Type
			}{path, f.Type})
			if f.Type.Kind() == reflect.Struct {
				walk(fv, path)
				continue
			}
			k.leaves = append(k.leaves, path)
		}
	}
	walk(reflect.ValueOf(props).Elem(), "")
	for _, s := range sources {
		i := slices.IndexFunc(fields[s.addr], func(f struct {
			path string
			typ  reflect.Type
		}) bool {
			return f.typ == s.typ
		})
		if i < 0 {
			panic(fmt.Sprintf("stacks: a source of %s's props is not one of their fields", construct))
		}
		path := fields[s.addr][i].path
		switch {
		case s.wired:
			k.wired[path] = true
		case s.unset:
			k.unset[path] = true
		case s.mapKey != "":
			k.keys[path+"."+s.mapKey] = s.key
		default:
			k.keys[path] = s.key
		}
	}
	return k
}

// key is the key a prop path comes from: its own, or that of the prop it is
// part of ("AllowedCidrs[2]" → "allowed_cidrs[2]", "Tags.Team" → "tags.Team").
func (k propKeys) key(prop string) (field.Path, bool) {
	p := field.ParsePath(prop)
	best, found := "", false
	for bound := range k.keys {
		if _, below := p.Under(field.ParsePath(bound), field.Path{}); below && (!found || len(bound) > len(best)) {
			best, found = bound, true
		}
	}
	if !found {
		return field.Path{}, false
	}
	return p.Under(field.ParsePath(best), k.keys[best])
}

// name is how messages name prop: its key, or the prop itself when it comes
// from no key (a message about it is a bug, reported as such).
func (k propKeys) name(prop string) string {
	if key, ok := k.key(prop); ok {
		return key.String()
	}
	return prop
}

// problems turns a construct's validation error into problems that name
// the environment-file keys of the props it is about, and the keys of the
// props its messages refer to.
func (k propKeys) problems(err error) config.Problems {
	if err == nil {
		return nil
	}
	var errs field.Errors
	if !errors.As(err, &errs) {
		return config.Problems{{Kind: config.KindInternal, Msg: k.construct + ": " + err.Error()}}
	}
	var ps config.Problems
	for _, e := range errs {
		key, ok := k.key(e.Path)
		if !ok { // wiring, not a key: a bug in the stack, not in the file
			ps = append(ps, config.Problem{Kind: config.KindInternal,
				Msg: fmt.Sprintf("%s: %s (internal error: please report it)", k.construct, e)})
			continue
		}
		ps = append(ps, config.Problem{Field: key, Value: e.Value, Kind: e.Kind, Msg: e.Render(k.name)})
	}
	return ps
}

// withoutSource lists the props that come from nowhere declared.
func (k propKeys) withoutSource() []string {
	var out []string
	for _, leaf := range k.leaves {
		if _, ok := k.keys[leaf]; !ok && !k.wired[leaf] && !k.unset[leaf] {
			out = append(out, leaf)
		}
	}
	return out
}
