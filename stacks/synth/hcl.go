package synth

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/platform-team/webstack/internal/tfhcl"
	"github.com/platform-team/webstack/stacks/config"
)

// Synthesized file names: Terraform reads both, so a stack directory must
// hold one or the other, never both.
const (
	jsonFile = "cdk.tf.json"
	hclFile  = "cdk.tf"
)

// otherFormat is the file a stack directory must lose when name is published.
func otherFormat(name string) string {
	switch name {
	case jsonFile:
		return hclFile
	case hclFile:
		return jsonFile
	}
	return ""
}

// toHCL rewrites each stack synthesized in stage as native HCL (cdk.tf, by
// the project's writer; cdktf 0.20's renderer breaks on these stacks) and
// points the manifest at it, as `cdktf synth --hcl` expects.
func toHCL(stage string, envs []config.Environment) error {
	for _, env := range envs {
		dir := filepath.Join(stage, "stacks", env.ID)
		data, err := os.ReadFile(filepath.Join(dir, jsonFile))
		if err != nil {
			return err
		}
		hcl, err := tfhcl.Write(data)
		if err != nil {
			return fmt.Errorf("%s: writing HCL: %w", env.ID, err)
		}
		if err := os.WriteFile(filepath.Join(dir, hclFile), hcl, 0o644); err != nil {
			return err
		}
		// The cdktf CLI reads a stack's metadata and required providers
		// from here when the stack is HCL.
		var whole map[string]json.RawMessage
		if err := json.Unmarshal(data, &whole); err != nil {
			return err
		}
		meta, err := json.MarshalIndent(map[string]json.RawMessage{"//": whole["//"], "terraform": whole["terraform"]}, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "metadata.json"), append(meta, '\n'), 0o644); err != nil {
			return err
		}
		if err := os.Remove(filepath.Join(dir, jsonFile)); err != nil {
			return err
		}
	}
	path := filepath.Join(stage, "manifest.json")
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var manifest map[string]any
	if err := json.Unmarshal(raw, &manifest); err != nil {
		return fmt.Errorf("manifest.json: %w", err)
	}
	stacks, _ := manifest["stacks"].(map[string]any)
	for _, s := range stacks {
		if m, ok := s.(map[string]any); ok {
			if p, ok := m["synthesizedStackPath"].(string); ok {
				m["synthesizedStackPath"] = strings.TrimSuffix(p, jsonFile) + hclFile
			}
			if wd, ok := m["workingDirectory"].(string); ok {
				m["stackMetadataPath"] = wd + "/metadata.json"
			}
		}
	}
	out, err := json.MarshalIndent(manifest, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(out, '\n'), 0o644)
}
