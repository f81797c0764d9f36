package tfhcl

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
)

// Schema says, per provider, resource type and data source type, which keys
// are nested blocks, as dotted paths ("metadata_options",
// "block_device_mappings.ebs"). Every other key is an argument.
type Schema struct {
	Provider map[string][]string `json:"provider"`
	Resource map[string][]string `json:"resource"`
	Data     map[string][]string `json:"data"`
}

//go:embed blocks.json
var blocksJSON []byte

func embedded() *Schema {
	var s Schema
	if err := json.Unmarshal(blocksJSON, &s); err != nil {
		panic("tfhcl: blocks.json: " + err.Error()) // embedded at build time: a broken file is a bug
	}
	return &s
}

// Embedded returns the block table this package was built with.
func Embedded() *Schema { return embedded() }

// ProviderSchemas is the part of `terraform providers schema -json` the
// table is made from.
type ProviderSchemas struct {
	ProviderSchemas map[string]struct {
		Provider          schemaEntry            `json:"provider"`
		ResourceSchemas   map[string]schemaEntry `json:"resource_schemas"`
		DataSourceSchemas map[string]schemaEntry `json:"data_source_schemas"`
	} `json:"provider_schemas"`
}

type schemaEntry struct {
	Block schemaBlock `json:"block"`
}

type schemaBlock struct {
	BlockTypes map[string]struct {
		Block schemaBlock `json:"block"`
	} `json:"block_types"`
}

func (b schemaBlock) paths(prefix string) []string {
	var out []string
	for name, nested := range b.BlockTypes {
		out = append(out, prefix+name)
		out = append(out, nested.Block.paths(prefix+name+".")...)
	}
	sort.Strings(out)
	return out
}

// TableFor builds the block table for the given providers (local name →
// registry address, e.g. "registry.terraform.io/hashicorp/aws") and
// resource and data source types, from the providers' schemas.
func TableFor(ps *ProviderSchemas, providers map[string]string, resources, data []string) (*Schema, error) {
	s := &Schema{Provider: map[string][]string{}, Resource: map[string][]string{}, Data: map[string][]string{}}
	for name, addr := range providers {
		p, ok := ps.ProviderSchemas[addr]
		if !ok {
			return nil, fmt.Errorf("no schema for provider %s", addr)
		}
		s.Provider[name] = nonNil(p.Provider.Block.paths(""))
	}
	find := func(typ string, data bool) ([]string, error) {
		for _, p := range ps.ProviderSchemas {
			table := p.ResourceSchemas
			if data {
				table = p.DataSourceSchemas
			}
			if e, ok := table[typ]; ok {
				return nonNil(e.Block.paths("")), nil
			}
		}
		return nil, fmt.Errorf("no provider schema has %q", typ)
	}
	for _, t := range resources {
		paths, err := find(t, false)
		if err != nil {
			return nil, err
		}
		s.Resource[t] = paths
	}
	for _, t := range data {
		paths, err := find(t, true)
		if err != nil {
			return nil, err
		}
		s.Data[t] = paths
	}
	return s, nil
}

func nonNil(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}
