package review

import (
	"bytes"
	"encoding/json"
)

// Canonical re-encodes synthesized JSON with sorted keys and two-space
// indentation, so a golden file depends on content only (not on the order
// in which cdktf wrote keys).
func Canonical(data []byte) ([]byte, error) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
