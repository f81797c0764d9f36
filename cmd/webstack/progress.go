package main

import (
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/platform-team/webstack/internal/review"
	"github.com/platform-team/webstack/internal/tfharness"
)

// planSummary is what a deploy is about to do, in a few lines: counts, then
// every resource that is replaced or destroyed (what loses data or names),
// with the attributes that force a replacement. It reads the plan the way
// make review does (review.Impacts).
// steps counts the completions an apply of the plan reports (a replacement
// reports two).
func planSummary(plan *tfjson.Plan) (lines []string, steps int) {
	count := map[review.Action]int{}
	var risky []string
	for _, i := range review.Impacts(plan) {
		count[i.Action]++
		switch i.Action {
		case review.ActionReplace:
			why := ""
			switch {
			case i.Tainted:
				why = " (tainted: its create did not finish — an interrupted run — so Terraform makes it again)"
			case len(i.ReplacePaths) > 0:
				why = " (forced by " + strings.Join(i.ReplacePaths, ", ") + ")"
			}
			risky = append(risky, "replace "+i.Address+why)
		case review.ActionDelete:
			risky = append(risky, "destroy "+i.Address)
		}
	}
	sort.Strings(risky)
	add, change, replace, destroy := count[review.ActionCreate], count[review.ActionUpdate], count[review.ActionReplace],
		count[review.ActionDelete]
	lines = append(lines, fmt.Sprintf("plan: %d to add, %d to change, %d to replace, %d to destroy", add, change, replace, destroy))
	for _, r := range risky {
		lines = append(lines, "  "+r)
	}
	return lines, add + change + 2*replace + destroy
}

// progress reads Terraform's apply or destroy output and reports each
// resource as it completes, counting towards total (when known).
type progress struct {
	out   io.Writer
	total int
	done  int
	lines *tfharness.Lines
	// created lists the resources this run created, in order.
	created []string
}

var completeLine = regexp.MustCompile(`^\s*(\S+): (Creation|Modifications|Destruction) complete after (\S+)`)

func newProgress(out io.Writer) *progress {
	p := &progress{out: out}
	p.lines = &tfharness.Lines{Line: p.line}
	return p
}

func (p *progress) Write(b []byte) (int, error) { return p.lines.Write(b) }

// line reports a completion line of Terraform's output (Lines calls it one
// line at a time).
func (p *progress) line(line string) {
	m := completeLine.FindStringSubmatch(line)
	if m == nil {
		return
	}
	p.done++
	if m[2] == "Creation" {
		p.created = append(p.created, m[1])
	}
	verb := map[string]string{"Creation": "created", "Modifications": "updated", "Destruction": "destroyed"}[m[2]]
	count := fmt.Sprint(p.done)
	if p.total > 0 {
		count += fmt.Sprintf("/%d", p.total)
	}
	fmt.Fprintf(p.out, "    [%s] %s %s (%s)\n", count, verb, m[1], m[3])
}
