// Package review tells reviewers of a change to synthesized Terraform what
// it does: which blocks of a stack were added, removed, changed or renamed
// (Compare), which security-policy findings appeared or were suppressed
// (ComparePolicy), and, from a Terraform plan of the new configuration over
// the old one's state, what Terraform would update, replace or destroy
// (Impacts). Report renders all of it as plain text or as a pull-request
// comment in markdown. The package reads JSON and plans only: it needs no
// cdktf, no Terraform and no AWS.
package review

// Report is the review of one change across every variant (stack).
type Report struct {
	Base string // what the change is compared with, e.g. "main (3f2a1c9)"
	Head string // what is reviewed, e.g. "working tree"
	// PlanAsked says the plan mode ran: variants without a plan say why.
	PlanAsked bool
	Variants  []Variant // sorted by ID
	// Notes concern the whole run (e.g. how the plan was made).
	Notes []string
}

// Status says how a variant's configuration moved.
type Status string

const (
	Unchanged Status = "unchanged"
	Changed   Status = "changed"
	New       Status = "new"     // only the head has it
	Dropped   Status = "dropped" // only the base has it
)

// Variant is the review of one stack.
type Variant struct {
	ID     string
	Status Status
	Diff   Diff
	Policy PolicyDiff
	// Plan is Terraform's verdict (nil when the plan mode did not run for
	// this variant).
	Plan *PlanResult
	// Notes are remarks about this variant (a golden file not updated, a
	// base whose policy could not be evaluated, ...).
	Notes []string
}

// Changed says whether anything about v deserves a screen.
func (v Variant) changed() bool {
	return v.Status != Unchanged || !v.Diff.Empty() || !v.Policy.Empty() || len(v.Notes) > 0 ||
		(v.Plan != nil && len(v.Plan.Impacts) > 0)
}

// Summary counts what a report found, for exit statuses and tables.
type Summary struct {
	Added, Removed, Changed, Renamed     int
	PlanUpdate, PlanReplace, PlanDestroy int
	NewFindings, NewSuppressions         int
	Risky                                int
}

// Summarize counts v's changes.
func (v Variant) Summarize() Summary {
	s := Summary{Added: len(v.Diff.Added), Removed: len(v.Diff.Removed), Changed: len(v.Diff.Changed),
		Renamed: len(v.Diff.Renamed), NewFindings: len(v.Policy.NewlyFailing),
		NewSuppressions: len(v.Policy.NewlySuppressed)}
	for _, b := range v.Diff.Removed {
		if _, ok := Risky(b.Type); ok {
			s.Risky++
		}
	}
	for _, r := range v.Diff.Renamed {
		if _, ok := Risky(r.From.Type); ok {
			s.Risky++
		}
	}
	if v.Plan == nil || v.Plan.Failed != "" {
		// No plan to say for sure: count the likely replacements.
		for _, c := range v.Diff.Changed {
			if len(likelyReplaced(c)) > 0 {
				s.Risky++
			}
		}
	}
	if v.Plan != nil {
		for _, i := range v.Plan.Impacts {
			switch i.Action {
			case ActionUpdate:
				s.PlanUpdate++
			case ActionReplace:
				s.PlanReplace++
			case ActionDelete:
				s.PlanDestroy++
			}
			if i.Risky != "" && (i.Action == ActionReplace || i.Action == ActionDelete) {
				s.Risky++
			}
		}
	}
	return s
}

// Total adds up the summaries of every variant.
func (r Report) Total() Summary {
	var t Summary
	for _, v := range r.Variants {
		s := v.Summarize()
		t.Added += s.Added
		t.Removed += s.Removed
		t.Changed += s.Changed
		t.Renamed += s.Renamed
		t.PlanUpdate += s.PlanUpdate
		t.PlanReplace += s.PlanReplace
		t.PlanDestroy += s.PlanDestroy
		t.NewFindings += s.NewFindings
		t.NewSuppressions += s.NewSuppressions
		t.Risky += s.Risky
	}
	return t
}
