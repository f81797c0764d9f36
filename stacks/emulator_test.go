package stacks

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/autoscalingpolicy"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpcsecuritygroupingressrule"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/internal/synthtest"
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

// TestEmulatorGapsKeepWhatAConstructIgnores: the bridge adds to an existing
// ignore_changes list instead of replacing it, and leaves rules whose peer is
// a CIDR alone.
func TestEmulatorGapsKeepWhatAConstructIgnores(t *testing.T) {
	s := synthtest.Stack(t, func(stack cdktf.TerraformStack) {
		autoscalingpolicy.NewAutoscalingPolicy(stack, jsii.String("policy"), &autoscalingpolicy.AutoscalingPolicyConfig{
			Name: jsii.String("p"), AutoscalingGroupName: jsii.String("g"),
			Lifecycle: &cdktf.TerraformResourceLifecycle{IgnoreChanges: jsii.Strings("name")},
		})
		vpcsecuritygroupingressrule.NewVpcSecurityGroupIngressRule(stack, jsii.String("from-cidr"),
			&vpcsecuritygroupingressrule.VpcSecurityGroupIngressRuleConfig{
				SecurityGroupId: jsii.String("sg-1"), IpProtocol: jsii.String("tcp"), CidrIpv4: jsii.String("10.0.0.0/8"),
				FromPort: jsii.Number(80), ToPort: jsii.Number(80), Description: jsii.String("web"),
			})
		bridgeEmulatorGaps(stack)
	})
	for _, r := range s.Resources {
		got := r.Attrs.Strings("lifecycle.ignore_changes")
		switch r.Type {
		case "aws_autoscaling_policy":
			if !slices.Equal(got, []string{"enabled", "name", "predictive_scaling_configuration"}) {
				t.Errorf("policy ignores %v; want the construct's name kept beside the gaps", got)
			}
		case "aws_vpc_security_group_ingress_rule":
			if len(got) != 0 {
				t.Errorf("a CIDR-peer rule ignores %v; moto keeps its description", got)
			}
		}
	}
}
