package config

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/platform-team/webstack/field"
)

// Problem is one thing wrong with an environment file.
type Problem struct {
	File  string     // the file as the user named it, e.g. environments/dev.json
	Field field.Path // the key, e.g. flow_logs.retention_days; the root for the whole file
	Value any        // the offending value; nil when there is none to show
	// Kind says what is wrong (a field.Kind, or one of the file-level kinds
	// below), so tests assert kinds and keys rather than English.
	Kind field.Kind
	Msg  string // what is allowed, and where it helps, what to do
}

// File-level problem kinds: the file as a whole cannot be read.
const (
	KindSyntax   field.Kind = "syntax"   // not JSON
	KindEncoding field.Kind = "encoding" // not UTF-8 without a byte-order mark
	KindUnknown  field.Kind = "unknown key"
	KindType     field.Kind = "wrong type"
	KindFileName field.Kind = "file name"
	// KindDuplicateKey: a key written twice in one object.
	KindDuplicateKey field.Kind = "duplicate key"
	// KindInternal: a construct refused what the stack wired, not the file: a bug.
	KindInternal field.Kind = "internal"
)

func (p Problem) String() string { return p.Error() }

func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.File)
	b.WriteString(": ")
	if !p.Field.IsRoot() {
		b.WriteString(p.Field.String())
		if p.Value != nil {
			b.WriteString(" ")
			b.WriteString(showValue(p.Value))
		}
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// showValue prints a value the way it would appear in the JSON file.
func showValue(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	if len(b) > 80 {
		return string(b[:77]) + "..."
	}
	return string(b)
}

// Problems is every problem found in a set of environment files.
type Problems []Problem

// Dedupe drops a problem that repeats an earlier one (two constructs that
// get the same key, such as allowed_cidrs, report its problems alike).
func (ps Problems) Dedupe() Problems {
	seen := map[string]bool{}
	var out Problems
	for _, p := range ps {
		if id := p.Error(); !seen[id] {
			seen[id] = true
			out = append(out, p)
		}
	}
	return out
}

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}
