package e2e

import (
	"strings"
	"testing"
)

// TestTooFewZonesFailsAtPlan asks for six AZs of t3.micro in us-east-1, where
// one zone does not offer the type (moto models that too): the plan must stop
// at once with a message naming az_count, before anything is created.
func TestTooFewZonesFailsAtPlan(t *testing.T) {
	t.Parallel()
	emu := startEmulator(t)
	outdir, _ := synthFiles(t, map[string]string{"six-zones": localConfig(t, `"az_count": 6, "instance_type": "t3.micro"`)})
	w := workspace(t, outdir, "six-zones", emu)
	ctx := ctxFor(t)
	if err := w.Init(ctx, true); err != nil {
		t.Fatal(err)
	}
	_, err := w.Plan(ctx, "")
	// Terraform wraps long messages: compare with white space folded.
	if err == nil || !strings.Contains(strings.Join(strings.Fields(err.Error()), " "),
		"az_count is 6 but fewer available zones of this region offer instance type t3.micro") {
		t.Fatalf("want the az_count postcondition to fail the plan, got %v", err)
	}
}
