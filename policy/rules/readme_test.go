package rules

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/platform-team/webstack/policy"
)

// The README's summary of the policy counts the rules and names the
// warnings as All() has them.
func TestReadmeCountsTheRules(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(data)), " ")
	var errorsN int
	var warnings []string
	for _, r := range All() {
		if r.Level == policy.Error {
			errorsN++
		} else {
			warnings = append(warnings, r.ID)
		}
	}
	for _, want := range []string{fmt.Sprintf("cdk-nag: %d rules", len(All())), fmt.Sprintf("**error** (%d rules)", errorsN)} {
		if !strings.Contains(text, want) {
			t.Errorf("README does not say %q", want)
		}
	}
	m := regexp.MustCompile(`\*\*warning\*\* \(([^)]*)\)`).FindStringSubmatch(text)
	if m == nil {
		t.Fatal("README names no warning rules")
	}
	named := regexp.MustCompile(`WS-[A-Z0-9]+-[0-9]+`).FindAllString(m[1], -1)
	slices.Sort(named)
	slices.Sort(warnings)
	if !slices.Equal(named, warnings) {
		t.Errorf("README's warnings %v, rules %v", named, warnings)
	}
}
