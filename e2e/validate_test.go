package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/platform-team/webstack/internal/tfharness"
)

// TestTerraformValidatesEveryVariant runs terraform validate on every shipped
// environment and every snapshot variant, in JSON (what cdktf deploys) and in
// HCL (what `make hcl` and `cdktf synth --hcl` write).
//
// It runs in parallel with the deploys: run first and alone, as it once did,
// it held every deploy of this package back by its length (4 minutes under
// make test's load).
func TestTerraformValidatesEveryVariant(t *testing.T) {
	t.Parallel()
	tf, prov := terraform(t)
	var files []string
	for _, pattern := range []string{"../environments/*.json", "../testdata/variants/*.json"} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	bodies := map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		bodies[strings.TrimSuffix(filepath.Base(f), ".json")] = string(data)
	}
	outdir, envs := synthFiles(t, bodies)
	hclOut, _ := synthWith(t, bodies, true)
	var ids []string
	for id := range envs {
		ids = append(ids, id)
		// The HCL of each stack is validated as a stack of its own.
		if err := os.Rename(filepath.Join(hclOut, "stacks", id), filepath.Join(outdir, "stacks", id+".hcl")); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id+".hcl")
	}
	sort.Strings(ids)
	if len(ids) < 20 {
		t.Fatalf("only %d variants to validate", len(ids))
	}

	// One root module calls every stack as a child module, so one process
	// loads the providers' schemas once and validates them all (a process per
	// stack cost about 5 minutes of CPU on 2 cores, this about 20 s). A child
	// module's backend block is ignored with a warning; the backends are
	// initialized for real by the deploy tests.
	modules := map[string]any{}
	for _, id := range ids {
		modules[strings.ReplaceAll(id, ".", "_")] = map[string]string{"source": "./stacks/" + id}
	}
	root, err := json.Marshal(map[string]any{"module": modules})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outdir, "main.tf.json"), root, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := ctxFor(t)
	w, err := tfharness.NewWorkspace(outdir, tfharness.Options{Terraform: tf, Providers: prov})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Close)
	if err := w.Init(ctx, false); err != nil {
		t.Fatalf("terraform init: %v", err)
	}
	if err := w.Validate(ctx); err != nil {
		var failed []string
		for _, id := range ids {
			if strings.Contains(err.Error(), "stacks/"+id+"/") {
				failed = append(failed, id)
			}
		}
		t.Fatalf("terraform validate fails for %v: %v", failed, err)
	}
	t.Logf("validated %d variants: %s", len(ids), strings.Join(ids, ", "))
}
