package e2e

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
)

// ownedVpc is a VPC made outside the stack, the way a platform team's
// network account would: public subnets routed to an internet gateway, and
// private subnets routed through a NAT gateway, one explicitly associated
// with its route table and one left on the main table (AWS's implicit
// association). isolated is a private subnet with no route out.
type ownedVpc struct {
	vpc, natGateway           string
	public, private, isolated []string
	other                     string // a subnet of another VPC
	routeTables               []string
}

func makeOwnedVpc(t *testing.T, ctx context.Context, c *ec2.Client) ownedVpc {
	t.Helper()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	tags := func(typ ec2types.ResourceType) []ec2types.TagSpecification {
		return []ec2types.TagSpecification{{ResourceType: typ, Tags: []ec2types.Tag{{Key: aws.String("Owner"), Value: aws.String("network-team")}}}}
	}
	vpc, err := c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.20.0.0/16"), TagSpecifications: tags(ec2types.ResourceTypeVpc)})
	must(err)
	o := ownedVpc{vpc: aws.ToString(vpc.Vpc.VpcId)}
	subnet := func(vpcID, cidr, az string) string {
		s, err := c.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: aws.String(vpcID), CidrBlock: aws.String(cidr),
			AvailabilityZone: aws.String(az), TagSpecifications: tags(ec2types.ResourceTypeSubnet)})
		must(err)
		return aws.ToString(s.Subnet.SubnetId)
	}
	o.public = []string{subnet(o.vpc, "10.20.0.0/24", "us-east-1a"), subnet(o.vpc, "10.20.1.0/24", "us-east-1b")}
	o.private = []string{subnet(o.vpc, "10.20.10.0/24", "us-east-1a"), subnet(o.vpc, "10.20.11.0/24", "us-east-1b")}
	o.isolated = []string{subnet(o.vpc, "10.20.20.0/24", "us-east-1a")}

	igw, err := c.CreateInternetGateway(ctx, &ec2.CreateInternetGatewayInput{})
	must(err)
	_, err = c.AttachInternetGateway(ctx, &ec2.AttachInternetGatewayInput{InternetGatewayId: igw.InternetGateway.InternetGatewayId, VpcId: vpc.Vpc.VpcId})
	must(err)
	table := func(subnets ...string) string {
		rt, err := c.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{VpcId: vpc.Vpc.VpcId})
		must(err)
		for _, s := range subnets {
			_, err := c.AssociateRouteTable(ctx, &ec2.AssociateRouteTableInput{RouteTableId: rt.RouteTable.RouteTableId, SubnetId: aws.String(s)})
			must(err)
		}
		o.routeTables = append(o.routeTables, aws.ToString(rt.RouteTable.RouteTableId))
		return aws.ToString(rt.RouteTable.RouteTableId)
	}
	public := table(o.public...)
	_, err = c.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: aws.String(public), DestinationCidrBlock: aws.String("0.0.0.0/0"),
		GatewayId: igw.InternetGateway.InternetGatewayId})
	must(err)
	eip, err := c.AllocateAddress(ctx, &ec2.AllocateAddressInput{Domain: ec2types.DomainTypeVpc})
	must(err)
	nat, err := c.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{AllocationId: eip.AllocationId, SubnetId: aws.String(o.public[0])})
	must(err)
	o.natGateway = aws.ToString(nat.NatGateway.NatGatewayId)
	// The first private subnet has its own table; the second uses the main one.
	private := table(o.private[0])
	table(o.isolated...) // no routes but the local one
	mains, err := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: []ec2types.Filter{
		{Name: aws.String("vpc-id"), Values: []string{o.vpc}}, {Name: aws.String("association.main"), Values: []string{"true"}}}})
	must(err)
	if len(mains.RouteTables) != 1 {
		t.Fatalf("main route tables of %s: %d", o.vpc, len(mains.RouteTables))
	}
	for _, rt := range []string{private, aws.ToString(mains.RouteTables[0].RouteTableId)} {
		_, err = c.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: aws.String(rt), DestinationCidrBlock: aws.String("0.0.0.0/0"),
			NatGatewayId: aws.String(o.natGateway)})
		must(err)
	}

	other, err := c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.30.0.0/16")})
	must(err)
	o.other = subnet(aws.ToString(other.Vpc.VpcId), "10.30.0.0/24", "us-east-1c")
	return o
}

// existingVpcConfig is environments/local.json with the network keys
// replaced by existing_vpc (null leaves a key unset).
func existingVpcConfig(t *testing.T, existing map[string]any) string {
	t.Helper()
	data, err := json.Marshal(existing)
	if err != nil {
		t.Fatal(err)
	}
	return localConfig(t, `"az_count": null, "nat_gateways": null, "existing_vpc": `+string(data))
}

// TestDeployIntoExistingVpc makes a VPC the way its owner would, proves that
// ids that do not fit fail the plan naming their keys, then deploys the web
// tier into the VPC, checks where it landed, and destroys only what it made.
func TestDeployIntoExistingVpc(t *testing.T) {
	t.Parallel()
	emu := startEmulator(t)
	ctx := ctxFor(t)
	cfg := awsConfig(emu, "us-east-1")
	ec2c := ec2.NewFromConfig(cfg)
	owned := makeOwnedVpc(t, ctx, ec2c)

	t.Run("ids that do not fit fail the plan", func(t *testing.T) {
		missing := "subnet-0123456789abcdef0"
		for _, tc := range []struct {
			name     string
			existing map[string]any
			want     []string
			errors   int // how many errors the plan reports
		}{
			{"misfit-subnets", map[string]any{
				"vpc_id":             owned.vpc,
				"public_subnet_ids":  []string{owned.public[0], missing},
				"private_subnet_ids": []string{owned.private[0], owned.other, owned.isolated[0]},
			}, []string{
				"existing_vpc.public_subnet_ids: " + missing + ": no such subnet in this account and region.",
				"existing_vpc.private_subnet_ids[1] " + owned.other + " is in vpc-",
				"not in existing_vpc.vpc_id " + owned.vpc,
				"existing_vpc.private_subnet_ids[2] " + owned.isolated[0] + " has no route out of the VPC",
				"or set existing_vpc.require_egress to false",
			}, 3},
			{"misfit-zones", map[string]any{
				"vpc_id":             owned.vpc,
				"public_subnet_ids":  []string{owned.public[0], owned.isolated[0]},
				"private_subnet_ids": owned.private,
			}, []string{
				"existing_vpc.public_subnet_ids: two subnets share an availability zone (us-east-1a, us-east-1a)",
				// The load balancer would not reach the instances in us-east-1b.
				"existing_vpc.private_subnet_ids are in us-east-1a, us-east-1b, but existing_vpc.public_subnet_ids has no subnet in us-east-1b",
				// The isolated subnet has no route to the internet gateway.
				"existing_vpc.public_subnet_ids[1] " + owned.isolated[0] + " does not route to the internet",
			}, 3},
			{"misfit-vpc", map[string]any{
				"vpc_id":             "vpc-0123456789abcdef0",
				"public_subnet_ids":  owned.public,
				"private_subnet_ids": owned.private,
			}, []string{"existing_vpc.vpc_id vpc-0123456789abcdef0: no such VPC in this account and region."}, 1},
		} {
			outdir, _ := synthFiles(t, map[string]string{tc.name: existingVpcConfig(t, tc.existing)})
			w := workspace(t, outdir, tc.name, emu)
			if err := w.Init(ctx, true); err != nil {
				t.Fatal(err)
			}
			_, err := w.Plan(ctx, "")
			if err == nil {
				t.Fatalf("%s: the plan passed", tc.name)
			}
			msg := strings.Join(strings.Fields(err.Error()), " ") // Terraform wraps long lines
			if got := strings.Count(msg, "Error: "); got != tc.errors {
				t.Errorf("%s: %d errors, want %d (one per misfit, nothing else):\n%s", tc.name, got, tc.errors, msg)
			}
			for _, want := range tc.want {
				if !strings.Contains(msg, want) {
					t.Errorf("%s: plan error does not say %q:\n%s", tc.name, want, msg)
				}
			}
		}
	})

	outdir, _ := synthFiles(t, map[string]string{"owned": existingVpcConfig(t, map[string]any{
		"vpc_id": owned.vpc, "public_subnet_ids": owned.public, "private_subnet_ids": owned.private,
	})})
	w := workspace(t, outdir, "owned", emu)
	out := applyAndCheckReplan(t, ctx, w)

	t.Run("the tier is in the given subnets", func(t *testing.T) {
		if out.s("vpc_id") != owned.vpc || out.s("vpc_cidr") != "10.20.0.0/16" ||
			!slices.Equal(out.list("public_subnet_ids"), owned.public) || !slices.Equal(out.list("private_subnet_ids"), owned.private) {
			t.Errorf("outputs: vpc %s %s, public %v, private %v", out.s("vpc_id"), out.s("vpc_cidr"),
				out.list("public_subnet_ids"), out.list("private_subnet_ids"))
		}
		lbs, err := elbv2.NewFromConfig(cfg).DescribeLoadBalancers(ctx, &elbv2.DescribeLoadBalancersInput{
			LoadBalancerArns: []string{out.s("alb_arn")}})
		if err != nil || len(lbs.LoadBalancers) != 1 {
			t.Fatalf("load balancer: %v", err)
		}
		var lbSubnets []string
		for _, az := range lbs.LoadBalancers[0].AvailabilityZones {
			lbSubnets = append(lbSubnets, aws.ToString(az.SubnetId))
		}
		slices.Sort(lbSubnets)
		if want := slices.Sorted(slices.Values(owned.public)); aws.ToString(lbs.LoadBalancers[0].VpcId) != owned.vpc || !slices.Equal(lbSubnets, want) {
			t.Errorf("load balancer in %s %v, want %s %v", aws.ToString(lbs.LoadBalancers[0].VpcId), lbSubnets, owned.vpc, want)
		}
		groups, err := autoscaling.NewFromConfig(cfg).DescribeAutoScalingGroups(ctx, &autoscaling.DescribeAutoScalingGroupsInput{
			AutoScalingGroupNames: []string{out.s("asg_name")}})
		if err != nil || len(groups.AutoScalingGroups) != 1 {
			t.Fatalf("Auto Scaling group: %v", err)
		}
		got := strings.Split(aws.ToString(groups.AutoScalingGroups[0].VPCZoneIdentifier), ",")
		slices.Sort(got)
		if want := slices.Sorted(slices.Values(owned.private)); !slices.Equal(got, want) {
			t.Errorf("Auto Scaling group in %v, want %v", got, want)
		}
	})

	destroy(t, ctx, w)
	assertNothingLeft(t, cfg, out.s("name_suffix"))
	t.Run("the owner's network is untouched", func(t *testing.T) {
		ids := slices.Concat(owned.public, owned.private, owned.isolated)
		subnets, err := ec2c.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{SubnetIds: ids})
		if err != nil || len(subnets.Subnets) != len(ids) {
			t.Errorf("subnets after destroy: %v", err)
		}
		tables, err := ec2c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: owned.routeTables})
		if err != nil || len(tables.RouteTables) != len(owned.routeTables) {
			t.Errorf("route tables after destroy: %v", err)
		}
		nats, err := ec2c.DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{NatGatewayIds: []string{owned.natGateway}})
		if err != nil || len(nats.NatGateways) != 1 || nats.NatGateways[0].State != ec2types.NatGatewayStateAvailable {
			t.Errorf("NAT gateway after destroy: %v", err)
		}
		vpcs, err := ec2c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{owned.vpc}})
		if err != nil || len(vpcs.Vpcs) != 1 {
			t.Errorf("VPC after destroy: %v", err)
		}
	})
}
