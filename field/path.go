package field

import (
	"regexp"
	"strconv"
)

// Path is where a value sits: a key of a configuration file
// ("health_check.interval", "allowed_cidrs[2]", "tags.Team") or a prop of a
// construct ("HealthCheck.IntervalSeconds"). Validators take the path of
// what they check and build the paths of its parts with Child and Index, so
// a problem names the place it was found in the caller's own terms, with no
// renaming afterwards (as Kubernetes' field.Path). The zero Path is the root.
type Path struct{ s string }

// ParsePath is the path written out as s ("HealthCheck.Path",
// "AllowedCidrs[2]"), as an Error's Path holds it.
func ParsePath(s string) Path { return Path{s} }

// NewPath returns the path of name and, below it, of each of more.
func NewPath(name string, more ...string) Path { return Path{}.Child(name, more...) }

// Child returns the path of name below p, and of each of more below that.
// An empty name is written `""`, so it still shows in a message.
func (p Path) Child(name string, more ...string) Path {
	for _, n := range append([]string{name}, more...) {
		if n == "" {
			n = `""`
		}
		if p.s == "" {
			p.s = n
		} else {
			p.s += "." + n
		}
	}
	return p
}

// Index returns the path of item i of the list at p.
func (p Path) Index(i int) Path { return Path{p.s + "[" + strconv.Itoa(i) + "]"} }

// Key returns the path of key k of the map at p ("tags" → "tags.Team").
func (p Path) Key(k string) Path { return p.Child(k) }

// String is the path as users write it.
func (p Path) String() string { return p.s }

// IsRoot says whether p is the root (the zero Path).
func (p Path) IsRoot() bool { return p.s == "" }

// Under returns p with its leading prefix (a path that p starts with, up to
// a "." or "[") replaced by to: how a caller that knows prop P comes from
// key K places "P[2]" at "K[2]". ok is false when p is not prefix or below it.
func (p Path) Under(prefix, to Path) (Path, bool) {
	rest, found := cutPrefix(p.s, prefix.s)
	if !found || (rest != "" && rest[0] != '.' && rest[0] != '[') {
		return Path{}, false
	}
	if to.s == "" && rest != "" && rest[0] == '.' {
		rest = rest[1:]
	}
	return Path{to.s + rest}, true
}

func cutPrefix(s, prefix string) (string, bool) {
	if len(s) < len(prefix) || s[:len(prefix)] != prefix {
		return "", false
	}
	return s[len(prefix):], true
}

// refPattern finds the props a Detail refers to (see Ref).
var refPattern = regexp.MustCompile(`\{([A-Z][A-Za-z0-9]*(?:\[[0-9]+\])*(?:\.[A-Z][A-Za-z0-9]*(?:\[[0-9]+\])*)*)\}`)

// Ref refers, in an Error's Detail, to another prop by its path: a caller
// that names props otherwise (an environment file's keys) shows its own name
// there (see Error.Render); Error() shows the prop's path.
func Ref(prop string) string { return "{" + prop + "}" }

// Refs lists the props detail refers to with Ref.
func Refs(detail string) []string {
	var out []string
	for _, m := range refPattern.FindAllStringSubmatch(detail, -1) {
		out = append(out, m[1])
	}
	return out
}

// Render returns e's Detail with each Ref replaced by name(prop).
func (e *Error) Render(name func(prop string) string) string {
	return refPattern.ReplaceAllStringFunc(e.Detail, func(ref string) string { return name(ref[1 : len(ref)-1]) })
}

// Names says how messages name props; nil names each by its own path.
type Names func(prop string) string

// Of is the name of prop.
func (n Names) Of(prop string) string {
	if n == nil {
		return prop
	}
	return n(prop)
}
