package tfharness

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A second init with nothing changed is skipped; a changed configuration,
// lock file, CLI configuration or provider installation, or a deleted data
// directory, means a real init again; a workspace whose init was skipped
// works.
func TestInitIsSkippedOnlyWhenNothingChanged(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Terraform")
	}
	tf, providers := setupForTest(t)
	dir := t.TempDir()
	write := func(name, body string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	config := `{"terraform": {"required_providers": {"random": {"source": "hashicorp/random"}}},
	  "resource": {"random_string": {"s": {"length": 4, "special": false}}}`
	write("cdk.tf.json", config+`}`)
	// init reports whether Init ran terraform init.
	init := func(step string) bool {
		t.Helper()
		var log strings.Builder
		w, err := NewWorkspace(dir, Options{Terraform: tf, Providers: providers, Log: &log})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Init(t.Context(), true); err != nil {
			t.Fatalf("%s: %v\n%s", step, err, log.String())
		}
		ran := strings.Contains(log.String(), "Terraform has been successfully initialized")
		if skipped := strings.Contains(log.String(), InitSkippedNote); ran == skipped {
			t.Fatalf("%s: init ran (%v) and was skipped (%v):\n%s", step, ran, skipped, log.String())
		}
		if err := w.Validate(t.Context()); err != nil {
			t.Fatalf("%s: the workspace does not validate: %v", step, err)
		}
		return ran
	}
	for _, step := range []struct {
		name   string
		change func()
		runs   bool
	}{
		{"the first init", func() {}, true},
		{"nothing changed", func() {}, false},
		{"nothing changed, again", func() {}, false},
		{"an output added", func() { write("cdk.tf.json", config+`, "output": {"s": {"value": "${random_string.s.result}"}}}`) }, true},
		{"the lock file edited", func() {
			lock, _ := os.ReadFile(filepath.Join(dir, ".terraform.lock.hcl"))
			write(".terraform.lock.hcl", string(lock)+"\n# edited\n")
		}, true},
		{"the CLI configuration rewritten otherwise", func() {
			cfg, _ := os.ReadFile(providers.CLIConfigFile)
			os.WriteFile(providers.CLIConfigFile, append(cfg, "\n# edited\n"...), 0o644)
		}, true},
		{"the provider replaced", func() {
			pkgs, _ := filepath.Glob(filepath.Join(dir, ".terraform", "providers", "*", "*", "random", "*", "*"))
			if len(pkgs) != 1 {
				t.Fatalf("installed random packages: %v", pkgs)
			}
			files, _ := filepath.Glob(filepath.Join(pkgs[0], "*"))
			b, _ := os.ReadFile(files[0])
			os.Remove(files[0])
			os.WriteFile(files[0], b, 0o755) // the same bytes, a new file
		}, true},
		{"a new version in a mirror", func() {
			var standin string
			for m, addrs := range providers.Mirrors {
				if strings.HasSuffix(addrs[0], "/random") {
					standin = m
				}
			}
			if standin == "" {
				t.Skip("no stand-in mirror to add a version to")
			}
			os.MkdirAll(filepath.Join(standin, "registry.terraform.io", "hashicorp", "random", "0.0.1"), 0o755)
		}, true},
		{"the data directory deleted", func() { os.RemoveAll(filepath.Join(dir, ".terraform")) }, true},
		{"nothing changed at the end", func() {}, false},
	} {
		step.change()
		if got := init(step.name); got != step.runs {
			t.Errorf("%s: init ran: %v; want %v", step.name, got, step.runs)
		}
	}
}

// setupForTest is Setup in a temporary work directory; it skips the test
// without Terraform, unless CI=true.
func setupForTest(t *testing.T) (string, *Providers) {
	t.Helper()
	tf, providers, err := Setup(t.Context(), filepath.Join(t.TempDir(), "work"))
	if errors.Is(err, ErrNoTerraform) && os.Getenv("CI") != "true" {
		t.Skip("skipping: " + err.Error())
	}
	if err != nil {
		t.Fatal(err)
	}
	return tf, providers
}
