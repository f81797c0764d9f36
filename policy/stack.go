package policy

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Stack is a synthesized stack (cdk.tf.json) as plain data: what the rules
// and the tests read. It knows nothing of cdktf or jsii.
type Stack struct {
	Name string
	// Intent is what the environment declares about itself, which its
	// resources cannot say: rules read it instead of guessing from names.
	Intent    Intent
	Resources []Resource // resources and data sources, sorted by address
	Providers map[string][]Attrs
	Outputs   map[string]Attrs
	Terraform Attrs
}

// Intent is what an environment declares about itself.
type Intent struct {
	// Exposure is the load balancer scheme the environment chose:
	// "internet-facing" or "internal". Empty means nothing was declared, and
	// no load balancer may then be internet-facing.
	Exposure string `json:"exposure"`
	// Production says the environment serves real users.
	Production bool `json:"production"`
}

// Resource is one resource or data source block.
type Resource struct {
	Type  string // e.g. aws_lb
	Name  string // the logical name Terraform addresses it by
	Path  string // the construct path below the stack, e.g. webtier/alb
	Data  bool   // a data source
	Attrs Attrs
}

// Address is the Terraform address: aws_lb.webtier_alb_1234ABCD.
func (r Resource) Address() string {
	if r.Data {
		return "data." + r.Type + "." + r.Name
	}
	return r.Type + "." + r.Name
}

// Ref is the interpolation another block uses to read attr of r.
func (r Resource) Ref(attr string) string { return "${" + r.Address() + "." + attr + "}" }

// ParseStack reads a synthesized stack.
func ParseStack(data []byte) (*Stack, error) {
	var raw struct {
		Meta struct {
			Metadata struct {
				StackName string `json:"stackName"`
			} `json:"metadata"`
		} `json:"//"`
		Resource  map[string]map[string]Attrs `json:"resource"`
		Data      map[string]map[string]Attrs `json:"data"`
		Provider  map[string][]Attrs          `json:"provider"`
		Output    map[string]Attrs            `json:"output"`
		Terraform Attrs                       `json:"terraform"`
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("not a synthesized stack: %w", err)
	}
	s := &Stack{Name: raw.Meta.Metadata.StackName, Providers: raw.Provider, Outputs: raw.Output, Terraform: raw.Terraform}
	add := func(blocks map[string]map[string]Attrs, data bool) {
		for typ, byName := range blocks {
			for name, attrs := range byName {
				path := attrs.Str("//.metadata.path")
				path = strings.TrimPrefix(path, s.Name+"/")
				s.Resources = append(s.Resources, Resource{Type: typ, Name: name, Path: path, Data: data, Attrs: attrs})
			}
		}
	}
	add(raw.Resource, false)
	add(raw.Data, true)
	sort.Slice(s.Resources, func(i, j int) bool { return s.Resources[i].Address() < s.Resources[j].Address() })
	return s, nil
}

// OfType returns the resources (not data sources) of type typ.
func (s *Stack) OfType(typ string) []Resource {
	var out []Resource
	for _, r := range s.Resources {
		if r.Type == typ && !r.Data {
			out = append(out, r)
		}
	}
	return out
}

// ByPath returns the block whose construct path below the stack is path.
func (s *Stack) ByPath(path string) (Resource, bool) {
	for _, r := range s.Resources {
		if r.Path == path {
			return r, true
		}
	}
	return Resource{}, false
}

// Referencing returns the resources of type typ whose attribute attr
// (a dotted path) mentions target, e.g. the aws_flow_log whose vpc_id is
// ${aws_vpc.x.id}.
func (s *Stack) Referencing(typ, attr string, target Resource) []Resource {
	var out []Resource
	for _, r := range s.OfType(typ) {
		if strings.Contains(fmt.Sprint(r.Attrs.Get(attr)), "${"+target.Address()+".") {
			out = append(out, r)
		}
	}
	return out
}

// Resolve returns the resource an interpolation such as
// "${aws_security_group.x.id}" points at.
func (s *Stack) Resolve(ref string) (Resource, bool) {
	ref = strings.TrimSuffix(strings.TrimPrefix(ref, "${"), "}")
	for _, r := range s.Resources {
		if strings.HasPrefix(ref, r.Address()+".") {
			return r, true
		}
	}
	return Resource{}, false
}

// DefaultTags returns the tags the AWS provider puts on every resource.
func (s *Stack) DefaultTags() map[string]string {
	tags := map[string]string{}
	for _, p := range s.Providers["aws"] {
		for k, v := range p.Block("default_tags").Map("tags") {
			tags[k] = fmt.Sprint(v)
		}
	}
	return tags
}
