package main

import (
	"os/exec"
	"strings"
	"testing"
)

// The programs users run (the cdktf app and the webstack command) link no
// test support: package testing and whatever imports it stay in tests.
func TestBinariesLinkNoTestSupport(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".", "./cmd/webstack").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if pkg == "testing" || strings.HasSuffix(pkg, "/internal/synthtest") {
			t.Errorf("a production binary links %s", pkg)
		}
	}
}
