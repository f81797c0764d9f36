package emutarget

// Gap is an attribute the emulator (moto 5) reports differently from what
// was applied, so that every plan after a deploy would show a change AWS
// would never show. Configurations aimed at the emulator tell Terraform to
// ignore it (lifecycle.ignore_changes); configurations for AWS are not
// touched.
type Gap struct {
	ResourceType string
	Attribute    string
	Why          string
	// OnlyGroupPeers narrows the gap to security-group rules whose peer is
	// another security group (referenced_security_group_id is set).
	OnlyGroupPeers bool
}

// Gaps are the emulator's known misreports for the resource types the
// stacks use.
var Gaps = []Gap{
	{"aws_autoscaling_policy", "enabled",
		"moto does not return Enabled for scaling policies, so the provider reads false", false},
	{"aws_autoscaling_policy", "predictive_scaling_configuration",
		"moto returns an empty predictive-scaling block for target-tracking policies", false},
	{"aws_launch_template", "tag_specifications",
		"moto returns the template's own tags as an extra 'launch-template' tag specification, " +
			"which would make every plan write a new template version (and roll the Auto Scaling group)", false},
	{"aws_vpc_security_group_ingress_rule", "description",
		"moto drops the description of rules whose peer is a security group", true},
	{"aws_vpc_security_group_egress_rule", "description",
		"moto drops the description of rules whose peer is a security group", true},
}
