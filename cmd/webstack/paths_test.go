package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/platform-team/webstack/internal/synthtest"
	"github.com/platform-team/webstack/internal/tfharness"
)

// TestPlanAndApplyWithTheDefaultPaths runs the deploy runner's plan and apply
// the way `make deploy` does: from the repository root, with none of the
// path settings given, so every path is the relative default, while Terraform
// runs in the stack directory. (make deploy shipped broken once because its
// only test gave it absolute directories: Terraform was handed a plan-file
// path relative to a directory it was not in.)
func TestPlanAndApplyWithTheDefaultPaths(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Terraform")
	}
	tf, err := tfharness.FindTerraform(context.Background())
	synthtest.Require(t, err)
	for _, k := range []string{"CDKTF_OUTDIR", "WEBSTACK_WORK_DIR", "WEBSTACK_STATE_DIR"} {
		t.Setenv(k, "") // unset, as for a user: getenv treats empty as absent
	}
	t.Chdir(t.TempDir()) // the repository root of a user's clone

	r := newRunner("paths", defaultEnvDir, false)
	if filepath.IsAbs(r.stackDir()) || filepath.IsAbs(r.planFile()) {
		t.Fatalf("the defaults are not relative (%s, %s): this test would prove nothing", r.stackDir(), r.planFile())
	}
	// A stack that needs no provider: terraform_data is built into Terraform.
	if err := os.MkdirAll(r.stackDir(), 0o755); err != nil {
		t.Fatal(err)
	}
	stack := `{"resource": {"terraform_data": {"marker": {"input": "deployed"}}}, "output": {"marker": {"value": "${terraform_data.marker.output}"}}}`
	if err := os.WriteFile(filepath.Join(r.stackDir(), "cdk.tf.json"), []byte(stack), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(r.workDir(), 0o755); err != nil {
		t.Fatal(err)
	}
	w, err := tfharness.NewWorkspace(r.stackDir(), tfharness.Options{Terraform: tf, Providers: &tfharness.Providers{}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Close)
	ctx := t.Context()
	if err := w.Init(ctx, true); err != nil {
		t.Fatal(err)
	}
	r.prog = newProgress(io.Discard)
	if err := r.planAndApply(ctx, w); err != nil {
		t.Fatalf("plan and apply with the default paths: %v", err)
	}
	out, err := w.Outputs(ctx)
	if err != nil || out["marker"] != "deployed" {
		t.Errorf("after the apply, output marker = %v (%v); want deployed", out["marker"], err)
	}
	if _, err := os.Stat(r.planFile()); !os.IsNotExist(err) {
		t.Errorf("the plan file %s is left behind (%v)", r.planFile(), err)
	}
}
