package rules

import "webstack/policy"

// albInternetFacing flags what a public web tier must do: be reachable from
// the internet. Environment files accept it per load balancer with a
// suppression and its reason, so the exposure is a visible, reviewed choice.
func albInternetFacing() policy.Rule {
	return policy.Rule{
		ID:          "WS-ALB-6",
		Severity:    policy.Low,
		Description: "Load balancers are internal unless an exposure is accepted for that one resource",
		Controls:    []string{"AVD-AWS-0053"},
		Fix: `if this load balancer is the public entry point by design, add to the environment file: ` +
			`"policy": {"suppressions": [{"rule": "WS-ALB-6", "resource": "{path}", "reason": "<why it must be public>"}]}`,
		Types: []string{"aws_lb", "aws_alb"},
		Check: func(r policy.Resource, _ *policy.Stack) []string {
			if internal, set := r.Attrs.Bool("internal"); !set || !internal {
				return []string{"the load balancer is internet-facing"}
			}
			return nil
		},
	}
}
