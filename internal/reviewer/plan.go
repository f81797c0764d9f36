package reviewer

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/platform-team/webstack/internal/emulator"
	"github.com/platform-team/webstack/internal/emutarget"
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
	for _, g := range emutarget.Gaps {
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
	ws, err := tfharness.NewWorkspace(dir, tfharness.Options{Terraform: tf, Providers: providers,
		Env: tfharness.EmulatorEnv(srv.URL), Log: logFile, Serve: true})
	if err != nil {
		return fail("no Terraform workspace", err)
	}
	defer ws.Close()
	if err := writeRetargeted(dir, base); err != nil {
		return fail("the base golden cannot be retargeted", err)
	}
	if err := ws.Init(ctx, true); err != nil {
		return fail("terraform init of the base failed", err)
	}
	if err := ws.Apply(ctx); err != nil {
		return fail("the base did not deploy to the emulator", err)
	}
	if err := writeRetargeted(dir, head); err != nil {
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
			if !slices.ContainsFunc(emutarget.Gaps, func(g emutarget.Gap) bool {
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

// writeRetargeted writes config into dir as main.tf.json, pointed at the
// emulator the way the emulator target is (emutarget.Retarget), with its
// state in a local file whatever backend config names.
func writeRetargeted(dir string, config []byte) error {
	data, err := emutarget.Retarget(config, emutarget.Options{LocalState: true})
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "main.tf.json"), data, 0o644)
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
