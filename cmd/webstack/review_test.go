package main

import (
	"strings"
	"testing"

	"github.com/platform-team/webstack/internal/review"
)

func TestFailOn(t *testing.T) {
	if _, err := parseFailOn("replace,bogus"); err == nil || !strings.Contains(err.Error(), `"bogus"`) {
		t.Errorf("an unknown condition is refused by name: %v", err)
	}
	conditions, err := parseFailOn(" replace, policy ,rename")
	if err != nil {
		t.Fatal(err)
	}
	quiet := review.Report{Variants: []review.Variant{{ID: "a", Status: review.Unchanged}}}
	if met := failed(quiet, conditions); len(met) != 0 {
		t.Errorf("nothing changed, yet failing on %v", met)
	}
	loud := review.Report{PlanAsked: true, Variants: []review.Variant{{ID: "a", Status: review.Changed,
		Policy: review.PolicyDiff{NewlySuppressed: []review.Finding{{Rule: "WS-LOG-1"}}},
		Plan:   &review.PlanResult{Impacts: []review.Impact{{Address: "aws_lb.x", Type: "aws_lb", Action: review.ActionReplace}}}}}}
	if met := failed(loud, conditions); strings.Join(met, ",") != "replace,policy" {
		t.Errorf("failing on %v, want replace and policy (no rename)", met)
	}
}
