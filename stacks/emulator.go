package stacks

import (
	"slices"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpcsecuritygroupegressrule"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpcsecuritygroupingressrule"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/internal/emulator"
)

// The emulator's known misreports (emulator.Gaps) are bridged here, in the
// emulator target only: stacks for AWS are not touched, and the end-to-end
// re-plan test still proves every other attribute.

// peersWithGroup says whether a security-group rule's peer is another group.
func peersWithGroup(r cdktf.TerraformResource) bool {
	switch rule := r.(type) {
	case vpcsecuritygroupingressrule.VpcSecurityGroupIngressRule:
		return rule.ReferencedSecurityGroupIdInput() != nil
	case vpcsecuritygroupegressrule.VpcSecurityGroupEgressRule:
		return rule.ReferencedSecurityGroupIdInput() != nil
	}
	return false
}

// bridgeEmulatorGaps adds each emulator.Gap's attribute to the
// lifecycle.ignore_changes of the resources it applies to, keeping what the
// constructs ignore already.
func bridgeEmulatorGaps(stack cdktf.TerraformStack) {
	for _, node := range *stack.Node().FindAll(constructs.ConstructOrder_PREORDER) {
		r, ok := node.(cdktf.TerraformResource)
		if !ok {
			continue
		}
		var ignore []string
		for _, g := range emulator.Gaps {
			if *r.TerraformResourceType() == g.ResourceType && (!g.OnlyGroupPeers || peersWithGroup(r)) {
				ignore = append(ignore, g.Attribute)
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
