package stacks

import (
	"slices"
	"strings"
	"testing"
)

// On the first apply, the Auto Scaling group waits for everything its
// instances need to reach out: in every variant with a network of its own,
// its depends_on names every NAT gateway, every private route and route-table
// association, every VPC endpoint, and the instances' outbound rule — so no
// instance boots before its way out exists.
func TestInstancesLaunchAfterTheirWayOut(t *testing.T) {
	res := synthAll(t)
	for id, s := range res.stacks {
		asg, ok := s.ByPath("webtier/asg")
		if !ok {
			t.Errorf("%s: no Auto Scaling group", id)
			continue
		}
		deps := asg.Attrs.Strings("depends_on")
		need := []string{}
		if out, ok := s.ByPath("webtier/instances-https-out"); ok {
			need = append(need, out.Address())
		} else {
			t.Errorf("%s: no outbound rule for the instances", id)
		}
		if len(s.OfType("aws_vpc")) > 0 { // a network of the stack's own
			for _, typ := range []string{"aws_nat_gateway", "aws_route", "aws_route_table_association", "aws_vpc_endpoint"} {
				for _, r := range s.OfType(typ) {
					if typ == "aws_route" && !strings.Contains(r.Path, "private") ||
						typ == "aws_route_table_association" && !strings.Contains(r.Path, "private") {
						continue // the public side serves the load balancer, not the instances
					}
					need = append(need, r.Address())
				}
			}
			if len(s.OfType("aws_vpc_endpoint")) == 0 {
				t.Errorf("%s: no VPC endpoint (the S3 gateway endpoint belongs to every network of the stack's own)", id)
			}
		}
		for _, n := range need {
			if !slices.Contains(deps, n) {
				t.Errorf("%s: the Auto Scaling group does not wait for %s (depends_on %v)", id, n, deps)
			}
		}
	}
}
