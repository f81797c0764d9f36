package review

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
)

// A construct id that changes gives its resources new addresses (cdktf
// derives them from the construct path), and every reference to them
// changes with them. findRenames pairs a removed block with an added one of
// the same type when their contents match once the references that moved
// are followed. It repeats, so that a matched subnet lets the route-table
// associations that refer to it be told apart.
func findRenames(base, head config, removed, added []string) []Rename {
	moved := map[string]string{}
	for {
		var loose []string // addresses not yet matched, on either side
		for _, a := range removed {
			if _, ok := moved[a]; !ok {
				loose = append(loose, a)
			}
		}
		matched := map[string]bool{}
		for _, to := range moved {
			matched[to] = true
		}
		for _, a := range added {
			if !matched[a] {
				loose = append(loose, a)
			}
		}
		baseSide := newRewriter(moved, loose)
		headSide := newRewriter(nil, loose)
		type side struct{ removed, added []string }
		byContent := map[string]*side{}
		var keys []string
		key := func(b Block, rw *rewriter) string {
			k, _ := json.Marshal(rw.value(b.Body))
			return b.Type + "\x00" + string(k)
		}
		for _, a := range removed {
			if _, ok := moved[a]; ok || !base[a].Resource && !strings.HasPrefix(base[a].Addr, "data.") {
				continue
			}
			k := key(base[a], baseSide)
			if byContent[k] == nil {
				byContent[k] = &side{}
				keys = append(keys, k)
			}
			byContent[k].removed = append(byContent[k].removed, a)
		}
		for _, a := range added {
			if matched[a] || !head[a].Resource && !strings.HasPrefix(head[a].Addr, "data.") {
				continue
			}
			k := key(head[a], headSide)
			if s := byContent[k]; s != nil {
				s.added = append(s.added, a)
			}
		}
		sort.Strings(keys)
		progress := false
		for _, k := range keys {
			s := byContent[k]
			for from, to := range pairByPath(s.removed, s.added, base, head) {
				moved[from] = to
				progress = true
			}
		}
		if !progress {
			break
		}
	}
	var out []Rename
	for from, to := range moved {
		out = append(out, Rename{From: base[from], To: head[to]})
	}
	return out
}

// pairByPath pairs blocks of identical content: one of each is a match;
// several are matched by the construct path they share the most trailing
// segments of (webtier/alb and web/alb share "alb"), and only where that
// best match is unambiguous.
func pairByPath(removed, added []string, base, head config) map[string]string {
	pairs := map[string]string{}
	if len(removed) == 1 && len(added) == 1 {
		pairs[removed[0]] = added[0]
		return pairs
	}
	taken := map[string]bool{}
	for _, r := range removed {
		best, bestScore, tie := "", 0, false
		for _, a := range added {
			if taken[a] {
				continue
			}
			switch s := sharedTail(base[r].Path, head[a].Path); {
			case s > bestScore:
				best, bestScore, tie = a, s, false
			case s == bestScore && s > 0:
				tie = true
			}
		}
		if best != "" && !tie {
			pairs[r] = best
			taken[best] = true
		}
	}
	return pairs
}

func sharedTail(a, b string) int {
	x, y := strings.Split(a, "/"), strings.Split(b, "/")
	n := 0
	for n < len(x) && n < len(y) && x[len(x)-1-n] == y[len(y)-1-n] {
		n++
	}
	return n
}

// rewriter rewrites the references in a configuration's strings: moved
// addresses to their new ones, and loose ones (not matched yet) to their
// type alone, so that contents can be compared without them.
type rewriter struct {
	replace map[string]string
}

func newRewriter(moved map[string]string, loose []string) *rewriter {
	rw := &rewriter{replace: map[string]string{}}
	for from, to := range moved {
		rw.replace[from] = to
	}
	for _, a := range loose {
		i := strings.LastIndex(a, ".")
		rw.replace[a] = a[:i] + ".*"
	}
	return rw
}

func (rw *rewriter) value(v any) any {
	if len(rw.replace) == 0 {
		return v
	}
	switch x := v.(type) {
	case string:
		return nameRun.ReplaceAllStringFunc(x, rw.token)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = rw.value(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = rw.value(e)
		}
		return out
	}
	return v
}

// nameRun is a run of characters an address and its attribute path are
// made of: aws_lb.webtier_alb_9C2F4237.arn.
var nameRun = regexp.MustCompile(`[A-Za-z0-9_.-]+`)

// token rewrites the longest address a run starts with, up to a dot.
func (rw *rewriter) token(run string) string {
	for end := len(run); end > 0; end = strings.LastIndex(run[:end], ".") {
		if to, ok := rw.replace[run[:end]]; ok {
			return to + run[end:]
		}
	}
	return run
}
