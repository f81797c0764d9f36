package main

import (
	"os"
	"os/exec"
	"path/filepath"
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

// Every test binary that links the jsii runtime stops it when its tests end
// (a TestMain calling synthtest.Main): the runtime unpacks itself into a
// jsii-runtime.* temporary directory when the binary starts, and only
// stopping it removes that directory. Without it, each run of the package's
// tests left one behind.
func TestTestBinariesStopTheJsiiRuntime(t *testing.T) {
	pkgs, err := exec.Command("go", "list", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var own []string
	for _, p := range strings.Fields(string(pkgs)) {
		if !strings.Contains(p, "/node_modules/") {
			own = append(own, p)
		}
	}
	args := append([]string{"list", "-test", "-f",
		`{{if .ForTest}}{{else}}{{.ImportPath}}|{{.Dir}}|{{range .Deps}}{{if eq . "github.com/aws/jsii-runtime-go"}}jsii{{end}}{{end}}{{end}}`}, own...)
	out, err := exec.Command("go", args...).Output()
	if err != nil {
		t.Fatalf("go list -test: %v", err)
	}
	checked := 0
	for _, line := range strings.Split(string(out), "\n") {
		name, rest, _ := strings.Cut(line, "|")
		dir, linked, _ := strings.Cut(rest, "|")
		if !strings.HasSuffix(name, ".test") || linked == "" {
			continue
		}
		checked++
		files, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
		stops := false
		for _, f := range files {
			data, _ := os.ReadFile(f)
			stops = stops || strings.Contains(string(data), "func TestMain(m *testing.M) { synthtest.Main(m) }")
		}
		if !stops {
			t.Errorf("%s links the jsii runtime but has no TestMain calling synthtest.Main: each run leaves a "+
				"jsii-runtime.* directory in the temporary directory", strings.TrimSuffix(name, ".test"))
		}
	}
	if checked == 0 {
		t.Error("no test binary links the jsii runtime: the check found nothing to check")
	}
}
