package review

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// CommentLimit is the most characters GitHub accepts in a pull-request
// comment.
const CommentLimit = 65536

// Markdown renders the report as a pull-request comment: a summary table
// first, then each changed variant's screen in a collapsed section. It never
// exceeds limit characters (CommentLimit when limit <= 0): sections that do
// not fit are left out, and a closing note says which.
func (r Report) Markdown(limit int) string {
	if limit <= 0 || limit > CommentLimit {
		limit = CommentLimit
	}
	var head strings.Builder
	head.WriteString("### " + escapeMD(r.heading()) + "\n\n")
	for _, n := range r.Notes {
		head.WriteString("> " + escapeMD(n) + "\n")
	}
	if len(r.Notes) > 0 {
		head.WriteString("\n")
	}
	var changed, unchanged []Variant
	for _, v := range r.Variants {
		if v.changed() {
			changed = append(changed, v)
		} else {
			unchanged = append(unchanged, v)
		}
	}
	if len(changed) > 0 {
		cols := []string{"variant", "added", "removed", "changed", "renamed"}
		if r.PlanAsked {
			cols = append(cols, "plan: replace", "plan: destroy")
		}
		cols = append(cols, "policy: failing", "policy: suppressed", "risky")
		head.WriteString("| " + strings.Join(cols, " | ") + " |\n|" + strings.Repeat(" --- |", len(cols)) + "\n")
		for _, v := range changed {
			s := v.Summarize()
			cells := []string{"`" + v.ID + "`" + statusNote(v), num(s.Added), num(s.Removed), num(s.Changed), num(s.Renamed)}
			if r.PlanAsked {
				if v.Plan == nil || v.Plan.Failed != "" {
					cells = append(cells, "n/a", "n/a")
				} else {
					cells = append(cells, num(s.PlanReplace), num(s.PlanDestroy))
				}
			}
			risky := num(s.Risky)
			if s.Risky > 0 {
				risky = "⚠️ " + risky
			}
			cells = append(cells, num(s.NewFindings), num(s.NewSuppressions), risky)
			head.WriteString("| " + strings.Join(cells, " | ") + " |\n")
		}
		head.WriteString("\n")
	}
	if len(unchanged) > 0 {
		ids := make([]string, len(unchanged))
		for i, v := range unchanged {
			ids[i] = "`" + v.ID + "`"
		}
		head.WriteString(fmt.Sprintf("Unchanged (%d): %s\n\n", len(unchanged), strings.Join(ids, ", ")))
	}

	var out strings.Builder
	out.WriteString(head.String())
	size := utf8.RuneCountInString(head.String())
	for i, v := range changed {
		section := "<details><summary>" + escapeMD(v.headline()) + "</summary>\n\n```text\n" +
			strings.ReplaceAll(v.Text(r.PlanAsked), "```", "'''") + "```\n</details>\n\n"
		n := utf8.RuneCountInString(section)
		// Room for this section and, should a later one not fit, the note.
		if size+n+utf8.RuneCountInString(truncatedNote(changed[i+1:])) > limit {
			return out.String() + truncatedNote(changed[i:])
		}
		out.WriteString(section)
		size += n
	}
	return out.String()
}

func truncatedNote(left []Variant) string {
	if len(left) == 0 {
		return ""
	}
	ids := make([]string, len(left))
	for i, v := range left {
		ids[i] = "`" + v.ID + "`"
	}
	return fmt.Sprintf("**Truncated:** the details of %d variant(s) (%s) are left out to stay under GitHub's %d-character "+
		"comment limit; run `make review` for the whole report.\n", len(left), strings.Join(ids, ", "), CommentLimit)
}

func statusNote(v Variant) string {
	switch v.Status {
	case New:
		return " (new)"
	case Dropped:
		return " (removed)"
	}
	return ""
}

func num(n int) string {
	if n == 0 {
		return "·"
	}
	return fmt.Sprint(n)
}

// escapeMD keeps text meant literally from being read as markdown or HTML.
func escapeMD(s string) string {
	r := strings.NewReplacer("<", "&lt;", ">", "&gt;", "|", "\\|", "*", "\\*", "_", "\\_", "`", "\\`")
	return r.Replace(s)
}
