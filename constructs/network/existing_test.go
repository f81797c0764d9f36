package network

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/field"
	"github.com/platform-team/webstack/internal/synthtest"
	"github.com/platform-team/webstack/policy"
)

const (
	testVpc = "vpc-0a1b2c3d4e5f60718"
	pubA    = "subnet-0aaaaaaaaaaaaaaa1"
	pubB    = "subnet-0aaaaaaaaaaaaaaa2"
	privA   = "subnet-0bbbbbbbbbbbbbbb1"
	privB   = "subnet-0bbbbbbbbbbbbbbb2"
)

func TestExistingPropsValidate(t *testing.T) {
	valid := func() ExistingProps {
		return ExistingProps{VpcID: testVpc, PublicSubnetIDs: []string{pubA, pubB}, PrivateSubnetIDs: []string{privA, privB}}
	}
	for _, tc := range []struct {
		name string
		edit func(p *ExistingProps)
		path string
		kind field.Kind
	}{
		{"no vpc", func(p *ExistingProps) { p.VpcID = "" }, "VpcID", field.Required},
		{"vpc shape", func(p *ExistingProps) { p.VpcID = "vpc-XYZ" }, "VpcID", field.Invalid},
		{"subnet id as vpc", func(p *ExistingProps) { p.VpcID = pubA }, "VpcID", field.Invalid},
		{"no private", func(p *ExistingProps) { p.PrivateSubnetIDs = nil }, "PrivateSubnetIDs", field.Required},
		{"one private", func(p *ExistingProps) { p.PrivateSubnetIDs = p.PrivateSubnetIDs[:1] }, "PrivateSubnetIDs", field.Required},
		{"one public", func(p *ExistingProps) { p.PublicSubnetIDs = p.PublicSubnetIDs[:1] }, "PublicSubnetIDs", field.Required},
		{"seven public", func(p *ExistingProps) {
			p.PublicSubnetIDs = []string{"subnet-11111111", "subnet-22222222", "subnet-33333333", "subnet-44444444",
				"subnet-55555555", "subnet-66666666", "subnet-77777777"}
		}, "PublicSubnetIDs", field.TooMany},
		{"subnet shape", func(p *ExistingProps) { p.PrivateSubnetIDs[1] = "subnet-12" }, "PrivateSubnetIDs[1]", field.Invalid},
		{"duplicate", func(p *ExistingProps) { p.PrivateSubnetIDs[1] = privA }, "PrivateSubnetIDs[1]", field.Duplicate},
		{"public is private", func(p *ExistingProps) { p.PublicSubnetIDs[0] = privB }, "PublicSubnetIDs[0]", field.Duplicate},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := valid()
			tc.edit(&p)
			var errs field.Errors
			if !errors.As(p.Validate(), &errs) || len(errs) != 1 || errs[0].Path != tc.path || errs[0].Kind != tc.kind {
				t.Errorf("got %v, want one %s error on %s", p.Validate(), tc.kind, tc.path)
			}
		})
	}
	ok := valid()
	ok.PublicSubnetIDs = nil // an internal load balancer needs none
	if err := ok.Validate(); err != nil {
		t.Errorf("no public subnets: %v", err)
	}
}

func buildExisting(t *testing.T, p ExistingProps) (*policy.Stack, *Network) {
	t.Helper()
	var net *Network
	s := synthtest.Stack(t, func(stack cdktf.TerraformStack) {
		var err error
		if net, err = FromExisting(stack, "network", &p); err != nil {
			t.Fatal(err)
		}
	})
	return s, net
}

func TestFromExisting(t *testing.T) {
	s, net := buildExisting(t, ExistingProps{VpcID: testVpc, PublicSubnetIDs: []string{pubA, pubB},
		PrivateSubnetIDs: []string{privA, privB}, Names: func(prop string) string {
			if prop == "PrivateSubnetIDs" {
				return "private_ids"
			}
			return prop
		}})
	counts := map[string]int{}
	for _, r := range s.Resources {
		if !r.Data {
			t.Errorf("%s: FromExisting must create nothing", r.Address())
		}
		counts[r.Type]++
	}
	want := map[string]int{"aws_vpcs": 1, "aws_vpc": 1, "aws_subnets": 2, "aws_subnet": 4, "aws_route_table": 5, "aws_route_tables": 4}
	if !maps.Equal(counts, want) {
		t.Errorf("data sources %v, want %v", counts, want)
	}
	if len(net.PublicSubnetIDs) != 2 || len(net.PrivateSubnetIDs) != 2 || len(net.AvailabilityZones) != 2 ||
		net.NatGatewayIDs == nil || len(net.NatGatewayIDs) != 0 {
		t.Errorf("Network: %d public, %d private, %d zones, NAT %v", len(net.PublicSubnetIDs), len(net.PrivateSubnetIDs),
			len(net.AvailabilityZones), net.NatGatewayIDs)
	}

	// Every check names the setting: the app's name where it gave one, the
	// prop's otherwise.
	messages := map[string][]string{}
	for _, r := range s.Resources {
		for _, pc := range r.Attrs.List("lifecycle.postcondition") {
			m, _ := pc.(map[string]any)
			msg, _ := m["error_message"].(string)
			messages[r.Path] = append(messages[r.Path], msg)
		}
	}
	for path, want := range map[string]string{
		"network/vpc-exists":            "VpcID " + testVpc + ": no such VPC",
		"network/private-subnets-exist": "private_ids: ${join",
		"network/public-subnets-exist":  "PublicSubnetIDs: ${join",
		"network/public-subnet-1":       "PublicSubnetIDs[1] " + pubB + " is in ${self.vpc_id}, not in VpcID " + testVpc,
		"network/private-subnet-0":      "private_ids[0] " + privA + " is in ${self.vpc_id}",
		"network/vpc":                   "PublicSubnetIDs: two subnets share an availability zone",
		"network/private-route-table-1": "private_ids[1] " + privB + " has no route out of the VPC",
		"network/public-route-table-0":  "PublicSubnetIDs[0] " + pubA + " does not route to the internet",
	} {
		if !slices.ContainsFunc(messages[path], func(m string) bool { return strings.Contains(m, want) }) {
			t.Errorf("%s: messages %q, want one with %q", path, messages[path], want)
		}
	}
	// The load balancer's subnets cover the instances' zones.
	vpc, _ := s.ByPath("network/vpc")
	covered := false
	for _, pc := range vpc.Attrs.List("lifecycle.postcondition") {
		m, _ := pc.(map[string]any)
		cond, _ := m["condition"].(string)
		msg, _ := m["error_message"].(string)
		covered = covered || (strings.Contains(cond, "setsubtract(distinct([data.aws_subnet.network_private-subnet-0") &&
			strings.HasSuffix(cond, ") < 1)}") &&
			strings.Contains(msg, "private_ids are in ") && strings.Contains(msg, "but PublicSubnetIDs has no subnet in"))
	}
	if !covered {
		t.Errorf("no check that the public subnets cover the private subnets' zones: %v", vpc.Attrs.List("lifecycle.postcondition"))
	}
	// A private subnet's table is its own, else the VPC's main one.
	rt, _ := s.ByPath("network/private-route-table-0")
	if got := rt.Attrs.Str("route_table_id"); !strings.Contains(got, "concat(data.aws_route_tables.") ||
		!strings.Contains(got, "data.aws_route_table.network_main-route-table") {
		t.Errorf("route_table_id %s: want the associated table, else the main one", got)
	}
}

func TestFromExistingWithoutEgressCheckOrPublicSubnets(t *testing.T) {
	s, net := buildExisting(t, ExistingProps{VpcID: testVpc, PrivateSubnetIDs: []string{privA, privB}, RequireEgress: new(false)})
	for _, r := range s.Resources {
		if strings.HasPrefix(r.Type, "aws_route_table") || strings.Contains(r.Path, "public") {
			t.Errorf("%s: not wanted without RequireEgress and public subnets", r.Address())
		}
	}
	if net.PublicSubnetIDs != nil {
		t.Errorf("PublicSubnetIDs %v, want none", net.PublicSubnetIDs)
	}
}
