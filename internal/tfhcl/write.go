// Package tfhcl writes Terraform JSON configuration, as cdktf synthesizes
// it, as native Terraform language (HCL) that plans the same: the way out
// of CDKTF (archived in December 2025) into plain Terraform or OpenTofu.
//
// cdktf 0.20 renders HCL itself (`cdktf synth --hcl`), but breaks on
// configurations such as this project's: JSON policy documents holding
// references, strings holding "${", lifecycle conditions. This writer works
// from the JSON alone plus a table of which keys are nested blocks (JSON
// syntax cannot tell a block from an object-valued argument; native syntax
// must), generated from the providers' schemas (blocks.json, see schema.go).
//
// Strings in Terraform JSON are templates, and so are quoted strings in
// native syntax; a template is carried over as it is, with native escapes
// for its literal text only. A template that is a single interpolation
// becomes the bare expression; a multi-line one, a heredoc.
package tfhcl

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
)

// Write renders a Terraform JSON configuration as native syntax.
func Write(config []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(config))
	dec.UseNumber()
	var root map[string]any
	if err := dec.Decode(&root); err != nil {
		return nil, fmt.Errorf("tfhcl: %w", err)
	}
	w := &writer{schema: embedded()}
	for k := range root {
		if !slices.Contains(topLevel, k) && k != "//" {
			return nil, fmt.Errorf("tfhcl: top-level %q is not supported", k)
		}
	}
	for _, k := range topLevel {
		v, ok := root[k]
		if !ok {
			continue
		}
		if err := w.top(k, v); err != nil {
			return nil, err
		}
	}
	return []byte(strings.TrimLeft(w.b.String(), "\n")), nil
}

// topLevel is the order blocks are written in.
var topLevel = []string{"terraform", "provider", "variable", "locals", "data", "resource", "output", "moved", "import"}

type writer struct {
	b      strings.Builder
	schema *Schema
	depth  int
	err    error // the first error; writing goes on so the code stays linear
}

func (w *writer) fail(format string, args ...any) {
	if w.err == nil {
		w.err = fmt.Errorf("tfhcl: "+format, args...)
	}
}

func (w *writer) line(format string, args ...any) {
	w.b.WriteString(strings.Repeat("  ", w.depth))
	fmt.Fprintf(&w.b, format, args...)
	w.b.WriteByte('\n')
}

func (w *writer) open(header string) { w.line("%s {", header); w.depth++ }
func (w *writer) close()             { w.depth--; w.line("}") }

// block writes a whole block: header, then m as its body.
func (w *writer) block(header string, m map[string]any, blocks blockSet, prefix string, mt meta) {
	w.open(header)
	w.body(m, blocks, prefix, mt)
	w.close()
}

// topBlock writes a top-level block, after a blank line.
func (w *writer) topBlock(header string, m map[string]any, blocks blockSet, mt meta) {
	w.b.WriteByte('\n')
	w.block(header, m, blocks, "", mt)
}

func (w *writer) top(kind string, v any) error {
	switch kind {
	case "terraform":
		w.b.WriteByte('\n')
		w.open("terraform")
		w.terraformBlock(asMap(v))
		w.close()
	case "provider":
		for _, name := range sortedKeys(asMap(v)) {
			for _, cfg := range asList(asMap(v)[name]) {
				w.topBlock("provider "+quote(name), asMap(cfg), w.blocks(w.schema.Provider, name, "provider"), providerMeta)
			}
		}
	case "variable":
		for _, name := range sortedKeys(asMap(v)) {
			w.topBlock("variable "+quote(name), asMap(asMap(v)[name]), blockSet{"validation": true}, variableMeta)
		}
	case "locals":
		w.topBlock("locals", asMap(v), nil, nil)
	case "data", "resource":
		table := w.schema.Resource
		if kind == "data" {
			table = w.schema.Data
		}
		for _, typ := range sortedKeys(asMap(v)) {
			blocks := w.blocks(table, typ, kind)
			byName := asMap(asMap(v)[typ])
			for _, name := range sortedKeys(byName) {
				body := asMap(byName[name])
				w.b.WriteByte('\n')
				if p, ok := asMap(asMap(body["//"])["metadata"])["path"].(string); ok {
					w.line("# %s", p)
				}
				w.block(kind+" "+quote(typ)+" "+quote(name), body, blocks, "", resourceMeta)
			}
		}
	case "output":
		for _, name := range sortedKeys(asMap(v)) {
			w.topBlock("output "+quote(name), asMap(asMap(v)[name]), blockSet{"precondition": true}, outputMeta)
		}
	case "moved", "import":
		for _, e := range asList(v) {
			w.topBlock(kind, asMap(e), nil, movedMeta)
		}
	}
	return w.err
}

// terraformBlock writes the terraform block: literal settings, the
// required_providers block and the backend (whose settings cannot be
// expressions).
func (w *writer) terraformBlock(m map[string]any) {
	for _, k := range sortedKeys(m) {
		switch v := m[k]; k {
		case "required_version":
			w.line("required_version = %s", literal(v))
		case "required_providers":
			w.open("required_providers")
			for _, name := range sortedKeys(asMap(v)) {
				w.line("%s = %s", name, w.literalValue(asMap(v)[name]))
			}
			w.close()
		case "backend", "cloud":
			for _, typ := range sortedKeys(asMap(v)) {
				header := k + " " + quote(typ)
				if k == "cloud" {
					header = "cloud"
				}
				w.open(header)
				cfg := asMap(asMap(v)[typ])
				for _, a := range sortedKeys(cfg) {
					w.line("%s = %s", a, w.literalValue(cfg[a]))
				}
				w.close()
			}
		default:
			w.fail("terraform.%s is not supported", k)
		}
	}
}

// meta writes a block's meta-arguments (and other keys that are not plain
// template-valued arguments), by key; nil for none.
type meta map[string]func(w *writer, k string, v any)

func bare(w *writer, k string, v any)       { w.line("%s = %s", k, traversal(v)) }
func bareList(w *writer, k string, v any)   { w.line("%s = %s", k, w.traversals(v)) }
func literalArg(w *writer, k string, v any) { w.line("%s = %s", k, w.literalValue(v)) }
func lifecycleBlock(w *writer, _ string, v any) {
	w.open("lifecycle")
	w.lifecycle(asMap(v))
	w.close()
}

// provisionerBlocks writes JSON's [{"local-exec": {…}}] as HCL's
// provisioner "local-exec" { … }, in the order given (Terraform runs them so).
func provisionerBlocks(w *writer, _ string, v any) {
	for _, p := range asList(v) {
		for _, typ := range sortedKeys(asMap(p)) {
			w.block(fmt.Sprintf("provisioner %q", typ), asMap(asMap(p)[typ]), nil, "", nil)
		}
	}
}

var (
	resourceMeta = meta{"depends_on": bareList, "provider": bare, "lifecycle": lifecycleBlock, "provisioner": provisionerBlocks}
	providerMeta = meta{"alias": literalArg}
	variableMeta = meta{"type": bare, "default": literalArg, "description": literalArg,
		"sensitive": literalArg, "nullable": literalArg}
	outputMeta = meta{"depends_on": bareList, "description": literalArg, "sensitive": literalArg}
	movedMeta  = meta{"from": bare, "to": bare, "provider": bare}
)

// blockSet holds the nested-block paths of one block type ("a", "a.b").
type blockSet map[string]bool

// body writes a block's content: meta-arguments that lead (count,
// for_each, provider, depends_on), arguments, nested blocks, then lifecycle.
func (w *writer) body(m map[string]any, blocks blockSet, prefix string, mt meta) {
	keys := sortedKeys(m)
	order := func(k string) int {
		switch {
		case k == "count" || k == "for_each" || k == "provider" || k == "depends_on":
			return 0
		case k == "lifecycle":
			return 3
		case blocks[prefix+k]:
			return 2
		}
		return 1
	}
	sort.SliceStable(keys, func(i, j int) bool { return order(keys[i]) < order(keys[j]) })
	for _, k := range keys {
		v := m[k]
		switch {
		case k == "//":
		case mt[k] != nil:
			mt[k](w, k, v)
		case blocks[prefix+k]:
			items := []any{v}
			if l, ok := v.([]any); ok {
				items = l
			}
			for _, it := range items {
				w.block(k, asMap(it), blocks, prefix+k+".", nil)
			}
		default:
			w.line("%s = %s", k, w.expr(v))
		}
	}
}

func (w *writer) lifecycle(m map[string]any) {
	for _, k := range sortedKeys(m) {
		switch v := m[k]; k {
		case "ignore_changes":
			if s, ok := v.(string); ok { // "all"
				w.line("ignore_changes = %s", traversal(s))
				continue
			}
			w.line("ignore_changes = %s", w.traversals(v))
		case "replace_triggered_by":
			w.line("replace_triggered_by = %s", w.traversals(v))
		case "create_before_destroy", "prevent_destroy":
			w.line("%s = %s", k, w.expr(v))
		case "precondition", "postcondition":
			for _, c := range asList(v) {
				w.block(k, asMap(c), nil, "", nil)
			}
		default:
			w.fail("lifecycle.%s is not supported", k)
		}
	}
}

// blocks returns the block paths of one type. A type the table lacks is an
// error: guessing would turn a block into an argument.
func (w *writer) blocks(table map[string][]string, typ, kind string) blockSet {
	paths, ok := table[typ]
	if !ok {
		w.fail("%s type %q is not in the block table (internal/tfhcl/blocks.json); "+
			"regenerate it: go test ./internal/tfhcl -run TestBlockTable -update", kind, typ)
	}
	set := blockSet{}
	for _, p := range paths {
		set[p] = true
	}
	return set
}

// expr renders a JSON value as a native expression.
func (w *writer) expr(v any) string {
	switch t := v.(type) {
	case nil:
		return "null"
	case bool:
		return fmt.Sprint(t)
	case json.Number:
		return t.String()
	case string:
		return w.template(t)
	case []any:
		if len(t) == 0 {
			return "[]"
		}
		parts := make([]string, len(t))
		short := true
		for i, e := range t {
			parts[i] = w.nested(e)
			if strings.Contains(parts[i], "\n") || len(parts[i]) > 60 {
				short = false
			}
		}
		if short && len(t) <= 4 {
			return "[" + strings.Join(parts, ", ") + "]"
		}
		return w.multiline("[", "]", parts, ",")
	case map[string]any:
		if len(t) == 0 {
			return "{}"
		}
		var parts []string
		for _, k := range sortedKeys(t) {
			parts = append(parts, w.key(k)+" = "+w.nested(t[k]))
		}
		return w.multiline("{", "}", parts, "")
	}
	w.fail("unexpected JSON value %T", v)
	return "null"
}

// nested renders an expression one level deeper (for multi-line values).
func (w *writer) nested(v any) string {
	w.depth++
	defer func() { w.depth-- }()
	return w.expr(v)
}

func (w *writer) multiline(open, end string, parts []string, sep string) string {
	ind := strings.Repeat("  ", w.depth+1)
	var b strings.Builder
	b.WriteString(open + "\n")
	for _, p := range parts {
		b.WriteString(ind + p + sep + "\n")
	}
	b.WriteString(strings.Repeat("  ", w.depth) + end)
	return b.String()
}

// key renders an object key: always quoted, since a bare one would be read
// as a literal name, not as the template it is in JSON.
func (w *writer) key(k string) string {
	segs, err := splitTemplate(k)
	if err != nil {
		w.fail("%v", err)
		return quote(k)
	}
	return quoted(segs)
}

// template renders template source: bare when it is one interpolation, a
// heredoc when it is a multi-line text, a quoted template otherwise.
func (w *writer) template(s string) string {
	segs, err := splitTemplate(s)
	if err != nil {
		w.fail("%v", err)
		return quote(s)
	}
	if e, ok := bareExpression(segs); ok {
		return e
	}
	if h, ok := heredoc(s, segs); ok {
		return h
	}
	return quoted(segs)
}

// literalValue renders a value where Terraform evaluates no template
// (backend settings, variable defaults): "${" and "%{" are escaped.
func (w *writer) literalValue(v any) string {
	switch t := v.(type) {
	case string:
		return literal(t)
	case []any:
		parts := make([]string, len(t))
		for i, e := range t {
			parts[i] = w.literalValue(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		var parts []string
		for _, k := range sortedKeys(t) {
			parts = append(parts, k+" = "+w.literalValue(t[k]))
		}
		return "{ " + strings.Join(parts, ", ") + " }"
	}
	return w.expr(v)
}

func literal(v any) string {
	s, _ := v.(string)
	s = strings.ReplaceAll(strings.ReplaceAll(s, "${", "$${"), "%{", "%%{")
	return quoted([]segment{{text: s}})
}

// traversal renders a reference written as a string ("aws_vpc.main" or
// "${aws_vpc.main}") bare.
func traversal(v any) string {
	s, _ := v.(string)
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "${") && strings.HasSuffix(s, "}") {
		s = strings.TrimSpace(s[2 : len(s)-1])
	}
	return s
}

func (w *writer) traversals(v any) string {
	var parts []string
	for _, e := range asList(v) {
		parts = append(parts, traversal(e))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func quote(s string) string { return quoted([]segment{{text: s}}) }

func asMap(v any) map[string]any { m, _ := v.(map[string]any); return m }

func asList(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	if v == nil {
		return nil
	}
	return []any{v}
}

func sortedKeys(m map[string]any) []string { return slices.Sorted(maps.Keys(m)) }
