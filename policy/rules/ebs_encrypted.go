package rules

import "github.com/platform-team/webstack/policy"

func ebsEncrypted() policy.Rule {
	return policy.Rule{
		ID:          "WS-EC2-4",
		Level:       policy.Error,
		Severity:    policy.High,
		Description: "EBS volumes are encrypted at rest",
		Controls:    []string{"CKV_AWS_8", "AVD-AWS-0008", "EC2.181"},
		Fix:         `in code: set ebs { encrypted = "true" } on every block device mapping`,
		Types:       []string{"aws_launch_template", "aws_instance", "aws_ebs_volume"},
		Check: func(r policy.Resource, _ *policy.Stack) []string {
			switch r.Type {
			case "aws_ebs_volume":
				if !isTrue(r.Attrs, "encrypted") {
					return []string{"the volume is not encrypted"}
				}
				return nil
			case "aws_instance":
				if !isTrue(r.Attrs, "root_block_device.encrypted") {
					return []string{"the root volume is not encrypted"}
				}
			}
			mappings := r.Attrs.Blocks("block_device_mappings")
			if r.Type == "aws_launch_template" && len(mappings) == 0 {
				return []string{"no block device mapping: the root volume takes the AMI's (possibly unencrypted) settings"}
			}
			for _, m := range mappings {
				if ebs := m.Block("ebs"); len(ebs) > 0 && !isTrue(ebs, "encrypted") {
					return []string{"volume " + m.Str("device_name") + " is not encrypted"}
				}
			}
			return nil
		},
	}
}
