package e2e

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/platform-team/webstack/internal/tfharness"
)

// TestRandomStringBehavesLikeTheRealProvider drives whichever hashicorp/random
// the harness installs (the stand-in on machines without the registry)
// through Terraform: the schema the project uses, a stable result, and
// replacement when a keeper changes.
func TestRandomStringBehavesLikeTheRealProvider(t *testing.T) {
	t.Parallel()
	tf, prov := terraform(t)
	dir := t.TempDir()
	write := func(keeper string) {
		config := `{
  "terraform": {"required_providers": {"random": {"source": "hashicorp/random", "version": ">= 3.6.0, < 4.0.0"}}},
  "resource": {"random_string": {
    "suffix": {"length": 6, "lower": true, "upper": false, "numeric": true, "special": false, "keepers": {"vpc": "` + keeper + `"}},
    "defaults": {"length": 24, "min_upper": 2, "min_numeric": 2, "min_special": 2, "override_special": "_-"}
  }},
  "output": {"suffix": {"value": "${random_string.suffix.result}"}, "suffix_id": {"value": "${random_string.suffix.id}"},
             "defaults": {"value": "${random_string.defaults.result}"}, "numeric": {"value": "${random_string.suffix.numeric}"},
             "number": {"value": "${random_string.suffix.number}"}}
}`
		if err := os.WriteFile(filepath.Join(dir, "main.tf.json"), []byte(config), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("vpc-1")
	w, err := tfharness.NewWorkspace(dir, tfharness.Options{Terraform: tf, Providers: prov})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Close)
	ctx := context.Background()
	if err := w.Init(ctx, true); err != nil {
		t.Fatal(err)
	}
	if err := w.Apply(ctx); err != nil {
		t.Fatal(err)
	}
	out, err := w.Outputs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	first := out["suffix"].(string)
	if !regexp.MustCompile(`^[a-z0-9]{6}$`).MatchString(first) || out["suffix_id"] != first {
		t.Errorf("suffix %q (id %q): want 6 lowercase letters or digits, id = result", first, out["suffix_id"])
	}
	if out["numeric"] != true || out["number"] != true {
		t.Errorf("numeric/number: %v/%v", out["numeric"], out["number"])
	}
	def := out["defaults"].(string)
	if len(def) != 24 || !regexp.MustCompile(`^[A-Za-z0-9_-]+$`).MatchString(def) ||
		len(regexp.MustCompile(`[A-Z]`).FindAllString(def, -1)) < 2 || len(regexp.MustCompile(`[_-]`).FindAllString(def, -1)) < 2 {
		t.Errorf("defaults %q: want 24 characters with the minimums and only the overridden specials", def)
	}

	// Unchanged configuration: nothing to do.
	if plan, err := w.Plan(ctx, ""); err != nil || plan != nil {
		t.Fatalf("re-plan of an unchanged configuration: changes %v, err %v", plan != nil, err)
	}
	// A changed keeper replaces the string.
	write("vpc-2")
	plan, err := w.Plan(ctx, "")
	if err != nil || plan == nil {
		t.Fatalf("a changed keeper must plan a change: %v", err)
	}
	for _, rc := range plan.ResourceChanges {
		if rc.Address == "random_string.suffix" && !(rc.Change.Actions.Replace()) {
			t.Errorf("suffix: actions %v, want replace", rc.Change.Actions)
		}
		if rc.Address == "random_string.defaults" && !rc.Change.Actions.NoOp() {
			t.Errorf("defaults: actions %v, want no-op", rc.Change.Actions)
		}
	}
	if err := w.Apply(ctx); err != nil {
		t.Fatal(err)
	}
	out, _ = w.Outputs(ctx)
	if out["suffix"] == first {
		t.Error("the replaced string kept its value")
	}
	if out["defaults"] != def {
		t.Error("a string whose arguments did not change was regenerated")
	}
	if err := w.Destroy(ctx); err != nil {
		t.Fatal(err)
	}
}
