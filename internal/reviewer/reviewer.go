package reviewer

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/platform-team/webstack/internal/review"
	"github.com/platform-team/webstack/internal/tfharness"
	"github.com/platform-team/webstack/policy"
	"github.com/platform-team/webstack/stacks"
	"github.com/platform-team/webstack/stacks/config"
	"github.com/platform-team/webstack/stacks/synth"
)

// Where the project keeps what review compares: goldens, and the
// environment files they are synthesized from.
const (
	GoldenDir  = "__snapshots__"
	EnvDir     = "environments"
	VariantDir = "testdata/variants"
)

// Reviewer compares the goldens of a base revision with a fresh synth of the
// working tree (make review).
type Reviewer struct {
	Base Source
	// EnvFiles are synthesized as the head: the shipped environments and the
	// test variants, as the snapshot test does (HeadFiles lists them).
	EnvFiles []string
	// Root is the project directory the environment files' paths are
	// relative to, where the base has them too ("." for make review).
	Root string
	// Goldens is the working tree's golden directory, checked for files not
	// updated after a change ("" skips the check).
	Goldens string
	Only    []string // variant ids to review; all when empty
	Plan    *Planner // nil: no plan mode
	Log     io.Writer
}

// HeadFiles lists the environment files of dirs (the environments and the
// test variants, as the snapshot test synthesizes them).
func HeadFiles(dirs ...string) ([]string, error) {
	var files []string
	for _, dir := range dirs {
		m, err := filepath.Glob(filepath.Join(dir, "*.json"))
		if err != nil {
			return nil, err
		}
		files = append(files, m...)
	}
	return files, nil
}

// synthHead synthesizes every head environment, policy violations and all
// (a change that breaks the policy is what a review must show).
func (rv *Reviewer) synthHead() (map[string][]byte, map[string]config.Environment, error) {
	out, err := os.MkdirTemp("", "webstack-review-")
	if err != nil {
		return nil, nil, err
	}
	defer os.RemoveAll(out)
	envs, err := synth.Synth(synth.Options{Files: rv.EnvFiles, Outdir: out, Log: io.Discard, KeepPolicyViolations: true})
	if err != nil {
		return nil, nil, err
	}
	configs, byID := map[string][]byte{}, map[string]config.Environment{}
	for _, e := range envs {
		data, err := os.ReadFile(filepath.Join(out, "stacks", e.ID, "cdk.tf.json"))
		if err != nil {
			return nil, nil, err
		}
		if configs[e.ID], err = review.Canonical(data); err != nil {
			return nil, nil, err
		}
		byID[e.ID] = e
	}
	return configs, byID, nil
}

// run builds the report.
func (rv *Reviewer) Run(ctx context.Context) (review.Report, error) {
	fmt.Fprintf(rv.Log, "review: synthesizing the working tree (%d environment files)\n", len(rv.EnvFiles))
	head, envs, err := rv.synthHead()
	if err != nil {
		return review.Report{}, err
	}
	names, err := rv.Base.list(GoldenDir)
	if err != nil {
		return review.Report{}, fmt.Errorf("listing the base's goldens: %w", err)
	}
	ids := map[string]bool{}
	for _, n := range names {
		ids[strings.TrimSuffix(n, ".json")] = true
	}
	for id := range head {
		ids[id] = true
	}
	var order []string
	for id := range ids {
		if len(rv.Only) == 0 || slices.Contains(rv.Only, id) {
			order = append(order, id)
		}
	}
	for _, id := range rv.Only {
		if !ids[id] {
			return review.Report{}, fmt.Errorf("VARIANTS: no variant %q in the base or the working tree", id)
		}
	}
	sort.Strings(order)

	rep := review.Report{Base: rv.Base.name() + " goldens", Head: "working tree (fresh synth)"}
	bases := map[string][]byte{}
	for _, id := range order {
		v, base, err := rv.variant(id, head[id], envs)
		if err != nil {
			return review.Report{}, fmt.Errorf("%s: %w", id, err)
		}
		bases[id] = base
		rep.Variants = append(rep.Variants, v)
	}
	if rv.Plan != nil {
		rep.PlanAsked = true
		rep.Notes = append(rep.Notes, rv.Plan.note())
		rv.Plan.run(ctx, rep.Variants, bases, head)
	}
	return rep, nil
}

// variant compares one variant's base golden with its fresh synth.
func (rv *Reviewer) variant(id string, head []byte, envs map[string]config.Environment) (review.Variant, []byte, error) {
	v := review.Variant{ID: id, Status: review.Changed}
	base, inBase, err := rv.Base.read(filepath.Join(GoldenDir, id+".json"))
	if err != nil {
		return v, nil, err
	}
	switch {
	case !inBase:
		v.Status, base = review.New, []byte("{}")
	case head == nil:
		v.Status, head = review.Dropped, []byte("{}")
	}
	if v.Diff, err = review.Compare(base, head); err != nil {
		return v, nil, err
	}
	if v.Status == review.Changed && v.Diff.Empty() {
		v.Status = review.Unchanged
	}
	if env, ok := envs[id]; ok {
		v.Policy, v.Notes = rv.policy(id, env, base, head, inBase)
		if rv.Goldens != "" {
			if golden, err := os.ReadFile(filepath.Join(rv.Goldens, id+".json")); err == nil && !bytes.Equal(golden, head) {
				v.Notes = append(v.Notes, fmt.Sprintf("%s/%s.json is not what this tree synthesizes: run `make snapshots` and commit it",
					rv.Goldens, id))
			} else if err != nil && !os.IsNotExist(err) {
				return v, nil, err
			}
		}
	}
	if !inBase {
		base = nil
	}
	return v, base, nil
}

// policy compares the security policy's findings on the base and the head,
// each with its own environment file's intent and suppressions.
func (rv *Reviewer) policy(id string, env config.Environment, base, head []byte, inBase bool) (review.PolicyDiff, []string) {
	headRep, err := stacks.PolicyReport(env, head)
	if err != nil {
		return review.PolicyDiff{}, []string{"policy not evaluated: " + err.Error()}
	}
	baseRep := policy.Report{}
	if inBase {
		rel, err := filepath.Rel(rv.Root, env.File)
		if err != nil {
			return review.PolicyDiff{}, []string{"policy not compared: " + err.Error()}
		}
		data, found, err := rv.Base.read(rel)
		if err != nil || !found {
			return review.PolicyDiff{}, []string{fmt.Sprintf("policy not compared: the base has no %s", rel)}
		}
		baseEnv, problems := stacks.Parse(env.File, data)
		if len(problems) > 0 {
			return review.PolicyDiff{}, []string{fmt.Sprintf("policy not compared: the base's %s does not load with this tree's code (%v)",
				rel, problems[0])}
		}
		if baseRep, err = stacks.PolicyReport(baseEnv, base); err != nil {
			return review.PolicyDiff{}, []string{"policy not compared: " + err.Error()}
		}
	}
	return review.ComparePolicy(baseRep, headRep), nil
}

// TerraformSetup finds Terraform and prepares the providers in dir.
func TerraformSetup(dir string) func(context.Context) (string, *tfharness.Providers, error) {
	return func(ctx context.Context) (string, *tfharness.Providers, error) { return tfharness.Setup(ctx, dir) }
}
