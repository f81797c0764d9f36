package stacks

import (
	"fmt"
	"maps"
	"slices"
	"testing"
)

// ignored maps each resource's address to its lifecycle.ignore_changes.
func ignored(t *testing.T, id string) map[string][]string {
	out := map[string][]string{}
	for _, r := range synthAll(t).stacks[id].Resources {
		if l := r.Attrs.Strings("lifecycle.ignore_changes"); len(l) > 0 {
			out[r.Type+"/"+r.Path] = l
		}
	}
	return out
}

// TestEmulatorGapsOnlyInTheEmulatorTarget: the emulator stack ignores exactly
// the attributes moto misreports (so `cdktf diff` after a deploy is clean);
// a stack for AWS ignores only what its constructs decided.
func TestEmulatorGapsOnlyInTheEmulatorTarget(t *testing.T) {
	// The constructs' own: scaling owns the desired capacity, and subnets
	// keep the zone they were created in.
	want := map[string][]string{"aws_autoscaling_group/webtier/asg": {"desired_capacity"}}
	for _, tier := range []string{"public", "private"} {
		for i := range 2 { // dev, staging and local have two zones; prod three
			want[fmt.Sprintf("aws_subnet/network/%s-subnet-%d", tier, i)] = []string{"availability_zone"}
		}
	}
	for _, id := range []string{"dev", "prod", "staging"} {
		want := maps.Clone(want)
		if id == "prod" {
			want["aws_subnet/network/public-subnet-2"] = []string{"availability_zone"}
			want["aws_subnet/network/private-subnet-2"] = []string{"availability_zone"}
		}
		if got := ignored(t, id); !equalLists(got, want) {
			t.Errorf("%s (AWS target) ignores %v; want only %v", id, got, want)
		}
	}
	local := ignored(t, "local")
	want["aws_autoscaling_policy/webtier/cpu-target"] = []string{"enabled", "predictive_scaling_configuration"}
	want["aws_launch_template/webtier/launch-template"] = []string{"tag_specifications"}
	want["aws_vpc_security_group_ingress_rule/webtier/instances-from-alb"] = []string{"description"}
	want["aws_vpc_security_group_egress_rule/webtier/alb-to-instances"] = []string{"description"}
	if !equalLists(local, want) {
		t.Errorf("local (emulator target) ignores %v;\nwant %v", local, want)
	}
}

func equalLists(a, b map[string][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !slices.Equal(v, b[k]) {
			return false
		}
	}
	return true
}
