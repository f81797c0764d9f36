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

// The layers stay apart: reading environment files (stacks/config) and
// building names (naming) need no jsii runtime, and composing stacks does not
// run processes (the emulator's process manager is the tools' business).
func TestLayersLinkOnlyWhatTheyNeed(t *testing.T) {
	for pkg, banned := range map[string][]string{
		"./stacks/config": {"github.com/hashicorp/terraform-cdk-go/cdktf", "github.com/aws/jsii-runtime-go"},
		"./naming":        {"github.com/hashicorp/terraform-cdk-go/cdktf", "github.com/aws/jsii-runtime-go"},
		"./stacks":        {"github.com/platform-team/webstack/internal/emulator", "github.com/platform-team/webstack/stacks/synth"},
	} {
		out, err := exec.Command("go", "list", "-deps", pkg).Output()
		if err != nil {
			t.Fatalf("go list %s: %v", pkg, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			for _, b := range banned {
				if dep == strings.TrimSuffix(b, "/") || (strings.HasSuffix(b, "/") && strings.HasPrefix(dep, b)) {
					t.Errorf("%s links %s", pkg, dep)
				}
			}
		}
	}
}
