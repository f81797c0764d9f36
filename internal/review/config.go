package review

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Block is one addressable block of a synthesized configuration.
type Block struct {
	// Addr is how Terraform (or, for outputs and providers, the reader)
	// names it: aws_lb.webtier_alb_9C2F4237, data.aws_ami.web,
	// output.app_url, provider.aws, terraform.
	Addr string
	// Type groups blocks in the report: the resource type, "data.<type>",
	// or the kind of block (output, variable, provider, terraform, ...).
	Type string
	// Path is the construct path below the stack (webtier/alb), when cdktf
	// recorded one.
	Path string
	// Resource says Terraform manages it (a resource, not a data source or
	// another kind of block): the kind a rename destroys.
	Resource bool
	Body     any
}

// config is a synthesized configuration, by address.
type config map[string]Block

// parseConfig reads a cdk.tf.json. Numbers keep their written form.
func parseConfig(data []byte) (config, error) {
	var top map[string]any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&top); err != nil {
		return nil, fmt.Errorf("not a synthesized configuration: %w", err)
	}
	c := config{}
	add := func(b Block) {
		b.Path, b.Body = metadataPath(b.Body)
		c[b.Addr] = b
	}
	for kind, v := range top {
		switch kind {
		case "//":
			// cdktf's own bookkeeping (stack name, output map): not configuration.
		case "resource", "data":
			for typ, byName := range asObject(v) {
				for name, body := range asObject(byName) {
					b := Block{Addr: typ + "." + name, Type: typ, Resource: kind == "resource", Body: body}
					if kind == "data" {
						b.Addr, b.Type = "data."+b.Addr, "data."+typ
					}
					add(b)
				}
			}
		case "provider":
			for name, list := range asObject(v) {
				items, _ := list.([]any)
				for _, body := range items {
					addr := "provider." + name
					if alias, ok := asObject(body)["alias"].(string); ok {
						addr += "." + alias
					}
					add(Block{Addr: addr, Type: "provider", Body: body})
				}
			}
		case "terraform":
			add(Block{Addr: "terraform", Type: "terraform", Body: v})
		case "locals":
			for name, body := range asObject(v) {
				add(Block{Addr: "local." + name, Type: "locals", Body: body})
			}
		default: // output, variable, moved, check, ...
			obj, ok := v.(map[string]any)
			if !ok {
				add(Block{Addr: kind, Type: kind, Body: v})
				continue
			}
			for name, body := range obj {
				add(Block{Addr: kind + "." + name, Type: kind, Body: body})
			}
		}
	}
	return c, nil
}

// metadataPath takes cdktf's "//" metadata out of a block body and returns
// the construct path it records, without the stack's own name.
func metadataPath(body any) (string, any) {
	obj, ok := body.(map[string]any)
	if !ok {
		return "", body
	}
	meta, ok := obj["//"]
	if !ok {
		return "", body
	}
	clean := make(map[string]any, len(obj)-1)
	for k, v := range obj {
		if k != "//" {
			clean[k] = v
		}
	}
	path, _ := asObject(asObject(meta)["metadata"])["path"].(string)
	if _, rest, found := strings.Cut(path, "/"); found {
		path = rest
	}
	return path, clean
}

func asObject(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// sortedAddrs returns c's addresses in report order: by type, then address.
func (c config) sortedAddrs() []string {
	addrs := make([]string, 0, len(c))
	for a := range c {
		addrs = append(addrs, a)
	}
	sortBlocks(addrs, func(a string) string { return c[a].Type })
	return addrs
}

func sortBlocks(addrs []string, typeOf func(string) string) {
	sort.Slice(addrs, func(i, j int) bool {
		ti, tj := typeOf(addrs[i]), typeOf(addrs[j])
		if ti != tj {
			return ti < tj
		}
		return addrs[i] < addrs[j]
	})
}
