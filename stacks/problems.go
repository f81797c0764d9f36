package stacks

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Problem is one thing wrong with an environment file.
type Problem struct {
	File  string // the file as the user named it, e.g. environments/dev.json
	Field string // dotted key path, e.g. flow_logs.retention_days; empty for the whole file
	Value any    // the offending value; nil when there is none to show
	Msg   string // what is allowed, and where it helps, what to do
}

func (p Problem) String() string { return p.Error() }

func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.File)
	b.WriteString(": ")
	if p.Field != "" {
		b.WriteString(p.Field)
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

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}
