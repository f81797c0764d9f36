package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// The floor imports the provider packages the app imports, no more and no
// fewer: their init is part of what every synth pays.
func TestFloorImportsWhatTheAppImports(t *testing.T) {
	providers := func(pkg string) []string {
		out, err := exec.Command("go", "list", "-deps", pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		var ps []string
		for _, p := range strings.Fields(string(out)) {
			if strings.Contains(p, "/cdktf-provider-") && !strings.HasSuffix(p, "/jsii") && !strings.HasSuffix(p, "/internal") {
				ps = append(ps, p)
			}
		}
		slices.Sort(ps)
		return ps
	}
	app, floor := providers("github.com/platform-team/webstack"), providers("github.com/platform-team/webstack/internal/bench/floor")
	if len(app) == 0 || !slices.Equal(app, floor) {
		t.Errorf("the floor's provider packages differ from the app's:\napp:   %v\nfloor: %v", app, floor)
	}
}
