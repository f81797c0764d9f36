package main

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"sync"

	tfjson "github.com/hashicorp/terraform-json"
)

// planSummary is what a deploy is about to do, in a few lines: counts, then
// every resource that is replaced or destroyed (what loses data or names),
// with the attributes that force a replacement.
// steps counts the completions an apply of the plan reports (a replacement
// reports two).
func planSummary(plan *tfjson.Plan) (lines []string, steps int) {
	var add, change, replace, destroy int
	var risky []string
	for _, rc := range plan.ResourceChanges {
		a := rc.Change.Actions
		switch {
		case a.Replace():
			replace++
			why := ""
			if paths := replacePaths(rc.Change.ReplacePaths); paths != "" {
				why = " (forced by " + paths + ")"
			}
			risky = append(risky, "replace "+rc.Address+why)
		case a.Create():
			add++
		case a.Update():
			change++
		case a.Delete():
			destroy++
			risky = append(risky, "destroy "+rc.Address)
		}
	}
	sort.Strings(risky)
	lines = append(lines, fmt.Sprintf("plan: %d to add, %d to change, %d to replace, %d to destroy", add, change, replace, destroy))
	for _, r := range risky {
		lines = append(lines, "  "+r)
	}
	return lines, add + change + 2*replace + destroy
}

// replacePaths renders a plan's replace_paths ([["tags","Name"], …]) as
// attribute paths.
func replacePaths(paths []any) string {
	var out []string
	for _, p := range paths {
		steps, ok := p.([]any)
		if !ok {
			continue
		}
		var parts []string
		for _, s := range steps {
			parts = append(parts, fmt.Sprint(s))
		}
		out = append(out, strings.Join(parts, "."))
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

// progress reads Terraform's apply or destroy output and reports each
// resource as it completes, counting towards total (when known).
type progress struct {
	mu    sync.Mutex
	out   io.Writer
	total int
	done  int
	buf   []byte
}

var completeLine = regexp.MustCompile(`^\s*(\S+): (Creation|Modifications|Destruction) complete after (\S+)`)

func (p *progress) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.buf = append(p.buf, b...)
	for {
		nl := bytes.IndexByte(p.buf, '\n')
		if nl < 0 {
			return len(b), nil
		}
		line := string(p.buf[:nl])
		p.buf = p.buf[nl+1:]
		if m := completeLine.FindStringSubmatch(line); m != nil {
			p.done++
			verb := map[string]string{"Creation": "created", "Modifications": "updated", "Destruction": "destroyed"}[m[2]]
			count := fmt.Sprint(p.done)
			if p.total > 0 {
				count += fmt.Sprintf("/%d", p.total)
			}
			fmt.Fprintf(p.out, "    [%s] %s %s (%s)\n", count, verb, m[1], m[3])
		}
	}
}
