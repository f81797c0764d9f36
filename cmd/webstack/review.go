package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/platform-team/webstack/internal/review"
	"github.com/platform-team/webstack/internal/reviewer"
)

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
	// The head is what synth reads (WEBSTACK_ENV_DIR, as deploy does) and
	// the test variants; the base's goldens are the project's.
	files, err := reviewer.HeadFiles(getenv("WEBSTACK_ENV_DIR", defaultEnvDir), reviewer.VariantDir)
	if err != nil {
		return fail(err)
	}
	rv := &reviewer.Reviewer{EnvFiles: files, Root: ".", Goldens: reviewer.GoldenDir, Log: os.Stderr}
	if *baseDir != "" {
		rv.Base = reviewer.DirBase{Dir: *baseDir}
	} else if rv.Base, err = reviewer.GitBase(ctx, *base); err != nil {
		return fail(err)
	}
	for _, id := range strings.Split(*variants, ",") {
		if id = strings.TrimSpace(id); id != "" {
			rv.Only = append(rv.Only, id)
		}
	}
	workRoot := getenv("WEBSTACK_WORK_DIR", defaultWorkRoot)
	if *plan {
		rv.Plan = &reviewer.Planner{Parallel: *parallel, LogDir: filepath.Join(workRoot, "review"), Log: os.Stderr,
			Setup: reviewer.TerraformSetup(filepath.Join(workRoot, "providers"))}
	}
	rep, err := rv.Run(ctx)
	if err != nil {
		return fail(synthError(err))
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
