// Package awstags holds AWS's rules for tags, which every service that takes
// tags shares: key and value lengths, the characters allowed, the "aws:"
// prefix AWS keeps for itself, and the 50-tag limit per resource.
package awstags

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/platform-team/webstack/field"
)

// Limits AWS documents for tags on a resource.
const (
	MaxTags     = 50
	MaxKeyLen   = 128
	MaxValueLen = 256
)

// chars are the characters every tagging service accepts in keys and values.
var chars = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`)

// Check validates tags at path (keys show as path.<key>).
func Check(c *field.Checker, path string, tags map[string]string) {
	if len(tags) > MaxTags {
		c.Add(path, field.TooMany, nil, fmt.Sprintf("has %d tags; AWS allows %d per resource", len(tags), MaxTags))
	}
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		p := path + "." + k
		switch {
		case k == "" || len(k) > MaxKeyLen:
			c.Add(p, field.Invalid, nil, fmt.Sprintf("tag keys are 1 to %d characters, not %d", MaxKeyLen, len(k)))
		case strings.HasPrefix(strings.ToLower(k), "aws:"):
			c.Add(p, field.Forbidden, nil, `tag keys starting with "aws:" are reserved for AWS`)
		case !chars.MatchString(k):
			c.Add(p, field.Invalid, nil, "tag keys may hold letters, digits, spaces and _ . : / = + - @ only")
		default:
			Value(c, p, tags[k], false)
		}
	}
}

// Value validates one tag value; required says whether it may be empty.
func Value(c *field.Checker, path, v string, required bool) {
	switch {
	case v == "" && required:
		c.Add(path, field.Required, v, "must not be empty (it becomes a tag value)")
	case len(v) > MaxValueLen:
		c.Add(path, field.Invalid, v, fmt.Sprintf("is %d characters; tag values hold at most %d", len(v), MaxValueLen))
	case !chars.MatchString(v):
		c.Add(path, field.Invalid, v, "tag values may hold letters, digits, spaces and _ . : / = + - @ only")
	}
}
