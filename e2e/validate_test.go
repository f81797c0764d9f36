package e2e

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/platform-team/webstack/internal/tfharness"
)

// TestTerraformValidatesEveryVariant runs terraform validate on every shipped
// environment and every snapshot variant, in JSON (what cdktf deploys) and in
// HCL (what `make hcl` and `cdktf synth --hcl` write). One init (without
// backend) installs the providers into a shared data directory; the
// validations then run two at a time.
func TestTerraformValidatesEveryVariant(t *testing.T) {
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
	outdir, envs := synth(t, bodies)
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

	ctx := ctxFor(t)
	dataDir := filepath.Join(t.TempDir(), "terraform-data")
	open := func(id string) *tfharness.Workspace {
		w, err := tfharness.NewWorkspace(filepath.Join(outdir, "stacks", id), tfharness.Options{
			Terraform: tf, Providers: prov, DataDir: dataDir,
		})
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	first := open(ids[0])
	if err := first.Init(ctx, false); err != nil {
		t.Fatalf("terraform init: %v", err)
	}
	lock, err := os.ReadFile(filepath.Join(outdir, "stacks", ids[0], ".terraform.lock.hcl"))
	if err != nil {
		t.Fatal(err)
	}

	sem := make(chan struct{}, 2)
	var wg sync.WaitGroup
	var mu sync.Mutex
	failures := map[string]error{}
	for _, id := range ids {
		if err := os.WriteFile(filepath.Join(outdir, "stacks", id, ".terraform.lock.hcl"), lock, 0o644); err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func(id string) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if err := open(id).Validate(context.WithoutCancel(ctx)); err != nil {
				mu.Lock()
				failures[id] = err
				mu.Unlock()
			}
		}(id)
	}
	wg.Wait()
	for _, id := range ids {
		if err := failures[id]; err != nil {
			t.Errorf("%s: terraform validate: %v", id, err)
		}
	}
	t.Logf("validated %d variants: %s", len(ids), strings.Join(ids, ", "))
}
