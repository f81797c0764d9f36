package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/platform-team/webstack/field"
)

// MaxFileSize bounds an environment file: a real one is a few hundred bytes.
const MaxFileSize = 1 << 20

// text explains, in plain words, a file that is not UTF-8 JSON text (a
// byte-order mark, UTF-16 or UTF-32, invalid UTF-8, or too large), and
// returns what can still be read of it, so the file's other problems are
// reported with the encoding's: the text without a UTF-8 mark, UTF-16 turned
// into UTF-8, invalid bytes left for the decoder to replace with U+FFFD.
// readable is false when nothing can be read (UTF-32 or bare UTF-16, too
// large).
func text(data []byte) (out []byte, msg string, readable bool) {
	switch {
	case len(data) > MaxFileSize:
		return nil, fmt.Sprintf("is %d bytes; an environment file holds at most %d (1 MiB)", len(data), MaxFileSize), false
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return data[3:], `starts with a UTF-8 byte-order mark (the editor saved it as "UTF-8 with BOM"); ` +
			`save it as plain UTF-8, without the mark`, true
	case (bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF})) && len(data)%2 == 0 &&
		!bytes.HasPrefix(data, []byte{0xFF, 0xFE, 0, 0}):
		units := make([]uint16, len(data)/2-1)
		for i := range units {
			lo, hi := data[2+2*i], data[3+2*i]
			if data[0] == 0xFE { // big-endian
				lo, hi = hi, lo
			}
			units[i] = uint16(hi)<<8 | uint16(lo)
		}
		return []byte(string(utf16.Decode(units))), "is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8", true
	case bytes.IndexByte(data, 0) >= 0:
		return nil, "holds NUL bytes, as UTF-16 or UTF-32 text does; save it as UTF-8", false
	case !utf8.Valid(data):
		off := 0
		for off < len(data) {
			r, size := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		line, col := position(data, int64(off)+1)
		return data, fmt.Sprintf("is not valid UTF-8 at line %d, column %d (byte 0x%02X); save it as UTF-8 "+
			"(an editor set to Latin-1 or Windows-1252 writes such bytes for accented letters)", line, col, data[off]), true
	}
	return data, "", true
}

// decodeTree decodes one JSON value with every number as json.Number and
// reports every object key that appears twice (encoding/json would keep the
// last one silently). Duplicates are problems; the tree keeps the first.
func decodeTree(data []byte) (any, Problems, error) {
	d := &treeDecoder{dec: json.NewDecoder(bytes.NewReader(data)), data: data}
	d.dec.UseNumber()
	v, err := d.value(field.Path{})
	if err != nil {
		return nil, nil, err
	}
	if _, err := d.dec.Token(); err != io.EOF {
		return nil, nil, errors.New("unexpected content after the JSON object")
	}
	return v, d.problems, nil
}

type treeDecoder struct {
	dec      *json.Decoder
	data     []byte
	problems Problems
}

func (d *treeDecoder) value(path field.Path) (any, error) {
	tok, err := d.dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('{'):
		obj := map[string]any{}
		first := map[string]int64{}
		for d.dec.More() {
			t, err := d.dec.Token()
			if err != nil {
				return nil, err
			}
			key := t.(string) // object keys are always strings
			at := d.dec.InputOffset()
			v, err := d.value(path.Child(key))
			if err != nil {
				return nil, err
			}
			if prev, dup := first[key]; dup {
				line, _ := position(d.data, prev)
				here, _ := position(d.data, at)
				d.problems = append(d.problems, Problem{Field: path.Child(key), Kind: KindDuplicateKey,
					Msg: fmt.Sprintf("appears twice in one object (lines %d and %d); JSON readers silently keep one "+
						"of the two, so remove the other", line, here)})
				continue
			}
			first[key] = at
			obj[key] = v
		}
		_, err := d.dec.Token() // '}'
		return obj, err
	case json.Delim('['):
		list := []any{}
		for i := 0; d.dec.More(); i++ {
			v, err := d.value(path.Index(i))
			if err != nil {
				return nil, err
			}
			list = append(list, v)
		}
		_, err := d.dec.Token() // ']'
		return list, err
	}
	return tok, nil
}
