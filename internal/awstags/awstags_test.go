package awstags

import (
	"strings"
	"testing"

	"github.com/platform-team/webstack/field"
)

func TestTagRules(t *testing.T) {
	var c field.Checker
	tags := map[string]string{"Team": "web", "Empty": "", "aws:x": "y", strings.Repeat("k", 129): "v",
		"Bad{}": "v", "Long": strings.Repeat("v", 257), "Chars": "a;b"}
	Check(&c, "Tags", tags)
	got := map[string]field.Kind{}
	for _, e := range c.Errs {
		got[e.Path] = e.Kind
	}
	for path, kind := range map[string]field.Kind{"Tags.aws:x": field.Forbidden, "Tags." + strings.Repeat("k", 129): field.Invalid,
		"Tags.Bad{}": field.Invalid, "Tags.Long": field.Invalid, "Tags.Chars": field.Invalid} {
		if got[path] != kind {
			t.Errorf("%s: %q, want %q", path, got[path], kind)
		}
	}
	if _, bad := got["Tags.Team"]; bad {
		t.Error("a plain tag was refused")
	}
	if _, bad := got["Tags.Empty"]; bad {
		t.Error("an empty tag value is allowed")
	}
	many := map[string]string{}
	for i := range MaxTags + 1 {
		many[strings.Repeat("k", i+1)] = "v"
	}
	var c2 field.Checker
	Check(&c2, "Tags", many)
	if len(c2.Errs) != 1 || c2.Errs[0].Kind != field.TooMany {
		t.Errorf("51 tags: %v", c2.Errs)
	}
	var c3 field.Checker
	Value(&c3, "owner", "", true)
	if len(c3.Errs) != 1 || c3.Errs[0].Kind != field.Required {
		t.Errorf("a required empty value: %v", c3.Errs)
	}
}
