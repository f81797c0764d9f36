package review

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxValue is the longest value shown whole; longer ones keep their start
// and end and say how long they were.
const maxValue = 64

// reference is a string that is a single reference: ${aws_lb.x.arn}, shown
// as the address it points to.
var reference = regexp.MustCompile(`^\$\{([A-Za-z0-9_.*\[\]-]+)\}$`)

// render shows a value the way a reviewer reads it: a reference as the
// address it points to, a string quoted, a long value shortened.
func render(v any) string {
	switch x := v.(type) {
	case absentValue:
		return "(none)"
	case knownAfterApply:
		return x.String()
	case nil:
		return "null"
	case string:
		if m := reference.FindStringSubmatch(x); m != nil {
			return m[1]
		}
		return shorten(strconv.Quote(x), utf8.RuneCountInString(x))
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	}
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return shorten(string(data), utf8.RuneCountInString(string(data)))
}

// shorten cuts s to about maxValue characters; n is the length reported.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= maxValue {
		return s
	}
	return squeeze(s) + fmt.Sprintf(" (%d chars)", n)
}

// squeeze keeps the start and the end of s, about maxValue characters.
func squeeze(s string) string {
	runes := []rune(s)
	if len(runes) <= maxValue {
		return s
	}
	return string(runes[:maxValue-16]) + "…" + string(runes[len(runes)-12:])
}

// renderAttr shows one changed attribute on one line.
func renderAttr(a Attr) string {
	if a.Removed != nil || a.Added != nil {
		var parts []string
		for _, v := range a.Removed {
			parts = append(parts, "- "+render(v))
		}
		for _, v := range a.Added {
			parts = append(parts, "+ "+render(v))
		}
		return a.Path + ": " + strings.Join(parts, ", ")
	}
	if old, ok := a.Old.(string); ok {
		if nw, ok := a.New.(string); ok && (len(old) > maxValue || len(nw) > maxValue) &&
			!reference.MatchString(old) && !reference.MatchString(nw) {
			o, n := around(old, nw)
			return a.Path + ": " + o + " → " + n
		}
	}
	return a.Path + ": " + render(a.Old) + " → " + render(a.New)
}

// around shows two long strings by where they differ: the differing part
// with a little context, and the length of each.
func around(a, b string) (string, string) {
	x, y := []rune(a), []rune(b)
	p := 0
	for p < len(x) && p < len(y) && x[p] == y[p] {
		p++
	}
	s := 0
	for s < len(x)-p && s < len(y)-p && x[len(x)-1-s] == y[len(y)-1-s] {
		s++
	}
	const context = 16
	cut := func(r []rune) string {
		from, to := max(0, p-context), min(len(r), len(r)-s+context)
		out := strconv.Quote(string(r[from:to]))
		if from > 0 {
			out = "…" + out
		}
		if to < len(r) {
			out += "…"
		}
		return squeeze(out) + fmt.Sprintf(" (%d chars)", len(r))
	}
	return cut(x), cut(y)
}
