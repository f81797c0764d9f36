// Package field is the error type every construct's Props.Validate returns:
// one problem of one prop, with the prop's path, a typed kind, the offending
// value and what is allowed (in the manner of Kubernetes' field.Error). Code
// that wraps a construct maps paths to its own vocabulary (the stacks package
// maps them to environment-file keys) and tests assert kinds and paths, not
// English.
package field

import (
	"errors"
	"fmt"
	"strings"
)

// Kind says what is wrong with a value.
type Kind string

const (
	// Required: the prop is missing.
	Required Kind = "required"
	// Invalid: the value is malformed (not a CIDR, not an ARN, ...).
	Invalid Kind = "invalid"
	// NotSupported: the value is not one of a fixed set.
	NotSupported Kind = "not supported"
	// OutOfRange: a number outside its bounds.
	OutOfRange Kind = "out of range"
	// Duplicate: a list holds the same item twice where AWS refuses that.
	Duplicate Kind = "duplicate"
	// TooMany: a list or map over its AWS limit.
	TooMany Kind = "too many"
	// Forbidden: valid on its own, not together with other props.
	Forbidden Kind = "forbidden"
	// NotFound: the value names something that does not exist (a file).
	NotFound Kind = "not found"
	// TooLong: a value over its size limit.
	TooLong Kind = "too long"
)

// Error is one problem of one prop.
type Error struct {
	// Path names the prop as the caller wrote it: "AppPort",
	// "HealthCheck.TimeoutSeconds", "AllowedCidrs[2]".
	Path  string
	Kind  Kind
	Value any // the offending value; nil when there is none to show
	// Detail says what is allowed and, where it helps, what to do; it names
	// other props with Ref, so a caller can name them its own way.
	Detail string
}

func (e *Error) Error() string {
	detail := e.Render(func(prop string) string { return prop })
	if e.Value == nil {
		return fmt.Sprintf("%s: %s", e.Path, detail)
	}
	return fmt.Sprintf("%s %s: %s", e.Path, show(e.Value), detail)
}

func show(v any) string {
	switch v := v.(type) {
	case string:
		return fmt.Sprintf("%q", v)
	case []string:
		return fmt.Sprintf("%q", v)
	}
	return fmt.Sprint(v)
}

// Errors is every problem of a props struct, in the order they were found.
type Errors []*Error

func (l Errors) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "; ")
}

// Err returns l as an error, or nil when l is empty (a nil Errors in an
// error interface is not nil).
func (l Errors) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Paths lists, in order, the paths of the errors of kind in err (none when
// err is not Errors), e.g. which required props are missing.
func Paths(err error, kind Kind) []string {
	var l Errors
	errors.As(err, &l)
	var out []string
	for _, e := range l {
		if e.Kind == kind {
			out = append(out, e.Path)
		}
	}
	return out
}

// Prefixed returns l with every path under prefix ("HealthCheck" + "Path" →
// "HealthCheck.Path"), for props nested in other props.
func (l Errors) Prefixed(prefix string) Errors {
	out := make(Errors, len(l))
	for i, e := range l {
		c := *e
		c.Path = Join(prefix, e.Path)
		out[i] = &c
	}
	return out
}

// Join joins a parent path and a child's path.
func Join(parent, child string) string {
	switch {
	case parent == "":
		return child
	case child == "" || strings.HasPrefix(child, "["):
		return parent + child
	}
	return parent + "." + child
}

// Index is the path of item i of a list.
func Index(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i) }

// Root is the path without indexes or nested keys: "AllowedCidrs[2]" and
// "HealthCheck.Path" give "AllowedCidrs" and "HealthCheck".
func Root(path string) string {
	if i := strings.IndexAny(path, ".["); i >= 0 {
		return path[:i]
	}
	return path
}
