package tfhcl

import (
	"fmt"
	"strings"
)

// segment is a piece of a template: literal text (kept in template source
// form, so "$${" stays an escape) or a whole "${…}" / "%{…}" sequence.
type segment struct {
	text     string
	sequence bool
}

// splitTemplate cuts template source into literal runs and sequences. A
// sequence ends at the brace that closes it, skipping braces inside nested
// quoted strings (which may hold templates of their own) and brackets.
func splitTemplate(s string) ([]segment, error) {
	var out []segment
	lit := strings.Builder{}
	flush := func() {
		if lit.Len() > 0 {
			out = append(out, segment{text: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], "$${"), strings.HasPrefix(s[i:], "%%{"):
			lit.WriteString(s[i : i+3])
			i += 3
		case strings.HasPrefix(s[i:], "${"), strings.HasPrefix(s[i:], "%{"):
			end, err := sequenceEnd(s, i+2)
			if err != nil {
				return nil, err
			}
			flush()
			out = append(out, segment{text: s[i:end], sequence: true})
			i = end
		default:
			lit.WriteByte(s[i])
			i++
		}
	}
	flush()
	return out, nil
}

// sequenceEnd returns the index just past the "}" closing a sequence whose
// expression starts at i.
func sequenceEnd(s string, i int) (int, error) {
	depth := 0
	for i < len(s) {
		switch c := s[i]; c {
		case '{', '(', '[':
			depth++
		case ')', ']':
			depth--
		case '}':
			if depth == 0 {
				return i + 1, nil
			}
			depth--
		case '"':
			end, err := quotedEnd(s, i+1)
			if err != nil {
				return 0, err
			}
			i = end
			continue
		}
		i++
	}
	return 0, fmt.Errorf("unterminated template sequence in %q", s)
}

// quotedEnd returns the index just past the '"' closing a quoted template
// whose content starts at i (inside an expression).
func quotedEnd(s string, i int) (int, error) {
	for i < len(s) {
		switch {
		case s[i] == '\\':
			i += 2
		case s[i] == '"':
			return i + 1, nil
		case strings.HasPrefix(s[i:], "$${"), strings.HasPrefix(s[i:], "%%{"):
			i += 3
		case strings.HasPrefix(s[i:], "${"), strings.HasPrefix(s[i:], "%{"):
			end, err := sequenceEnd(s, i+2)
			if err != nil {
				return 0, err
			}
			i = end
		default:
			i++
		}
	}
	return 0, fmt.Errorf("unterminated string inside a template expression in %q", s)
}

// bareExpression returns expr when s is exactly one interpolation "${expr}":
// such a template yields expr's value unconverted, as the bare expression does.
func bareExpression(segs []segment) (string, bool) {
	if len(segs) != 1 || !segs[0].sequence || !strings.HasPrefix(segs[0].text, "${") {
		return "", false
	}
	inner := segs[0].text[2 : len(segs[0].text)-1]
	if strings.HasPrefix(inner, "~") || strings.HasSuffix(inner, "~") {
		return "", false
	}
	return strings.TrimSpace(inner), true
}

// quoted renders template source as a native quoted template: literal runs
// get native escapes, sequences are copied as they are (their quotes belong
// to expressions, not to this string).
func quoted(segs []segment) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, sg := range segs {
		if sg.sequence {
			b.WriteString(sg.text)
			continue
		}
		for _, r := range sg.text {
			switch r {
			case '"':
				b.WriteString(`\"`)
			case '\\':
				b.WriteString(`\\`)
			case '\n':
				b.WriteString(`\n`)
			case '\r':
				b.WriteString(`\r`)
			case '\t':
				b.WriteString(`\t`)
			default:
				if r < 0x20 || r == 0x7f {
					fmt.Fprintf(&b, `\u%04x`, r)
				} else {
					b.WriteRune(r)
				}
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// heredoc renders template source ending in a newline as a heredoc, where
// literal text needs no escapes: what multi-line scripts read best as.
func heredoc(s string, segs []segment) (string, bool) {
	if !strings.HasSuffix(s, "\n") || strings.Count(s, "\n") < 2 || strings.ContainsAny(s, "\r") {
		return "", false
	}
	for _, sg := range segs {
		if sg.sequence && strings.Contains(sg.text, "\n") {
			return "", false
		}
	}
	delim := "EOT"
	for n := 0; closesHeredoc(s, delim); n++ {
		delim = fmt.Sprintf("EOT%d", n)
	}
	return "<<" + delim + "\n" + s + delim, true
}

// closesHeredoc says whether a line of s would end a heredoc named delim.
func closesHeredoc(s, delim string) bool {
	for _, line := range strings.Split(s, "\n") {
		if strings.TrimSpace(line) == delim {
			return true
		}
	}
	return false
}
