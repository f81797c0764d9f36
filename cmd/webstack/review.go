package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"

	"github.com/platform-team/webstack/internal/review"
	"github.com/platform-team/webstack/internal/synthtest"
	"github.com/platform-team/webstack/internal/tfharness"
	"github.com/platform-team/webstack/policy"
	"github.com/platform-team/webstack/stacks"
)

// Where the project keeps what review compares: goldens, and the
// environment files they are synthesized from.
const (
	goldenDir  = "__snapshots__"
	envDir     = "environments"
	variantDir = "testdata/variants"
)

// reviewer compares the goldens of a base revision with a fresh synth of the
// working tree (make review).
type reviewer struct {
	base baseSource
	// envFiles are synthesized as the head: the shipped environments and the
	// test variants, as the snapshot test does.
	envFiles []string
	// root is the project directory the environment files' paths are
	// relative to, where the base has them too ("." for make review).
	root string
	// goldens is the working tree's golden directory, checked for files not
	// updated after a change ("" skips the check).
	goldens string
	only    []string // variant ids to review; all when empty
	plan    *planner // nil: no plan mode
	log     io.Writer
}

// headFiles lists the environment files the snapshot test synthesizes.
func headFiles() ([]string, error) {
	var files []string
	for _, dir := range []string{envDir, variantDir} {
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
func (rv *reviewer) synthHead() (map[string][]byte, map[string]stacks.Environment, error) {
	out, err := os.MkdirTemp("", "webstack-review-")
	if err != nil {
		return nil, nil, err
	}
	defer os.RemoveAll(out)
	envs, err := stacks.Synth(stacks.SynthOptions{Files: rv.envFiles, Outdir: out, Log: io.Discard, KeepPolicyViolations: true})
	if err != nil {
		return nil, nil, synthError(err)
	}
	configs, byID := map[string][]byte{}, map[string]stacks.Environment{}
	for _, e := range envs {
		data, err := os.ReadFile(filepath.Join(out, "stacks", e.ID, "cdk.tf.json"))
		if err != nil {
			return nil, nil, err
		}
		if configs[e.ID], err = synthtest.Canonical(data); err != nil {
			return nil, nil, err
		}
		byID[e.ID] = e
	}
	return configs, byID, nil
}

// run builds the report.
func (rv *reviewer) run(ctx context.Context) (review.Report, error) {
	fmt.Fprintf(rv.log, "review: synthesizing the working tree (%d environment files)\n", len(rv.envFiles))
	head, envs, err := rv.synthHead()
	if err != nil {
		return review.Report{}, err
	}
	names, err := rv.base.list(goldenDir)
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
		if len(rv.only) == 0 || slices.Contains(rv.only, id) {
			order = append(order, id)
		}
	}
	for _, id := range rv.only {
		if !ids[id] {
			return review.Report{}, fmt.Errorf("VARIANTS: no variant %q in the base or the working tree", id)
		}
	}
	sort.Strings(order)

	rep := review.Report{Base: rv.base.name() + " goldens", Head: "working tree (fresh synth)"}
	bases := map[string][]byte{}
	for _, id := range order {
		v, base, err := rv.variant(id, head[id], envs)
		if err != nil {
			return review.Report{}, fmt.Errorf("%s: %w", id, err)
		}
		bases[id] = base
		rep.Variants = append(rep.Variants, v)
	}
	if rv.plan != nil {
		rep.PlanAsked = true
		rep.Notes = append(rep.Notes, rv.plan.note())
		rv.plan.run(ctx, rep.Variants, bases, head)
	}
	return rep, nil
}

// variant compares one variant's base golden with its fresh synth.
func (rv *reviewer) variant(id string, head []byte, envs map[string]stacks.Environment) (review.Variant, []byte, error) {
	v := review.Variant{ID: id, Status: review.Changed}
	base, inBase, err := rv.base.read(filepath.Join(goldenDir, id+".json"))
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
		if rv.goldens != "" {
			if golden, err := os.ReadFile(filepath.Join(rv.goldens, id+".json")); err == nil && !bytes.Equal(golden, head) {
				v.Notes = append(v.Notes, fmt.Sprintf("%s/%s.json is not what this tree synthesizes: run `make snapshots` and commit it",
					rv.goldens, id))
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
func (rv *reviewer) policy(id string, env stacks.Environment, base, head []byte, inBase bool) (review.PolicyDiff, []string) {
	headRep, err := stacks.PolicyReport(env, head)
	if err != nil {
		return review.PolicyDiff{}, []string{"policy not evaluated: " + err.Error()}
	}
	baseRep := policy.Report{}
	if inBase {
		rel, err := filepath.Rel(rv.root, env.File)
		if err != nil {
			return review.PolicyDiff{}, []string{"policy not compared: " + err.Error()}
		}
		data, found, err := rv.base.read(rel)
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

// failOn are the conditions -fail-on accepts, and what each checks.
var failOn = map[string]func(review.Summary, int) bool{
	"change":  func(_ review.Summary, changed int) bool { return changed > 0 },
	"destroy": func(s review.Summary, _ int) bool { return s.Removed > 0 || s.PlanDestroy > 0 },
	"replace": func(s review.Summary, _ int) bool { return s.PlanReplace > 0 },
	"rename":  func(s review.Summary, _ int) bool { return s.Renamed > 0 },
	"policy":  func(s review.Summary, _ int) bool { return s.NewFindings+s.NewSuppressions > 0 },
	"risky":   func(s review.Summary, _ int) bool { return s.Risky > 0 },
}

func failOnNames() string {
	var names []string
	for n := range failOn {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// parseFailOn checks a -fail-on list ("replace,policy").
func parseFailOn(list string) ([]string, error) {
	var out []string
	for _, c := range strings.Split(list, ",") {
		if c = strings.TrimSpace(c); c == "" {
			continue
		}
		if failOn[c] == nil {
			return nil, fmt.Errorf("-fail-on %q: want a comma-separated list of %s", c, failOnNames())
		}
		out = append(out, c)
	}
	return out, nil
}

// failed returns the -fail-on conditions the report meets.
func failed(rep review.Report, conditions []string) []string {
	changed := 0
	for _, v := range rep.Variants {
		if v.Status != review.Unchanged { // a variant is Unchanged only with an empty diff
			changed++
		}
	}
	var met []string
	for _, c := range conditions {
		if failOn[c](rep.Total(), changed) {
			met = append(met, c)
		}
	}
	return met
}

// runReview is `webstack review`: it prints the report on stdout and
// progress on stderr, and exits 0 unless an error or a -fail-on condition.
func runReview(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("review", flag.ExitOnError)
	base := fs.String("base", os.Getenv("BASE"), "git revision to compare with (default: the merge base with main, else HEAD)")
	baseDir := fs.String("base-dir", "", "a checkout of the base in a directory, instead of a git revision")
	plan := fs.Bool("plan", os.Getenv("PLAN") == "1", "deploy each changed variant's base to an emulator and plan the head over it (default: PLAN=1)")
	format := fs.String("format", getenv("FORMAT", "text"), "text or markdown (a pull-request comment)")
	failList := fs.String("fail-on", os.Getenv("FAIL_ON"), "exit 3 when the change meets any of: "+failOnNames())
	variants := fs.String("variants", os.Getenv("VARIANTS"), "comma-separated variant ids to review (default: all)")
	parallel := fs.Int("parallel", min(runtime.NumCPU(), 4), "variants planned at the same time, each on its own emulator")
	fs.Parse(args)
	fail := func(err error) int {
		fmt.Fprintln(os.Stderr, "webstack review:", err)
		return 1
	}
	if *format != "text" && *format != "markdown" {
		return fail(fmt.Errorf("-format %q: want text or markdown", *format))
	}
	conditions, err := parseFailOn(*failList)
	if err != nil {
		return fail(err)
	}
	files, err := headFiles()
	if err != nil {
		return fail(err)
	}
	rv := &reviewer{envFiles: files, root: ".", goldens: goldenDir, log: os.Stderr}
	if *baseDir != "" {
		rv.base = dirBase{dir: *baseDir}
	} else if rv.base, err = resolveGitBase(ctx, *base); err != nil {
		return fail(err)
	}
	for _, id := range strings.Split(*variants, ",") {
		if id = strings.TrimSpace(id); id != "" {
			rv.only = append(rv.only, id)
		}
	}
	workRoot := getenv("WEBSTACK_WORK_DIR", defaultWorkRoot)
	if *plan {
		rv.plan = &planner{parallel: *parallel, logDir: filepath.Join(workRoot, "review"), log: os.Stderr,
			setup: terraformSetup(filepath.Join(workRoot, "providers"))}
	}
	rep, err := rv.run(ctx)
	if err != nil {
		return fail(err)
	}
	if *format == "markdown" {
		fmt.Print(rep.Markdown(review.CommentLimit))
	} else {
		fmt.Print(rep.Text())
	}
	if met := failed(rep, conditions); len(met) > 0 {
		fmt.Fprintf(os.Stderr, "webstack review: failing, as -fail-on asks, on: %s\n", strings.Join(met, ", "))
		return 3
	}
	return 0
}

// terraformSetup finds Terraform and prepares the providers in dir.
func terraformSetup(dir string) func(context.Context) (string, *tfharness.Providers, error) {
	return func(ctx context.Context) (string, *tfharness.Providers, error) {
		tf, err := tfharness.FindTerraform(ctx)
		if err != nil {
			return "", nil, err
		}
		root, err := tfharness.ModuleRoot()
		if err != nil {
			return "", nil, err
		}
		providers, err := tfharness.SetupProviders(ctx, dir, root)
		return tf, providers, err
	}
}
