package review

import (
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Diff is how a stack's configuration changed.
type Diff struct {
	Added   []Block // only in the head
	Removed []Block // only in the base (and not renamed)
	Changed []BlockChange
	// Renamed blocks have a new address but the same content: a construct id
	// changed. Terraform destroys and re-creates a renamed resource unless
	// the configuration says it moved.
	Renamed []Rename
}

// Empty says nothing changed.
func (d Diff) Empty() bool {
	return len(d.Added)+len(d.Removed)+len(d.Changed)+len(d.Renamed) == 0
}

// BlockChange is a block at the same address with different content.
type BlockChange struct {
	Block // the head's
	Attrs []Attr
}

// Rename is a block that moved to another address. Attrs are any changes
// besides the move (none when the match was exact).
type Rename struct {
	From, To Block
	Attrs    []Attr
}

// Attr is one attribute that changed, by path: tags.Name,
// ingress[0].from_port, or policy:Statement[0].Resource for a path inside a
// JSON document held in a string.
type Attr struct {
	Path     string
	Old, New any // absent when one side lacks the attribute
	// Removed and Added are the elements only one side has, when the
	// attribute is a list of plain values (subnet ids, ...).
	Removed, Added []any
}

// absent marks the missing side of an attribute only one side has.
type absentValue struct{}

var absent = absentValue{}

// Compare reads two synthesized configurations of one stack and returns
// how head differs from base.
func Compare(base, head []byte) (Diff, error) {
	b, err := parseConfig(base)
	if err != nil {
		return Diff{}, err
	}
	h, err := parseConfig(head)
	if err != nil {
		return Diff{}, err
	}
	var d Diff
	var removed, added []string
	for _, a := range b.sortedAddrs() {
		if _, ok := h[a]; !ok {
			removed = append(removed, a)
		}
	}
	for _, a := range h.sortedAddrs() {
		if _, ok := b[a]; !ok {
			added = append(added, a)
		}
	}
	renames := findRenames(b, h, removed, added)
	moved := map[string]string{}
	for _, r := range renames {
		moved[r.From.Addr] = r.To.Addr
	}
	follow := newRewriter(moved, nil)
	for _, r := range renames {
		r.Attrs = diffValues("", follow.value(r.From.Body), r.To.Body)
		d.Renamed = append(d.Renamed, r)
	}
	for _, a := range removed {
		if _, ok := moved[a]; !ok {
			d.Removed = append(d.Removed, b[a])
		}
	}
	renamedTo := map[string]bool{}
	for _, to := range moved {
		renamedTo[to] = true
	}
	for _, a := range added {
		if !renamedTo[a] {
			d.Added = append(d.Added, h[a])
		}
	}
	// References to a renamed block are not changes of their own: they
	// follow the block.
	for _, a := range h.sortedAddrs() {
		old, ok := b[a]
		if !ok {
			continue
		}
		if attrs := diffValues("", follow.value(old.Body), h[a].Body); len(attrs) > 0 {
			d.Changed = append(d.Changed, BlockChange{Block: h[a], Attrs: attrs})
		}
	}
	sort.Slice(d.Renamed, func(i, j int) bool {
		if d.Renamed[i].To.Type != d.Renamed[j].To.Type {
			return d.Renamed[i].To.Type < d.Renamed[j].To.Type
		}
		return d.Renamed[i].To.Addr < d.Renamed[j].To.Addr
	})
	return d, nil
}

// diffValues lists the attributes that differ between a and b, below path.
func diffValues(path string, a, b any) []Attr {
	var out []Attr
	walk(path, a, b, &out)
	return out
}

func walk(path string, a, b any, out *[]Attr) {
	switch av := a.(type) {
	case map[string]any:
		bv, ok := b.(map[string]any)
		if !ok {
			break
		}
		keys := map[string]bool{}
		for k := range av {
			keys[k] = true
		}
		for k := range bv {
			keys[k] = true
		}
		for _, k := range slices.Sorted(maps.Keys(keys)) {
			x, inA := av[k]
			y, inB := bv[k]
			switch {
			case !inA:
				*out = append(*out, Attr{Path: join(path, k), Old: absent, New: y})
			case !inB:
				*out = append(*out, Attr{Path: join(path, k), Old: x, New: absent})
			default:
				walk(join(path, k), x, y, out)
			}
		}
		return
	case []any:
		bv, ok := b.([]any)
		if !ok {
			break
		}
		if scalars(av) && scalars(bv) {
			if reflect.DeepEqual(av, bv) {
				return
			}
			removed, added := multisetDiff(av, bv)
			if len(removed)+len(added) == 0 { // same elements, another order
				*out = append(*out, Attr{Path: path, Old: a, New: b})
				return
			}
			*out = append(*out, Attr{Path: path, Removed: removed, Added: added})
			return
		}
		for i := 0; i < len(av) || i < len(bv); i++ {
			p := path + "[" + strconv.Itoa(i) + "]"
			switch {
			case i >= len(av):
				*out = append(*out, Attr{Path: p, Old: absent, New: bv[i]})
			case i >= len(bv):
				*out = append(*out, Attr{Path: p, Old: av[i], New: absent})
			default:
				walk(p, av[i], bv[i], out)
			}
		}
		return
	case string:
		bv, ok := b.(string)
		if !ok || av == bv {
			break
		}
		// A policy or other JSON document held in a string: show what in it
		// changed rather than two long strings.
		if x, ok := jsonDocument(av); ok {
			if y, ok := jsonDocument(bv); ok {
				walk(path+":", x, y, out)
				return
			}
		}
	}
	if !reflect.DeepEqual(a, b) {
		*out = append(*out, Attr{Path: path, Old: a, New: b})
	}
}

func join(path, key string) string {
	if path == "" || strings.HasSuffix(path, ":") {
		return path + key
	}
	return path + "." + key
}

func scalars(list []any) bool {
	for _, v := range list {
		switch v.(type) {
		case map[string]any, []any:
			return false
		}
	}
	return true
}

// multisetDiff returns the elements of a missing from b and of b missing from a.
func multisetDiff(a, b []any) (removed, added []any) {
	return missingFrom(a, b), missingFrom(b, a)
}

// missingFrom returns the elements of a that b lacks, counting repeats.
func missingFrom(a, b []any) []any {
	key := func(v any) string { k, _ := json.Marshal(v); return string(k) }
	count := map[string]int{}
	for _, v := range b {
		count[key(v)]++
	}
	var out []any
	for _, v := range a {
		if k := key(v); count[k] > 0 {
			count[k]--
		} else {
			out = append(out, v)
		}
	}
	return out
}

// jsonDocument parses s when it holds a JSON object or array.
func jsonDocument(s string) (any, bool) {
	t := strings.TrimSpace(s)
	if !(strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}")) && !(strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]")) {
		return nil, false
	}
	dec := json.NewDecoder(strings.NewReader(t))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil || dec.More() {
		return nil, false
	}
	return v, true
}
