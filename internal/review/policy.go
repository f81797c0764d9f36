package review

import (
	"sort"

	"github.com/platform-team/webstack/policy"
)

// Finding is one security-policy finding, as the review shows it.
type Finding struct {
	Rule     string // WS-ALB-1
	Level    string // error or warning
	Resource string // construct path: webtier/alb
	Detail   string
	Reason   string // the suppression's reason, for a suppressed finding
}

// PolicyDiff is how a change moved the security policy's findings.
type PolicyDiff struct {
	NewlyFailing    []Finding // failing now, not before (errors fail synth)
	NewlySuppressed []Finding // accepted by a suppression added now
	Resolved        []Finding // failing before, gone now
}

// Empty says the findings did not move.
func (p PolicyDiff) Empty() bool {
	return len(p.NewlyFailing)+len(p.NewlySuppressed)+len(p.Resolved) == 0
}

// ComparePolicy compares the policy reports of a stack before and after a
// change. A finding is the same when its rule, resource and detail are.
func ComparePolicy(base, head policy.Report) PolicyDiff {
	key := func(f policy.Finding) string { return f.Rule.ID + "\x00" + f.Resource.Path + "\x00" + f.Detail }
	failing := func(r policy.Report) map[string]policy.Finding {
		m := map[string]policy.Finding{}
		for _, f := range append(append([]policy.Finding(nil), r.Errors...), r.Warnings...) {
			m[key(f)] = f
		}
		return m
	}
	suppressed := func(r policy.Report) map[string]policy.Finding {
		m := map[string]policy.Finding{}
		for _, f := range r.Suppressed {
			m[key(f)] = f
		}
		return m
	}
	bf, hf, bs, hs := failing(base), failing(head), suppressed(base), suppressed(head)
	var d PolicyDiff
	for k, f := range hf {
		if _, ok := bf[k]; !ok {
			d.NewlyFailing = append(d.NewlyFailing, finding(f))
		}
	}
	for k, f := range hs {
		if _, ok := bs[k]; !ok {
			d.NewlySuppressed = append(d.NewlySuppressed, finding(f))
		}
	}
	for k, f := range bf {
		_, failingNow := hf[k]
		_, suppressedNow := hs[k]
		if !failingNow && !suppressedNow {
			d.Resolved = append(d.Resolved, finding(f))
		}
	}
	for _, list := range [][]Finding{d.NewlyFailing, d.NewlySuppressed, d.Resolved} {
		sort.Slice(list, func(i, j int) bool {
			if list[i].Rule != list[j].Rule {
				return list[i].Rule < list[j].Rule
			}
			if list[i].Resource != list[j].Resource {
				return list[i].Resource < list[j].Resource
			}
			return list[i].Detail < list[j].Detail
		})
	}
	return d
}

func finding(f policy.Finding) Finding {
	out := Finding{Rule: f.Rule.ID, Level: string(policy.Error), Resource: f.Resource.Path, Detail: f.Detail}
	if f.Rule.Level == policy.Warning {
		out.Level = string(policy.Warning)
	}
	if f.Suppressed != nil {
		out.Reason = f.Suppressed.Reason
	}
	return out
}
