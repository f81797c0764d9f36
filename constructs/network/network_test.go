package network

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/field"
	"github.com/platform-team/webstack/internal/synthtest"
	"github.com/platform-team/webstack/naming"
	"github.com/platform-team/webstack/policy"
)

func TestMain(m *testing.M) { synthtest.Main(m) }

func build(t *testing.T, p Props) (*policy.Stack, *Network) {
	t.Helper()
	var net *Network
	s := synthtest.Stack(t, func(stack cdktf.TerraformStack) {
		n, _ := naming.New("shop", "dev", "abc123", 6)
		p.Namer, p.AccountID, p.Region, p.Partition = n, jsii.String("123456789012"), "eu-west-1", "aws"
		var err error
		if net, err = NewNetwork(stack, "network", &p); err != nil {
			t.Fatal(err)
		}
	})
	return s, net
}

func TestNatModes(t *testing.T) {
	for _, tc := range []struct {
		mode                          NatMode
		azs, nats, privateRTs, routes int
	}{
		{NatNone, 3, 0, 1, 1},   // only the public default route
		{NatSingle, 3, 1, 1, 2}, // one shared private table
		{NatPerAZ, 3, 3, 3, 4},  // a private table and route per AZ
	} {
		t.Run(string(tc.mode), func(t *testing.T) {
			s, net := build(t, Props{AzCount: &tc.azs, NatGateways: &tc.mode})
			count := func(typ string) int { return len(s.OfType(typ)) }
			if got := count("aws_nat_gateway"); got != tc.nats {
				t.Errorf("NAT gateways: %d, want %d", got, tc.nats)
			}
			if got := count("aws_eip"); got != tc.nats {
				t.Errorf("EIPs: %d, want %d", got, tc.nats)
			}
			if got := count("aws_route_table"); got != tc.privateRTs+1 {
				t.Errorf("route tables: %d, want %d private + 1 public", got, tc.privateRTs)
			}
			if got := count("aws_route"); got != tc.routes {
				t.Errorf("routes: %d, want %d", got, tc.routes)
			}
			if len(net.NatGatewayIDs) != tc.nats || net.NatGatewayIDs == nil {
				t.Errorf("NatGatewayIDs: %d entries (nil: %v), want %d", len(net.NatGatewayIDs), net.NatGatewayIDs == nil, tc.nats)
			}
			// NAT gateways sit in public subnets, AZ by AZ.
			for i, gw := range s.OfType("aws_nat_gateway") {
				sub, _ := s.Resolve(gw.Attrs.Str("subnet_id"))
				if sub.Attrs.Str("tags.Tier") != "public" {
					t.Errorf("NAT gateway %d is in %s, not a public subnet", i, sub.Path)
				}
			}
			// Every private subnet is associated with a private table; with
			// per-AZ NAT each with its own.
			seen := map[string]bool{}
			for i := 0; i < tc.azs; i++ {
				rta, ok := s.ByPath(fmt.Sprintf("network/private-rta-%d", i))
				if !ok {
					t.Fatalf("no association for private subnet %d", i)
				}
				seen[rta.Attrs.Str("route_table_id")] = true
			}
			if len(seen) != tc.privateRTs {
				t.Errorf("private subnets use %d route tables, want %d", len(seen), tc.privateRTs)
			}
			for _, r := range s.OfType("aws_route") {
				if strings.HasPrefix(r.Path, "network/private") && r.Attrs.Str("nat_gateway_id") == "" {
					t.Errorf("%s: private default route not through a NAT gateway", r.Path)
				}
			}
		})
	}
}

func TestSubnetsPerAZ(t *testing.T) {
	s, net := build(t, Props{AzCount: new(6), CidrBlock: new("10.42.0.0/16")})
	for i := 0; i < 6; i++ {
		for _, tier := range []string{"public", "private"} {
			sub, ok := s.ByPath(fmt.Sprintf("network/%s-subnet-%d", tier, i))
			if !ok {
				t.Fatalf("no %s subnet %d", tier, i)
			}
			want := net.Plan.Public[i].String()
			if tier == "private" {
				want = net.Plan.Private[i].String()
			}
			if got := sub.Attrs.Str("cidr_block"); got != want {
				t.Errorf("%s subnet %d: cidr %s, want %s", tier, i, got, want)
			}
			if az := sub.Attrs.Str("availability_zone"); !strings.HasSuffix(az, fmt.Sprintf(".names, %d)}", i)) {
				t.Errorf("%s subnet %d: AZ %q is not the data source's zone %d", tier, i, az, i)
			}
			if !slices.Contains(sub.Attrs.Strings("lifecycle.ignore_changes"), "availability_zone") {
				t.Errorf("%s subnet %d: a change of the zone list would move it (availability_zone not ignored)", tier, i)
			}
			if v, set := sub.Attrs.Bool("map_public_ip_on_launch"); !set || v {
				t.Errorf("%s subnet %d maps public IPs on launch", tier, i)
			}
		}
	}
	if len(net.PublicSubnetIDs) != 6 || len(net.PrivateSubnetIDs) != 6 || len(net.AvailabilityZones) != 6 {
		t.Errorf("exposed ids: %d public, %d private, %d AZs", len(net.PublicSubnetIDs), len(net.PrivateSubnetIDs), len(net.AvailabilityZones))
	}
	vpc, _ := s.ByPath("network/vpc")
	zones, _ := s.ByPath("network/zones")
	if cond := vpc.Attrs.Str("lifecycle.precondition.condition"); cond != "${(length("+zones.Address()+".names) >= 6)}" {
		t.Errorf("AZ precondition: %q", cond)
	}
}

func TestVpcAndDefaultSecurityGroup(t *testing.T) {
	s, _ := build(t, Props{})
	v, _ := s.ByPath("network/vpc")
	for _, attr := range []string{"enable_dns_support", "enable_dns_hostnames"} {
		if on, _ := v.Attrs.Bool(attr); !on {
			t.Errorf("VPC %s is off", attr)
		}
	}
	if got := v.Attrs.Str("cidr_block"); got != DefaultCidr {
		t.Errorf("default CIDR: %s", got)
	}
	if got := v.Attrs.Str("tags.Name"); got != "shop-dev-vpc-abc123" {
		t.Errorf("VPC Name tag: %q", got)
	}
	sg, ok := s.ByPath("network/default-sg")
	if !ok {
		t.Fatal("the default security group is not managed")
	}
	if sg.Attrs.Get("ingress") != nil || sg.Attrs.Get("egress") != nil {
		t.Errorf("the default security group has rules: %v", sg.Attrs)
	}
	if len(s.OfType("aws_nat_gateway")) != 1 || len(s.OfType("aws_subnet")) != 4 {
		t.Error("zero props must mean 2 AZs and a single NAT gateway")
	}
}

func TestFlowLogsWriteOnlyToTheirGroup(t *testing.T) {
	s, _ := build(t, Props{FlowLogRetentionDays: new(90), FlowLogTrafficType: new("REJECT"), FlowLogKmsKeyArn: jsii.String("arn:aws:kms:eu-west-1:123456789012:key/x")})
	group, _ := s.ByPath("network/flow-log-group")
	if days, _ := group.Attrs.Num("retention_in_days"); days != 90 {
		t.Errorf("retention %v", days)
	}
	if group.Attrs.Str("kms_key_id") == "" {
		t.Error("the log group is not encrypted with the given key")
	}
	fl, _ := s.ByPath("network/flow-log")
	vpc, _ := s.ByPath("network/vpc")
	if fl.Attrs.Str("vpc_id") != vpc.Ref("id") || fl.Attrs.Str("traffic_type") != "REJECT" ||
		fl.Attrs.Str("log_destination") != group.Ref("arn") {
		t.Errorf("flow log wiring: %v", fl.Attrs)
	}

	role, _ := s.ByPath("network/flow-log-role")
	var trust struct {
		Statement []struct {
			Principal map[string]string
			Condition map[string]map[string]string
		}
	}
	if err := json.Unmarshal([]byte(role.Attrs.Str("assume_role_policy")), &trust); err != nil {
		t.Fatal(err)
	}
	st := trust.Statement[0]
	if st.Principal["Service"] != "vpc-flow-logs.amazonaws.com" ||
		st.Condition["StringEquals"]["aws:SourceAccount"] != "123456789012" ||
		st.Condition["ArnLike"]["aws:SourceArn"] != "arn:aws:ec2:eu-west-1:123456789012:vpc-flow-log/*" {
		t.Errorf("trust policy not scoped: %+v", st)
	}

	pol, _ := s.ByPath("network/flow-log-policy")
	var doc struct {
		Statement []struct{ Action, Resource []string }
	}
	if err := json.Unmarshal([]byte(pol.Attrs.Str("policy")), &doc); err != nil {
		t.Fatal(err)
	}
	// Writes reach the flow-log group only; the one other grant is
	// logs:DescribeLogGroups (AWS's flow-log guide lists it), which names no
	// single group, so it reads this account's groups in this region.
	if len(doc.Statement) != 2 || len(doc.Statement[0].Resource) != 1 || doc.Statement[0].Resource[0] != group.Ref("arn")+":*" {
		t.Fatalf("role policy reaches beyond the flow-log group: %+v", doc)
	}
	for _, a := range doc.Statement[0].Action {
		if strings.Contains(a, "*") || !strings.HasPrefix(a, "logs:") {
			t.Errorf("unexpected action %q", a)
		}
	}
	if d := doc.Statement[1]; !slices.Equal(d.Action, []string{"logs:DescribeLogGroups"}) ||
		!slices.Equal(d.Resource, []string{"arn:aws:logs:eu-west-1:123456789012:log-group:*"}) {
		t.Errorf("the second statement grants more than listing this account's log groups: %+v", d)
	}
}

// Validate names the prop and the kind of each problem, and needs no jsii.
func TestValidateNamesPropAndKind(t *testing.T) {
	namer, _ := naming.New("a", "b", "c", 1)
	base := func() Props {
		return Props{Namer: namer, AccountID: jsii.String("1"), Region: "us-east-1", Partition: "aws"}
	}
	for _, tc := range []struct {
		name   string
		change func(*Props)
		path   string
		kind   field.Kind
	}{
		{"no namer", func(p *Props) { p.Namer = nil }, "Namer", field.Required},
		{"no account", func(p *Props) { p.AccountID = nil }, "AccountID", field.Required},
		{"bad partition", func(p *Props) { p.Partition = "aws-moon" }, "Partition", field.NotSupported},
		{"bad nat", func(p *Props) { p.NatGateways = new(NatMode("many")) }, "NatGateways", field.NotSupported},
		{"small vpc", func(p *Props) { p.CidrBlock = new("10.0.0.0/30") }, "CidrBlock", field.Invalid},
		{"loopback vpc", func(p *Props) { p.CidrBlock = new("127.0.0.0/16") }, "CidrBlock", field.Invalid},
		{"link-local vpc", func(p *Props) { p.CidrBlock = new("169.254.0.0/16") }, "CidrBlock", field.Invalid},
		{"one az", func(p *Props) { p.AzCount = new(1) }, "AzCount", field.OutOfRange},
		{"zero az", func(p *Props) { p.AzCount = new(0) }, "AzCount", field.OutOfRange},
		{"seven az", func(p *Props) { p.AzCount = new(7) }, "AzCount", field.OutOfRange},
		{"retention", func(p *Props) { p.FlowLogRetentionDays = new(0) }, "FlowLogRetentionDays", field.NotSupported},
		{"traffic", func(p *Props) { p.FlowLogTrafficType = new("all") }, "FlowLogTrafficType", field.NotSupported},
	} {
		p := base()
		tc.change(&p)
		var errs field.Errors
		if err := p.Validate(); !errors.As(err, &errs) || len(errs) != 1 || errs[0].Path != tc.path || errs[0].Kind != tc.kind {
			t.Errorf("%s: want one %s error on %s, got %v", tc.name, tc.kind, tc.path, err)
		}
	}
	if p := base(); p.Validate() != nil {
		t.Errorf("the minimal props must be valid: %v", p.Validate())
	}
}

func TestZonesNarrowedToTheInstanceType(t *testing.T) {
	s, _ := build(t, Props{AzCount: new(3), InstanceType: "t3.micro"})
	offer, ok := s.ByPath("network/instance-type-zones")
	if !ok || offer.Attrs.Str("location_type") != "availability-zone" || offer.Attrs.Str("filter.values") != "t3.micro" {
		t.Fatalf("instance type offerings: %v", offer.Attrs)
	}
	sub, _ := s.ByPath("network/private-subnet-2")
	az := sub.Attrs.Str("availability_zone")
	if !strings.Contains(az, "sort(setintersection(data.aws_availability_zones.") || !strings.Contains(az, offer.Address()+".locations") {
		t.Errorf("subnet AZ %q is not drawn from the zones offering the type", az)
	}
	vpc, _ := s.ByPath("network/vpc")
	if cond := vpc.Attrs.Str("lifecycle.precondition.condition"); !strings.Contains(cond, offer.Address()+".locations") ||
		!strings.Contains(cond, ">= 3") {
		t.Errorf("no az_count condition on the offered zones: %q", cond)
	}
}

// TestPlanTimeMessagesNameTheSettings: the zones precondition names the
// props by default (the construct knows no configuration file), and the
// names an app gives.
func TestPlanTimeMessagesNameTheSettings(t *testing.T) {
	for _, tc := range []struct {
		names field.Names
		want  string
	}{
		{nil, "AzCount is 3 but fewer available zones of this region offer instance type t3.micro; lower AzCount or choose another InstanceType."},
		{func(prop string) string {
			return map[string]string{"AzCount": "az_count", "InstanceType": "instance_type"}[prop]
		},
			"az_count is 3 but fewer available zones of this region offer instance type t3.micro; lower az_count or choose another instance_type."},
	} {
		s, _ := build(t, Props{AzCount: new(3), InstanceType: "t3.micro", Names: tc.names})
		vpc, _ := s.ByPath("network/vpc")
		if got := vpc.Attrs.Str("lifecycle.precondition.error_message"); got != tc.want {
			t.Errorf("message %q\nwant    %q", got, tc.want)
		}
	}
}
