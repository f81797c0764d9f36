package stacks

import (
	"slices"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpcsecuritygroupegressrule"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpcsecuritygroupingressrule"
	"github.com/hashicorp/terraform-cdk-go/cdktf"
)

// emulatorGap is an attribute the emulator (moto 5) reports differently from
// what was applied, so that every plan after a deploy would show a change
// AWS would never show. In the emulator target only, the stack tells
// Terraform to ignore it; stacks for AWS are not touched. The end-to-end
// re-plan test still proves every other attribute.
type emulatorGap struct {
	resourceType string
	attribute    string
	why          string
	// applies, when set, narrows the gap to some resources of the type.
	applies func(cdktf.TerraformResource) bool
}

var emulatorGaps = []emulatorGap{
	{"aws_autoscaling_policy", "enabled",
		"moto does not return Enabled for scaling policies, so the provider reads false", nil},
	{"aws_autoscaling_policy", "predictive_scaling_configuration",
		"moto returns an empty predictive-scaling block for target-tracking policies", nil},
	{"aws_launch_template", "tag_specifications",
		"moto returns the template's own tags as an extra 'launch-template' tag specification, " +
			"which would make every plan write a new template version (and roll the Auto Scaling group)", nil},
	{"aws_vpc_security_group_ingress_rule", "description",
		"moto drops the description of rules whose peer is a security group", peersWithGroup},
	{"aws_vpc_security_group_egress_rule", "description",
		"moto drops the description of rules whose peer is a security group", peersWithGroup},
}

func peersWithGroup(r cdktf.TerraformResource) bool {
	switch rule := r.(type) {
	case vpcsecuritygroupingressrule.VpcSecurityGroupIngressRule:
		return rule.ReferencedSecurityGroupIdInput() != nil
	case vpcsecuritygroupegressrule.VpcSecurityGroupEgressRule:
		return rule.ReferencedSecurityGroupIdInput() != nil
	}
	return false
}

// bridgeEmulatorGaps adds each emulatorGap's attribute to the
// lifecycle.ignore_changes of the resources it applies to, keeping what the
// constructs ignore already.
func bridgeEmulatorGaps(stack cdktf.TerraformStack) {
	for _, node := range *stack.Node().FindAll(constructs.ConstructOrder_PREORDER) {
		r, ok := node.(cdktf.TerraformResource)
		if !ok {
			continue
		}
		var ignore []string
		for _, g := range emulatorGaps {
			if *r.TerraformResourceType() == g.resourceType && (g.applies == nil || g.applies(r)) {
				ignore = append(ignore, g.attribute)
			}
		}
		if len(ignore) == 0 {
			continue
		}
		lc := r.Lifecycle()
		if lc == nil {
			lc = &cdktf.TerraformResourceLifecycle{}
		}
		for _, a := range stringsOf(lc.IgnoreChanges) {
			if a == "all" {
				ignore = nil // the construct ignores everything already
				break
			}
			if !slices.Contains(ignore, a) {
				ignore = append(ignore, a)
			}
		}
		if ignore == nil {
			continue
		}
		slices.Sort(ignore)
		lc.IgnoreChanges = jsii.Strings(ignore...)
		r.SetLifecycle(lc)
	}
}

// stringsOf reads a lifecycle list as the jsii runtime hands it back: the
// Go value a construct set, or the runtime's own decoding of it.
func stringsOf(v any) []string {
	var out []string
	switch l := v.(type) {
	case string:
		out = append(out, l)
	case *string:
		if l != nil {
			out = append(out, *l)
		}
	case *[]*string:
		if l != nil {
			for _, s := range *l {
				out = append(out, *s)
			}
		}
	case []*string:
		for _, s := range l {
			out = append(out, *s)
		}
	case []any:
		for _, e := range l {
			out = append(out, stringsOf(e)...)
		}
	case *[]any:
		if l != nil {
			out = stringsOf(*l)
		}
	}
	return out
}
