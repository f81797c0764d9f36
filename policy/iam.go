package policy

import (
	"encoding/json"
	"fmt"
)

// Statement is an IAM policy statement with Action and Resource as lists,
// whichever form the document used.
type Statement struct {
	Effect    string
	Principal any // "*" or a map of principal type to a value or list
	Action    []string
	Resource  []string
	Condition map[string]any
}

// ParsePolicy reads a policy document held in a string attribute.
func ParsePolicy(doc string) ([]Statement, error) {
	var raw struct {
		Statement json.RawMessage
	}
	if err := json.Unmarshal([]byte(doc), &raw); err != nil {
		return nil, fmt.Errorf("not a JSON policy document: %w", err)
	}
	var list []map[string]any
	if err := json.Unmarshal(raw.Statement, &list); err != nil {
		var one map[string]any
		if err := json.Unmarshal(raw.Statement, &one); err != nil {
			return nil, fmt.Errorf("policy Statement is neither an object nor a list")
		}
		list = []map[string]any{one}
	}
	var out []Statement
	for _, m := range list {
		st := Statement{Principal: m["Principal"], Action: stringsOf(m["Action"]), Resource: stringsOf(m["Resource"])}
		st.Effect, _ = m["Effect"].(string)
		st.Condition, _ = m["Condition"].(map[string]any)
		out = append(out, st)
	}
	return out, nil
}

// PrincipalValues lists every principal a statement names ("*" for anyone).
func (s Statement) PrincipalValues() []string {
	if p, ok := s.Principal.(string); ok {
		return []string{p}
	}
	var out []string
	if m, ok := s.Principal.(map[string]any); ok {
		for _, v := range m {
			out = append(out, stringsOf(v)...)
		}
	}
	return out
}

func stringsOf(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, e := range t {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
