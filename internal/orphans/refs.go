package orphans

import (
	"encoding/json"
	"regexp"
	"strings"
)

// Refs are the values a stack's references resolve to before an apply, by
// "type.name.attribute": what the state holds (ids, ARNs, random results)
// and what an adopting deploy is about to import. Attachments are looked up
// through them: a route is found in the route table its route_table_id
// names.
type Refs map[string]string

// StateRefs reads the id, arn and result of every managed resource of a
// state (the state file's JSON).
func StateRefs(state []byte) Refs {
	var st struct {
		Resources []struct {
			Mode, Type, Name string
			Instances        []struct {
				IndexKey   any            `json:"index_key"`
				Attributes map[string]any `json:"attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	refs := Refs{}
	if json.Unmarshal(state, &st) != nil {
		return refs
	}
	for _, r := range st.Resources {
		if r.Mode != "managed" || len(r.Instances) != 1 || r.Instances[0].IndexKey != nil {
			continue // this stack uses no count or for_each
		}
		for _, k := range []string{"id", "arn", "result"} {
			if v, ok := r.Instances[0].Attributes[k].(string); ok && v != "" {
				refs[r.Type+"."+r.Name+"."+k] = v
			}
		}
	}
	return refs
}

// Adopt adds what the orphans matched to a resource resolve to once
// imported: the id the import takes (an ARN for the load balancer's
// types, whose id is their ARN) and the ARN.
func (r Refs) Adopt(found []Orphan) {
	for _, o := range found {
		if o.Address == "" {
			continue
		}
		r[o.Address+".id"] = o.ImportID
		if o.ARN != "" {
			r[o.Address+".arn"] = o.ARN
		}
	}
}

var reference = regexp.MustCompile(`\$\{([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[a-z_]+)\}`)

// Resolve returns v (a configuration value) with its references replaced,
// or "" when it is not a string or any reference is unknown.
func (r Refs) Resolve(v any) string {
	s, ok := v.(string)
	if !ok {
		return ""
	}
	unknown := false
	s = reference.ReplaceAllStringFunc(s, func(tok string) string {
		val, ok := r[reference.FindStringSubmatch(tok)[1]]
		unknown = unknown || !ok
		return val
	})
	if unknown || strings.Contains(s, "${") {
		return ""
	}
	return s
}
