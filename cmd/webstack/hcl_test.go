package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHCLExport is `make hcl`: one main.tf per shipped environment, HCL
// only, with the stack's state linked in so a plan there sees what is deployed.
func TestHCLExport(t *testing.T) {
	t.Parallel() // a test run alone holds back every parallel one, the five cycles too
	out, state := t.TempDir(), t.TempDir()
	var log strings.Builder
	if err := (hclExport{envDir: "../../environments", out: out, stateDir: state, log: &log}).run(); err != nil {
		t.Fatal(err)
	}
	envs, _ := filepath.Glob("../../environments/*.json")
	for _, e := range envs {
		id := strings.TrimSuffix(filepath.Base(e), ".json")
		hcl, err := os.ReadFile(filepath.Join(out, id, "main.tf"))
		if err != nil || !strings.Contains(string(hcl), "resource \"aws_lb\"") || strings.Contains(string(hcl), `"//"`) {
			t.Errorf("%s: no plain HCL stack in main.tf (%v)", id, err)
		}
		link, err := os.Readlink(filepath.Join(out, id, "terraform.tfstate"))
		if err != nil || link != filepath.Join(state, id, "terraform.tfstate") {
			t.Errorf("%s: the state is not linked in: %q, %v", id, link, err)
		}
	}
	if leftovers, _ := filepath.Glob(filepath.Join(out, ".synth-*")); len(leftovers) > 0 {
		t.Errorf("make hcl left its staging directory: %v", leftovers)
	}
	if !strings.Contains(log.String(), "Leaving CDKTF") {
		t.Errorf("make hcl does not point at the README:\n%s", log.String())
	}
}
