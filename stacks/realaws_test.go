package stacks

import (
	"slices"
	"strings"
	"testing"
)

// What real AWS rejects or breaks and the emulator accepts, pinned over the
// synthesized JSON of every variant (issue: the first real deploy).

// IAM is eventually consistent: a flow log created before its role's policy
// exists fails with "Unable to assume given IAM role" (terraform-provider-aws
// #29323); and AWS's flow-log guide lists logs:DescribeLogGroups among the
// role's permissions.
func TestFlowLogWaitsForItsRolePolicy(t *testing.T) {
	for id, s := range synthAll(t).stacks {
		for _, fl := range s.OfType("aws_flow_log") {
			var policy string
			for _, p := range s.OfType("aws_iam_role_policy") {
				if strings.HasPrefix(p.Path, "network/") {
					policy = p.Address()
					if !strings.Contains(p.Attrs.Str("policy"), `"logs:DescribeLogGroups"`) {
						t.Errorf("%s: the flow-log role's policy lacks logs:DescribeLogGroups", id)
					}
				}
			}
			if policy == "" || !slices.Contains(fl.Attrs.Strings("depends_on"), policy) {
				t.Errorf("%s: the flow log does not wait for its role's policy %q (depends_on %v)", id, policy, fl.Attrs.Strings("depends_on"))
			}
		}
	}
}

// In an account that opted in to Local Zones, the zone list holds them too,
// and they sort first: subnet 0 would land in one. Only zones that need no
// opt-in are the region's own.
func TestZonesAreTheRegionsOwn(t *testing.T) {
	for id, s := range synthAll(t).stacks {
		for _, r := range s.Resources {
			if !r.Data || r.Type != "aws_availability_zones" {
				continue
			}
			ok := false
			for _, f := range r.Attrs.Blocks("filter") {
				if f.Str("name") == "opt-in-status" && slices.Equal(f.Strings("values"), []string{"opt-in-not-required"}) {
					ok = true
				}
			}
			if !ok {
				t.Errorf("%s: %s is not filtered to opt-in-status opt-in-not-required", id, r.Address())
			}
		}
	}
}

// An apply whose instances never pass the health check must not look green:
// the group's creation waits for min_size healthy targets (moto reports
// registered targets healthy, so the emulator deploy waits too).
func TestApplyWaitsForHealthyCapacity(t *testing.T) {
	for id, s := range synthAll(t).stacks {
		asg, ok := s.ByPath("webtier/asg")
		if !ok {
			continue
		}
		min, _ := asg.Attrs.Num("min_size")
		if got, ok := asg.Attrs.Num("min_elb_capacity"); !ok || got != min {
			t.Errorf("%s: min_elb_capacity %v; want min_size %v", id, got, min)
		}
		if asg.Attrs.Str("wait_for_capacity_timeout") == "" || asg.Attrs.Str("wait_for_capacity_timeout") == "0" {
			t.Errorf("%s: the apply does not wait for capacity", id)
		}
	}
}
