package review

import (
	"fmt"
	"strings"
)

// Text renders the report for a terminal: a summary, one screen per
// changed variant, one line per unchanged one.
func (r Report) Text() string {
	var b strings.Builder
	b.WriteString(r.heading() + "\n")
	for _, n := range r.Notes {
		b.WriteString("note: " + n + "\n")
	}
	for _, v := range r.Variants {
		if v.changed() {
			b.WriteString("\n" + v.Text(r.PlanAsked))
		}
	}
	var unchanged []string
	for _, v := range r.Variants {
		if !v.changed() {
			unchanged = append(unchanged, v.ID)
		}
	}
	if len(unchanged) > 0 {
		b.WriteString("\n")
		for _, id := range unchanged {
			b.WriteString(id + ": unchanged\n")
		}
	}
	return b.String()
}

func (r Report) heading() string {
	changed := 0
	for _, v := range r.Variants {
		if v.changed() {
			changed++
		}
	}
	t := r.Total()
	line := fmt.Sprintf("webstack review: %s → %s: %d of %d variants changed", r.Base, r.Head, changed, len(r.Variants))
	if changed > 0 {
		line += fmt.Sprintf(" (%d added, %d removed, %d changed, %d renamed", t.Added, t.Removed, t.Changed, t.Renamed)
		if r.PlanAsked {
			line += fmt.Sprintf("; plan: %d to replace, %d to destroy", t.PlanReplace, t.PlanDestroy)
		}
		line += fmt.Sprintf("; policy: %d newly failing, %d newly suppressed; %d risky)", t.NewFindings, t.NewSuppressions, t.Risky)
	}
	return line
}

// headline is a variant's one-line summary.
func (v Variant) headline() string {
	s := v.Summarize()
	var parts []string
	switch v.Status {
	case New:
		parts = append(parts, "new variant")
	case Dropped:
		parts = append(parts, "variant removed")
	}
	for _, c := range []struct {
		n    int
		what string
	}{{s.Added, "added"}, {s.Removed, "removed"}, {s.Changed, "changed"}, {s.Renamed, "renamed"},
		{s.PlanReplace, "replaced by the plan"}, {s.PlanDestroy, "destroyed by the plan"},
		{s.NewFindings, "newly failing policy"}, {s.NewSuppressions, "newly suppressed policy"}, {s.Risky, "risky"}} {
		if c.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c.n, c.what))
		}
	}
	if len(parts) == 0 {
		parts = append(parts, "no configuration change")
	}
	return v.ID + ": " + strings.Join(parts, ", ")
}

// Text renders one variant's screen.
func (v Variant) Text(planAsked bool) string {
	var b strings.Builder
	line := func(indent int, format string, args ...any) {
		b.WriteString(strings.Repeat("  ", indent) + fmt.Sprintf(format, args...) + "\n")
	}
	line(0, "== %s", v.headline())
	for _, n := range v.Notes {
		line(1, "note: %s", n)
	}
	d := v.Diff
	if v.Status == New || v.Status == Dropped {
		// A whole stack appears or goes: counts by type say enough.
		blocks := d.Added
		if v.Status == Dropped {
			blocks = d.Removed
		}
		for _, g := range groupBlocks(blocks) {
			line(1, "%s: %d", g.typ, len(g.blocks))
		}
		return b.String()
	}
	if len(d.Added) > 0 {
		line(1, "added")
		for _, g := range groupBlocks(d.Added) {
			line(2, "%s", g.typ)
			for _, blk := range g.blocks {
				line(3, "+ %s%s", name(blk), pathNote(blk.Path))
			}
		}
	}
	if len(d.Removed) > 0 {
		line(1, "removed")
		for _, g := range groupBlocks(d.Removed) {
			line(2, "%s", g.typ)
			for _, blk := range g.blocks {
				line(3, "- %s%s%s", name(blk), pathNote(blk.Path), riskNote(blk))
			}
		}
	}
	if len(d.Changed) > 0 {
		line(1, "changed")
		var lastType string
		for _, c := range d.Changed {
			if c.Type != lastType {
				line(2, "%s", c.Type)
				lastType = c.Type
			}
			line(3, "~ %s%s", name(c.Block), pathNote(c.Path))
			for _, a := range c.Attrs {
				line(5, "%s", renderAttr(a))
			}
			if attrs := likelyReplaced(c); len(attrs) > 0 {
				why, _ := Risky(c.Type)
				line(5, "! %s changed: AWS cannot rename this resource, so it is likely replaced (%s)",
					strings.Join(attrs, ", "), why)
			}
		}
	}
	if len(d.Renamed) > 0 {
		line(1, "renamed (a construct id changed: destroyed and re-created unless the code declares the move)")
		var lastType string
		for _, r := range d.Renamed {
			if r.To.Type != lastType {
				line(2, "%s", r.To.Type)
				lastType = r.To.Type
			}
			line(3, "> %s → %s%s%s", name(r.From), name(r.To), pathMove(r.From.Path, r.To.Path), riskNote(r.From))
			for _, a := range r.Attrs {
				line(5, "%s", renderAttr(a))
			}
			if r.From.Resource {
				line(5, "keep it: moved { from = %s, to = %s } (in cdktf: MoveFromId(%q) on the resource)",
					r.From.Addr, r.To.Addr, r.From.Addr)
			}
		}
	}
	if !v.Policy.Empty() {
		line(1, "policy")
		for _, f := range v.Policy.NewlyFailing {
			line(2, "newly failing: %s [%s] %s: %s", f.Rule, f.Level, f.Resource, f.Detail)
		}
		for _, f := range v.Policy.NewlySuppressed {
			line(2, "newly suppressed: %s [%s] %s: %s (reason: %s)", f.Rule, f.Level, f.Resource, f.Detail, f.Reason)
		}
		for _, f := range v.Policy.Resolved {
			line(2, "resolved: %s [%s] %s: %s", f.Rule, f.Level, f.Resource, f.Detail)
		}
	}
	if planAsked {
		v.planText(line)
	}
	return b.String()
}

func (v Variant) planText(line func(int, string, ...any)) {
	p := v.Plan
	switch {
	case p == nil:
		return
	case p.Failed != "":
		line(1, "plan: none (%s); the configuration diff above is the review", p.Failed)
		if p.Log != "" {
			line(2, "Terraform's output: %s", p.Log)
		}
		return
	}
	count := map[Action]int{}
	for _, i := range p.Impacts {
		count[i.Action]++
	}
	line(1, "plan (Terraform, head over the base deployed to the emulator): %d to add, %d to change, %d to replace, %d to destroy",
		count[ActionCreate], count[ActionUpdate], count[ActionReplace], count[ActionDelete])
	// Most telling first: what is lost, then what is rebuilt, changed, added.
	for _, act := range []Action{ActionDelete, ActionReplace, ActionUpdate, ActionCreate} {
		for _, i := range p.Impacts {
			if i.Action != act {
				continue
			}
			mark := actionMarks[act]
			extra := ""
			if len(i.ReplacePaths) > 0 {
				extra = " (forced by " + strings.Join(i.ReplacePaths, ", ") + ")"
			}
			if i.Risky != "" {
				mark = "!"
				extra += " RISKY: " + i.Risky
			}
			line(2, "%s %s %s%s", mark, act, i.Address, extra)
			if act != ActionCreate {
				for _, a := range i.Attrs {
					line(4, "%s", renderAttr(a))
				}
			}
		}
	}
}

var actionMarks = map[Action]string{ActionDelete: "-", ActionReplace: "±", ActionUpdate: "~", ActionCreate: "+"}

type blockGroup struct {
	typ    string
	blocks []Block
}

// groupBlocks groups blocks (already in type order) by type.
func groupBlocks(blocks []Block) []blockGroup {
	var out []blockGroup
	for _, b := range blocks {
		if len(out) == 0 || out[len(out)-1].typ != b.Type {
			out = append(out, blockGroup{typ: b.Type})
		}
		out[len(out)-1].blocks = append(out[len(out)-1].blocks, b)
	}
	return out
}

// name is a block's address without its type, which its group shows.
func name(b Block) string {
	if rest, ok := strings.CutPrefix(b.Addr, b.Type+"."); ok {
		return rest
	}
	return b.Addr
}

func pathNote(path string) string {
	if path == "" {
		return ""
	}
	return "  (" + path + ")"
}

func pathMove(from, to string) string {
	if from == "" || to == "" {
		return ""
	}
	return "  (" + from + " → " + to + ")"
}

func riskNote(b Block) string {
	if why, ok := Risky(b.Type); ok && b.Resource {
		return "  ! RISKY: " + why
	}
	return ""
}
