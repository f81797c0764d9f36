// Package naming builds AWS resource names of the form
// <project>-<environment>-<component>-<suffix>.
//
// The suffix is the stack's random_string: it is what keeps copies of a stack
// from colliding, so it is never shortened. When a name would exceed the limit
// of its resource kind, the project and environment parts are shortened
// (longest first) until it fits; the component is kept whole because it is
// what tells a reader which resource the name belongs to. Names are built at
// synth time; the suffix is usually a Terraform token whose length is known.
//
// Package naming/random makes a stack's Namer with a random_string suffix
// (the stack needs the random provider); New takes any suffix. Hierarchical names (log
// groups) start with "/" and the Namer's path, set with WithPath.
package naming

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Namer builds names for one stack. Build it with New.
type Namer struct {
	project     string
	environment string
	suffix      string
	suffixLen   int
	path        string // of hierarchical names; see WithPath
}

// New returns a Namer. suffix is appended verbatim (a literal or a Terraform
// token); suffixLen is the length it will have once resolved.
func New(project, environment, suffix string, suffixLen int) (*Namer, error) {
	p, e := Sanitize(project), Sanitize(environment)
	if p == "" {
		return nil, fmt.Errorf("naming: project %q has no character usable in an AWS name", project)
	}
	if e == "" {
		return nil, fmt.Errorf("naming: environment %q has no character usable in an AWS name", environment)
	}
	if suffixLen < 1 {
		return nil, fmt.Errorf("naming: suffix length %d: must be at least 1", suffixLen)
	}
	return &Namer{project: p, environment: e, suffix: suffix, suffixLen: suffixLen}, nil
}

// WithSuffix returns a Namer for the same stack with another suffix, for
// resources that need their own (a target group replaced before its
// predecessor is destroyed, for example).
func (n *Namer) WithSuffix(suffix string, suffixLen int) *Namer {
	c := *n
	c.suffix, c.suffixLen = suffix, suffixLen
	return &c
}

// WithPath returns a Namer for the same stack whose hierarchical names (log
// groups) sit under path: "/" + path + "/" + name rather than "/" + name,
// the way apps group their log groups ("/webstack/…"). path is one or more
// segments of lowercase letters, digits, ".", "_" and "-" joined by "/".
func (n *Namer) WithPath(path string) (*Namer, error) {
	for _, seg := range strings.Split(path, "/") {
		if seg == "" || strings.Trim(seg, "abcdefghijklmnopqrstuvwxyz0123456789._-") != "" {
			return nil, fmt.Errorf("naming: path %q: segments of lowercase letters, digits, \".\", \"_\" and \"-\" joined by \"/\"", path)
		}
	}
	c := *n
	c.path = path
	return &c, nil
}

// prefix is the fixed start of kind's names.
func (n *Namer) prefix(kind Kind) string {
	if kind.Hierarchical && n.path != "" {
		return kind.Prefix + n.path + "/"
	}
	return kind.Prefix
}

// Name returns the name of component for a resource of the given kind, or an
// error naming the component and kind when no shortening makes it fit.
func (n *Namer) Name(kind Kind, component string) (string, error) {
	comp := Sanitize(component)
	if comp == "" {
		return "", fmt.Errorf("naming: %s component %q has no character usable in an AWS name", kind.Label, component)
	}
	prefix := n.prefix(kind)
	budget := kind.MaxLen - len(prefix) - n.suffixLen - 1 // the "-" before the suffix
	parts, err := fit([]string{n.project, n.environment}, comp, budget)
	if err != nil {
		return "", fmt.Errorf("naming: %s name for %q cannot fit %d characters with a %d-character suffix: %w",
			kind.Label, component, kind.MaxLen, n.suffixLen, err)
	}
	name := strings.Join(append(parts, comp), "-") + "-" + n.suffix
	if err := kind.reserved(name); err != nil {
		return "", fmt.Errorf("%w; choose another project name", err)
	}
	return prefix + name, nil
}

func (kind Kind) reserved(name string) error {
	for _, r := range kind.Reserved {
		if strings.HasPrefix(name, r) {
			return fmt.Errorf("naming: %s name %q starts with %q, which AWS reserves", kind.Label, name, r)
		}
	}
	for _, r := range kind.ReservedSuffixes {
		if strings.HasSuffix(name, r) {
			return fmt.Errorf("naming: %s name %q ends with %q, which AWS reserves", kind.Label, name, r)
		}
	}
	return nil
}

// Check judges a name as it is finally formed (whatever built it) against
// kind's rules: its fixed prefix, its length, lowercase letters, digits and
// inner hyphens after the prefix (and the path's characters in hierarchical
// names), and the starts and ends AWS reserves.
func (kind Kind) Check(name string) error {
	rest, ok := strings.CutPrefix(name, kind.Prefix)
	switch {
	case !ok:
		return fmt.Errorf("naming: %s name %q does not start with %q", kind.Label, name, kind.Prefix)
	case len(name) > kind.MaxLen:
		return fmt.Errorf("naming: %s name %q is %d characters; at most %d", kind.Label, name, len(name), kind.MaxLen)
	}
	if kind.Hierarchical {
		if i := strings.LastIndex(rest, "/"); i >= 0 {
			rest = rest[i+1:]
		}
	}
	if rest == "" || strings.Trim(rest, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" || rest[0] == '-' || rest[len(rest)-1] == '-' {
		return fmt.Errorf("naming: %s name %q: lowercase letters, digits and inner hyphens", kind.Label, name)
	}
	return kind.reserved(rest)
}

// MustName is Name for names whose inputs were validated beforehand (the stack
// configuration checks every project and environment against every kind); a
// failure here is a programming error, not bad input.
func (n *Namer) MustName(kind Kind, component string) string {
	name, err := n.Name(kind, component)
	if err != nil {
		panic(err)
	}
	return name
}

// fit shortens the shrinkable parts, longest first, until they and the fixed
// part joined by hyphens fit in budget characters. Every part keeps at least
// one character.
func fit(shrinkable []string, fixed string, budget int) ([]string, error) {
	parts := append([]string(nil), shrinkable...)
	length := func() int {
		l := len(fixed)
		for _, p := range parts {
			l += len(p) + 1
		}
		return l
	}
	for length() > budget {
		longest := 0
		for i, p := range parts {
			if len(p) > len(parts[longest]) {
				longest = i
			}
		}
		if len(parts[longest]) <= 1 {
			return nil, fmt.Errorf("%d characters needed at the least, %d available", length(), budget)
		}
		parts[longest] = strings.TrimRight(parts[longest][:len(parts[longest])-1], "-")
		if parts[longest] == "" { // the cut left only hyphens; keep one letter
			parts[longest] = shrinkable[longest][:1]
		}
	}
	return parts, nil
}

// Sanitize lowercases s, folds accented letters to their base letter, turns
// every run of characters outside [a-z0-9] into one hyphen, and trims hyphens
// at both ends. The result is valid in every kind's character set.
func Sanitize(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) { // combining accent left over from é → e + ´
			continue
		}
		r = unicode.ToLower(r)
		if r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
			continue
		}
		hyphen = true
	}
	return b.String()
}

// NameTag returns the tags argument of a resource whose only own tag is its
// Name (the provider's default_tags add the rest).
func (n *Namer) NameTag(component string) *map[string]*string {
	name := n.MustName(Tag, component)
	return &map[string]*string{"Name": &name}
}

// Suffix is what every name ends with: a literal, or the token of a
// random_string's result.
func (n *Namer) Suffix() string { return n.suffix }
