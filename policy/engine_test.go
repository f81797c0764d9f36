package policy

import (
	"strings"
	"testing"
)

func testStack(t *testing.T) *Stack {
	t.Helper()
	s, err := ParseStack([]byte(`{
	  "//": {"metadata": {"stackName": "dev"}},
	  "resource": {
	    "aws_lb": {
	      "web": {"//": {"metadata": {"path": "dev/webtier/alb"}}, "internal": false},
	      "admin": {"//": {"metadata": {"path": "dev/admin/alb"}}, "internal": false}
	    }
	  }
	}`))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var internalRule = Rule{
	ID: "T-1", Level: Error, Severity: Low, Description: "internal only", Fix: "make it internal", Types: []string{"aws_lb"},
	Check: func(r Resource, _ *Stack) []string {
		if v, _ := r.Attrs.Bool("internal"); !v {
			return []string{"internet-facing"}
		}
		return nil
	},
}

func TestEvaluateAppliesSuppressionsPerResource(t *testing.T) {
	s := testStack(t)
	rep := Evaluate(s, []Rule{internalRule}, []Suppression{
		{Rule: "T-1", Resource: "webtier/alb", Reason: "the public entry point"},
		{Rule: "T-1", Resource: "gone/alb", Reason: "a resource that no longer exists"},
	})
	if len(rep.Errors) != 1 || rep.Errors[0].Resource.Path != "admin/alb" {
		t.Errorf("violations %v", rep.Errors)
	}
	if len(rep.Suppressed) != 1 || rep.Suppressed[0].Resource.Path != "webtier/alb" || rep.Suppressed[0].Suppressed.Reason == "" {
		t.Errorf("suppressed %v", rep.Suppressed)
	}
	if len(rep.Unused) != 1 || rep.Unused[0].Resource != "gone/alb" {
		t.Errorf("unused %v", rep.Unused)
	}
	if !rep.Failed() {
		t.Error("an unsuppressed violation must fail")
	}
	msg := rep.Errors[0].String()
	for _, want := range []string{"T-1", "[LOW]", "admin/alb", "aws_lb.admin", "internet-facing", "Fix: make it internal"} {
		if !strings.Contains(msg, want) {
			t.Errorf("finding %q lacks %q", msg, want)
		}
	}
}

// A warning-level rule reports its findings as warnings: they never fail,
// and a suppression silences them like errors.
func TestWarningsDoNotFailAndCanBeSuppressed(t *testing.T) {
	warn := internalRule
	warn.Level = Warning
	rep := Evaluate(testStack(t), []Rule{warn}, []Suppression{{Rule: "T-1", Resource: "webtier/alb", Reason: "the public entry point"}})
	if rep.Failed() || len(rep.Errors) != 0 {
		t.Errorf("a warning failed the stack: %v", rep.Errors)
	}
	if len(rep.Warnings) != 1 || rep.Warnings[0].Resource.Path != "admin/alb" {
		t.Errorf("warnings %v", rep.Warnings)
	}
	if len(rep.Suppressed) != 1 || len(rep.Unused) != 0 {
		t.Errorf("suppressed %v, unused %v", rep.Suppressed, rep.Unused)
	}
}

func TestAttrsReadBothBlockForms(t *testing.T) {
	a := Attrs{"one": []any{map[string]any{"x": "1"}}, "obj": map[string]any{"x": "2"}, "flag": "true"}
	if a.Str("one.x") != "1" || a.Str("obj.x") != "2" {
		t.Error("nested blocks as a one-element list or an object must read the same")
	}
	if v, set := a.Bool("flag"); !v || !set {
		t.Error(`"true" strings are booleans`)
	}
	if a.Get("missing.deeper") != nil || a.Str("obj.x.y") != "" {
		t.Error("missing paths must read as nothing")
	}
}

func TestParsePolicyForms(t *testing.T) {
	st, err := ParsePolicy(`{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}}`)
	if err != nil || len(st) != 1 || st[0].Action[0] != "s3:GetObject" || st[0].PrincipalValues()[0] != "*" {
		t.Errorf("single-statement form: %v %v", st, err)
	}
	if _, err := ParsePolicy("not json"); err == nil {
		t.Error("garbage accepted")
	}
}
