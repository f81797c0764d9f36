package reviewer

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/platform-team/webstack/internal/emulator"
	"github.com/platform-team/webstack/internal/review"
	"github.com/platform-team/webstack/internal/tfharness"
)

// Planner is make review's plan mode: for each changed variant it starts an
// emulator of its own, deploys the base golden there, plans the head over
// that state, and hands Terraform's verdict to the report. The goldens are
// retargeted with an override file, so any golden plans, whatever revision
// of the code wrote it.
type Planner struct {
	Parallel int
	LogDir   string // where each variant's Terraform output is kept
	Log      io.Writer
	// setup finds Terraform and prepares its providers (once, on first use).
	Setup func(context.Context) (string, *tfharness.Providers, error)
}

func (p *Planner) note() string {
	var gaps []string
	for _, g := range emulator.Gaps {
		gaps = append(gaps, g.ResourceType+"."+g.Attribute)
	}
	return "plan mode: each changed variant's base was deployed to a local emulator (moto) and the head planned over it; " +
		"attributes the emulator misreports are not planned (" + strings.Join(gaps, ", ") + ")"
}

// run plans the variants that changed, up to p.Parallel at a time, and
// stores each result in its variant.
func (p *Planner) run(ctx context.Context, variants []review.Variant, bases, heads map[string][]byte) {
	var todo []*review.Variant
	for i := range variants {
		switch v := &variants[i]; v.Status {
		case review.Changed:
			todo = append(todo, v)
		case review.New:
			v.Plan = &review.PlanResult{Failed: "a new variant: there is no base to plan over"}
		case review.Dropped:
			v.Plan = &review.PlanResult{Failed: "a removed variant: every resource it made would be destroyed"}
		}
	}
	if len(todo) == 0 {
		return // nothing to plan: no Terraform or provider set-up either
	}
	tf, providers, err := p.Setup(ctx)
	if err != nil {
		for _, v := range todo {
			v.Plan = &review.PlanResult{Failed: err.Error()}
		}
		return
	}
	sem := make(chan struct{}, max(1, p.Parallel))
	var wg sync.WaitGroup
	for _, v := range todo {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			start := time.Now()
			fmt.Fprintf(p.Log, "review: %s: deploying the base to an emulator, then planning the head over it\n", v.ID)
			v.Plan = p.variant(ctx, tf, providers, v.ID, bases[v.ID], heads[v.ID])
			outcome := fmt.Sprintf("%d resource changes", len(v.Plan.Impacts))
			if v.Plan.Failed != "" {
				outcome = "no plan: " + v.Plan.Failed
			}
			fmt.Fprintf(p.Log, "review: %s: %s (%s)\n", v.ID, outcome, time.Since(start).Round(time.Second))
		}()
	}
	wg.Wait()
}

// variant deploys base to a fresh emulator and plans head over it.
func (p *Planner) variant(ctx context.Context, tf string, providers *tfharness.Providers, id string, base, head []byte) *review.PlanResult {
	res := &review.PlanResult{}
	fail := func(what string, err error) *review.PlanResult {
		res.Failed = what + ": " + terraformError(err)
		return res
	}
	dir, err := os.MkdirTemp("", "webstack-review-"+id+"-")
	if err != nil {
		return fail("no work directory", err)
	}
	defer os.RemoveAll(dir)
	if err := os.MkdirAll(p.LogDir, 0o755); err != nil {
		return fail("no log directory", err)
	}
	res.Log = filepath.Join(p.LogDir, id+".log")
	logFile, err := os.Create(res.Log)
	if err != nil {
		return fail("no log file", err)
	}
	defer logFile.Close()

	srv, err := emulator.Start(ctx, emulator.Options{LogPath: filepath.Join(dir, "moto.log")})
	if err != nil {
		return fail("no emulator", err)
	}
	defer srv.Stop()
	if err := emulator.Check(ctx, srv.URL); err != nil {
		return fail("emulator not usable", err)
	}
	_, env := tfharness.EmulatorSettings(srv.URL)
	ws, err := tfharness.NewWorkspace(dir, tfharness.Options{Terraform: tf, Providers: providers, Env: env, Log: logFile})
	if err != nil {
		return fail("no Terraform workspace", err)
	}
	if err := writeRetargeted(dir, base, srv.URL); err != nil {
		return fail("the base golden cannot be retargeted", err)
	}
	if err := ws.Init(ctx, true); err != nil {
		return fail("terraform init of the base failed", err)
	}
	if err := ws.Apply(ctx); err != nil {
		return fail("the base did not deploy to the emulator", err)
	}
	if err := writeRetargeted(dir, head, srv.URL); err != nil {
		return fail("the head cannot be retargeted", err)
	}
	// The head may require other providers.
	if err := ws.Init(ctx, true); err != nil {
		return fail("terraform init of the head failed", err)
	}
	plan, err := ws.SavePlan(ctx, filepath.Join(dir, "head.tfplan"))
	if err != nil {
		return fail("Terraform could not plan the head over the base", err)
	}
	res.Impacts = withoutGaps(review.Impacts(plan))
	return res
}

// withoutGaps drops the attributes the emulator misreports from a plan's
// impacts: they would show in every replacement, and mean nothing on AWS.
func withoutGaps(impacts []review.Impact) []review.Impact {
	for i := range impacts {
		var kept []review.Attr
		for _, a := range impacts[i].Attrs {
			if !slices.ContainsFunc(emulator.Gaps, func(g emulator.Gap) bool {
				return g.ResourceType == impacts[i].Type && (a.Path == g.Attribute || strings.HasPrefix(a.Path, g.Attribute+"[") ||
					strings.HasPrefix(a.Path, g.Attribute+"."))
			}) {
				kept = append(kept, a)
			}
		}
		impacts[i].Attrs = kept
	}
	return impacts
}

// writeRetargeted writes config into dir with an override file that points
// it at the emulator at endpoint.
func writeRetargeted(dir string, config []byte, endpoint string) error {
	override, err := emulatorOverride(config, endpoint)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf.json"), config, 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "emulator_override.tf.json"), override, 0o644)
}

// emulatorOverride is a Terraform override file (merged over the
// configuration, see Terraform's "Override Files") that sends every AWS
// provider block to the emulator with its dummy credentials, keeps state in
// a local file whatever backend the configuration names, and ignores the
// attributes the emulator misreports (emulator.Gaps), as the emulator target
// does.
func emulatorOverride(config []byte, endpoint string) ([]byte, error) {
	var c struct {
		Provider map[string][]map[string]any          `json:"provider"`
		Resource map[string]map[string]map[string]any `json:"resource"`
	}
	if err := json.Unmarshal(config, &c); err != nil {
		return nil, err
	}
	endpoints := map[string]string{}
	for _, svc := range emulator.Services {
		endpoints[svc] = endpoint
	}
	var awsBlocks []map[string]any
	for _, block := range c.Provider["aws"] {
		o := map[string]any{
			"access_key": "test", "secret_key": "test", // what emulators accept; not a secret
			"skip_credentials_validation": true, "skip_metadata_api_check": "true", "skip_region_validation": true,
			"s3_use_path_style": true, "endpoints": []any{endpoints},
		}
		if alias, ok := block["alias"]; ok {
			o["alias"] = alias
		}
		awsBlocks = append(awsBlocks, o)
	}
	// Each resource's ignore_changes: its own list, then the gaps of its type.
	ignores := map[string]map[string][]any{}
	for _, g := range emulator.Gaps {
		for name, body := range c.Resource[g.ResourceType] {
			if g.OnlyGroupPeers && body["referenced_security_group_id"] == nil {
				continue
			}
			lifecycle, _ := body["lifecycle"].(map[string]any)
			own, _ := lifecycle["ignore_changes"].([]any)
			if lifecycle["ignore_changes"] == "all" || slices.Contains(own, any("all")) {
				continue // ignores everything already
			}
			if ignores[g.ResourceType] == nil {
				ignores[g.ResourceType] = map[string][]any{}
			}
			list, seen := ignores[g.ResourceType][name]
			if !seen {
				list = slices.Clone(own)
			}
			if !slices.Contains(list, any(g.Attribute)) {
				list = append(list, g.Attribute)
			}
			ignores[g.ResourceType][name] = list
		}
	}
	resources := map[string]map[string]any{}
	// A terraform_data provisioner of ours waits for AWS to apply a policy
	// (accesslogs' settle); the emulator applies it at once, so the override
	// replaces the provisioner with one that returns at once, as the
	// emulator target omits the wait.
	for name, body := range c.Resource["terraform_data"] {
		if body["provisioner"] != nil {
			if resources["terraform_data"] == nil {
				resources["terraform_data"] = map[string]any{}
			}
			resources["terraform_data"][name] = map[string]any{"provisioner": []any{map[string]any{"local-exec": map[string]any{"command": "true"}}}}
		}
	}
	for typ, byName := range ignores {
		resources[typ] = map[string]any{}
		for name, list := range byName {
			resources[typ][name] = map[string]any{"lifecycle": map[string]any{"ignore_changes": list}}
		}
	}
	o := map[string]any{
		"terraform": map[string]any{"backend": map[string]any{"local": map[string]any{"path": "terraform.tfstate"}}},
	}
	if len(awsBlocks) > 0 {
		o["provider"] = map[string]any{"aws": awsBlocks}
	}
	if len(resources) > 0 {
		o["resource"] = resources
	}
	return json.MarshalIndent(o, "", "  ")
}

// terraformError keeps what matters of a Terraform failure: each "Error:"
// line (at most two) with the resource it names, or the first line.
func terraformError(err error) string {
	lines := strings.Split(err.Error(), "\n")
	clean := func(l string) string { return strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(l), "│╷╵")) }
	var keep []string
	for i, l := range lines {
		if !strings.Contains(l, "Error: ") {
			continue
		}
		msg := clean(l)
		for _, next := range lines[i+1 : min(len(lines), i+4)] {
			if with, ok := strings.CutPrefix(clean(next), "with "); ok {
				msg += " (in " + strings.TrimSuffix(with, ",") + ")"
				break
			}
		}
		if keep = append(keep, msg); len(keep) == 2 {
			break
		}
	}
	if len(keep) == 0 {
		return strings.TrimSpace(lines[0])
	}
	return strings.Join(keep, "; ")
}
