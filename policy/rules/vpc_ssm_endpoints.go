package rules

import (
	"strings"

	"github.com/platform-team/webstack/policy"
)

// ssmEndpointServices are what the SSM agent calls; without a route out it
// reaches them only through interface endpoints.
var ssmEndpointServices = []string{"ssm", "ssmmessages", "ec2messages"}

func vpcSSMEndpoints() policy.Rule {
	return policy.Rule{
		ID:          "WS-VPC-4",
		Level:       policy.Warning,
		Severity:    policy.Low,
		Description: "A VPC without NAT reaches Systems Manager through interface endpoints",
		Controls:    []string{"SSM.1"},
		Fix:         `set ssm_endpoints to true (the default with nat_gateways "none"), or choose a NAT mode`,
		Types:       []string{"aws_vpc"},
		Check: func(r policy.Resource, s *policy.Stack) []string {
			if len(s.OfType("aws_nat_gateway")) > 0 {
				return nil // instances reach Systems Manager through NAT
			}
			have := map[string]bool{}
			for _, e := range s.Referencing("aws_vpc_endpoint", "vpc_id", r) {
				name := e.Attrs.Str("service_name")
				if e.Attrs.Str("vpc_endpoint_type") == "Interface" {
					have[name[strings.LastIndex(name, ".")+1:]] = true
				}
			}
			var missing []string
			for _, svc := range ssmEndpointServices {
				if !have[svc] {
					missing = append(missing, svc)
				}
			}
			if len(missing) > 0 {
				return []string{"no NAT gateway and no interface endpoint for " + strings.Join(missing, ", ") +
					": Systems Manager cannot manage the instances (no Session Manager, no patching)"}
			}
			return nil
		},
	}
}
