package field

import (
	"errors"
	"strings"
	"testing"
)

func TestPaths(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{Join("HealthCheck", "Path"), "HealthCheck.Path"},
		{Join("", "AppPort"), "AppPort"},
		{Join("AllowedCidrs", "[2]"), "AllowedCidrs[2]"},
		{Index("SSHCidrs", 1), "SSHCidrs[1]"},
		{Root("AllowedCidrs[2]"), "AllowedCidrs"},
		{Root("HealthCheck.Path"), "HealthCheck"},
		{Root("AppPort"), "AppPort"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
	errs := Errors{{Path: "Path", Kind: Invalid, Value: "x", Detail: "bad"}}.Prefixed("HealthCheck")
	if errs[0].Path != "HealthCheck.Path" || errs[0].Error() != `HealthCheck.Path "x": bad` {
		t.Errorf("prefixed: %v", errs[0])
	}
	if (Errors{}).Err() != nil {
		t.Error("an empty list must be a nil error")
	}
	var target Errors
	if !errors.As(errs.Err(), &target) || len(target) != 1 {
		t.Error("Err must unwrap to Errors")
	}
}

func TestChecks(t *testing.T) {
	var c Checker
	c.IntRange("Port", new(0), 1, 65535, "")
	c.IntRange("Unset", nil, 1, 2, "") // nil is "not set": nothing to check
	c.IntRange("Zero", new(0), 0, 10, "seconds")
	OneOf(&c, "Mode", new("on"), []string{"off", "acm"})
	c.Require("Namer", false, "builds names")
	c.Require("Set", true, "given")
	c.Cidrs("Cidrs", []string{"10.0.0.0/8", "10.0.0.1/8", "2001:DB8::/32", "0.0.0.0/0", "10.0.0.0/8", "x", "${aws_vpc.v.cidr_block}"},
		CidrOptions{Max: 3, Why: "quota"})
	got := map[string]Kind{}
	for _, e := range c.Errs {
		got[e.Path] = e.Kind
	}
	want := map[string]Kind{"Port": OutOfRange, "Mode": NotSupported, "Namer": Required, "Cidrs": TooMany, "Cidrs[1]": Invalid,
		"Cidrs[2]": Invalid, "Cidrs[3]": Forbidden, "Cidrs[4]": Duplicate, "Cidrs[5]": Invalid}
	for p, k := range want {
		if got[p] != k {
			t.Errorf("%s: kind %q, want %q (all: %v)", p, got[p], k, c.Errs)
		}
	}
	if got := Paths(c.Errs.Err(), Required); len(got) != 1 || got[0] != "Namer" {
		t.Errorf("Paths(Required): %v, want [Namer]", got)
	}
	if Paths(nil, Required) != nil {
		t.Error("Paths of no error is not empty")
	}
	if len(c.Errs) != len(want) {
		t.Errorf("want %d errors, got %d: %v", len(want), len(c.Errs), c.Errs)
	}
	var empty Checker
	empty.Cidrs("Cidrs", []string{}, CidrOptions{NonEmpty: true})
	empty.Cidrs("Unset", nil, CidrOptions{NonEmpty: true})
	if len(empty.Errs) != 1 || empty.Errs[0].Path != "Cidrs" || empty.Errs[0].Kind != Required {
		t.Errorf("a set but empty list: %v", empty.Errs)
	}
	if !strings.Contains(c.Errs.Error(), "write it as 2001:db8::/32") {
		t.Errorf("canonical form not suggested: %v", c.Errs)
	}
}

// TestRefs: a Detail names other props with Ref; Error() shows their paths
// and Render the caller's names, indexes included.
func TestRefs(t *testing.T) {
	e := &Error{Path: "SSHCidrs", Kind: Forbidden, Detail: "needs " + Ref("KeyName") + ", as " + Ref("Subnets[1]") +
		" and " + Ref("HealthCheck.IntervalSeconds") + " do; {not a ref}"}
	if got := Refs(e.Detail); strings.Join(got, ",") != "KeyName,Subnets[1],HealthCheck.IntervalSeconds" {
		t.Errorf("Refs: %v", got)
	}
	if !strings.Contains(e.Error(), "needs KeyName, as Subnets[1] and HealthCheck.IntervalSeconds do; {not a ref}") {
		t.Errorf("Error: %s", e)
	}
	keys := map[string]string{"KeyName": "key_name", "Subnets[1]": "subnets[1]", "HealthCheck.IntervalSeconds": "health_check.interval"}
	if got := e.Render(func(p string) string { return keys[p] }); got != "needs key_name, as subnets[1] and health_check.interval do; {not a ref}" {
		t.Errorf("Render: %s", got)
	}
}

// TestPath: paths are built, not spelled; Under places a prop's sub-path at
// the key it comes from.
func TestPath(t *testing.T) {
	p := NewPath("policy", "suppressions").Index(2).Child("rule")
	if p.String() != "policy.suppressions[2].rule" || NewPath("tags").Key("Team").String() != "tags.Team" ||
		NewPath("x").Child("").String() != `x.""` || !(Path{}).IsRoot() {
		t.Errorf("paths: %s", p)
	}
	for _, tc := range []struct{ path, prefix, to, want string }{
		{"AllowedCidrs[2]", "AllowedCidrs", "allowed_cidrs", "allowed_cidrs[2]"},
		{"Tags.Team", "Tags", "tags", "tags.Team"},
		{"HealthCheck.Path", "HealthCheck.Path", "health_check.path", "health_check.path"},
		{"AllowedCidrsX", "AllowedCidrs", "allowed_cidrs", ""},
	} {
		got, ok := ParsePath(tc.path).Under(ParsePath(tc.prefix), ParsePath(tc.to))
		if ok != (tc.want != "") || got.String() != tc.want {
			t.Errorf("%s under %s → %q %v, want %q", tc.path, tc.prefix, got, ok, tc.want)
		}
	}
}
