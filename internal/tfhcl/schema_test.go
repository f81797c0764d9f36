package tfhcl

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/platform-team/webstack/internal/synthtest"
	"github.com/platform-team/webstack/internal/tfharness"
)

var update = flag.Bool("update", false, "rewrite blocks.json from the providers' schemas")

// goldenTypes lists the provider local names and the resource and data
// source types of every golden file.
func goldenTypes(t *testing.T) (providers map[string]string, resources, data []string) {
	t.Helper()
	files, err := filepath.Glob("../../__snapshots__/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	providers = map[string]string{}
	res, dat := map[string]bool{}, map[string]bool{}
	for _, f := range files {
		var cfg struct {
			Terraform struct {
				RequiredProviders map[string]struct{ Source string } `json:"required_providers"`
			}
			Resource map[string]any
			Data     map[string]any
		}
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, &cfg); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for name, p := range cfg.Terraform.RequiredProviders {
			providers[name] = "registry.terraform.io/" + p.Source
		}
		for k := range cfg.Resource {
			res[k] = true
		}
		for k := range cfg.Data {
			dat[k] = true
		}
	}
	keys := func(m map[string]bool) []string {
		var out []string
		for k := range m {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	return providers, keys(res), keys(dat)
}

// TestBlockTableCoversEveryGolden: every type the stacks synthesize is in
// the table (a new one fails here, with the command that adds it).
func TestBlockTableCoversEveryGolden(t *testing.T) {
	s := Embedded()
	providers, resources, data := goldenTypes(t)
	for name := range providers {
		if _, ok := s.Provider[name]; !ok {
			t.Errorf("provider %s is not in blocks.json; run: go test ./internal/tfhcl -run TestBlockTable -update", name)
		}
	}
	for _, r := range resources {
		if _, ok := s.Resource[r]; !ok {
			t.Errorf("resource type %s is not in blocks.json; run: go test ./internal/tfhcl -run TestBlockTable -update", r)
		}
	}
	for _, d := range data {
		if _, ok := s.Data[d]; !ok {
			t.Errorf("data source %s is not in blocks.json; run: go test ./internal/tfhcl -run TestBlockTable -update", d)
		}
	}
}

// TestBlockTableMatchesTheProviders regenerates the table from the schemas
// of the providers Terraform installs here, and fails if blocks.json differs
// (-update rewrites it).
func TestBlockTableMatchesTheProviders(t *testing.T) {
	if testing.Short() {
		t.Skip("runs terraform")
	}
	ctx := context.Background()
	root, err := tfharness.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	tf, p, err := tfharness.Setup(ctx, filepath.Join(root, ".webstack", "providers"))
	if errors.Is(err, tfharness.ErrNoTerraform) {
		synthtest.Require(t, err)
	}
	if err != nil {
		t.Fatal(err)
	}
	providers, resources, data := goldenTypes(t)
	dir := t.TempDir()
	req := map[string]any{}
	for name, addr := range providers {
		req[name] = map[string]string{"source": addr}
	}
	// Terraform's built-in provider (terraform_data) needs no requirement;
	// its schema is listed once the configuration uses one of its types.
	builtin := map[string]any{}
	for _, typ := range resources {
		if strings.HasPrefix(typ, "terraform_") {
			builtin[typ] = map[string]any{"schema_probe": map[string]any{}}
		}
	}
	cfg, _ := json.Marshal(map[string]any{"terraform": map[string]any{"required_providers": req}, "resource": builtin})
	if err := os.WriteFile(filepath.Join(dir, "main.tf.json"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "TF_CLI_CONFIG_FILE="+p.CLIConfigFile, "CHECKPOINT_DISABLE=1")
	init := exec.Command(tf, "init", "-backend=false", "-no-color")
	init.Dir, init.Env = dir, env
	if out, err := init.CombinedOutput(); err != nil {
		t.Fatalf("terraform init: %v\n%s", err, out)
	}
	show := exec.Command(tf, "providers", "schema", "-json")
	show.Dir, show.Env = dir, env
	raw, err := show.Output()
	if err != nil {
		t.Fatalf("terraform providers schema: %v", err)
	}
	var ps ProviderSchemas
	if err := json.Unmarshal(raw, &ps); err != nil {
		t.Fatal(err)
	}
	table, err := TableFor(&ps, providers, resources, data)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.MarshalIndent(table, "", "  ")
	want = append(want, '\n')
	if *update {
		if err := os.WriteFile("blocks.json", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(want, blocksJSON) {
		t.Error("blocks.json differs from the providers' schemas; run: go test ./internal/tfhcl -run TestBlockTable -update")
	}
}
