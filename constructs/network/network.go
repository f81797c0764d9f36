// Package network builds the VPC of a web stack: public and private subnets per
// availability zone, internet and NAT gateways with their routes, a locked-down
// default security group and VPC flow logs.
//
// It needs, in its stack, the AWS provider and the random provider, and in
// its Props a naming.Namer whose suffix is a random_string's result (see the
// example), the account id and region (which scope the flow-log role) and the
// ARN partition. Everything else has a default: 10.0.0.0/16 over 2 zones,
// one NAT gateway, an S3 gateway endpoint on the private route tables,
// Systems Manager's interface endpoints when there is no NAT, flow logs of
// all traffic kept 365 days. NewNetwork validates Props first and returns
// field errors that name the prop.
//
// A Network exposes what the tiers on it need: the VPC id and CIDR, the
// public and private subnet ids in zone order, the NAT gateway ids, the
// zones, and Egress — what instances need before they launch (a web tier
// takes it as webtier.Props.InstancesAfter). The zones are the region's
// available ones offering Props.InstanceType, chosen when each subnet is
// created and kept from then on (a later change of the region's zone list
// moves no subnet: subnets ignore changes to their zone); a precondition
// fails the plan when there are fewer than AzCount, before anything is
// created.
//
// In a stack with both providers (Example and ExampleFromExisting, run by go
// test, build these in full):
//
//	namer, err := random.NewNamer(stack, "shop", "dev")
//	net, err := network.NewNetwork(stack, "network", &network.Props{
//		Namer: namer, AccountID: jsii.String("123456789012"), Region: "eu-west-1", Partition: "aws",
//		AzCount: new(3),
//	})
//
// FromExisting returns a Network for a VPC the stack did not create: it
// reads the VPC and subnets (data sources only, nothing is created) and the
// plan fails, naming the setting, before anything is created when they do
// not fit. That VPC's flow logs and default security group stay its owner's.
//
//	net, err := network.FromExisting(stack, "network", &network.ExistingProps{
//		VpcID:            "vpc-0a1b2c3d4e5f60718",
//		PublicSubnetIDs:  []string{"subnet-0a1b2c3d4e5f60711", "subnet-0a1b2c3d4e5f60712"},
//		PrivateSubnetIDs: []string{"subnet-0b1b2c3d4e5f60711", "subnet-0b1b2c3d4e5f60712"},
//	})
package network

import (
	"fmt"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/defaultsecuritygroup"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/eip"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/internetgateway"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/natgateway"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/routetable"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/routetableassociation"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/subnet"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpc"
	"github.com/hashicorp/terraform-cdk-go/cdktf"
)

// Network is the VPC and everything routed in it. Its fields are what other
// constructs need; they are Terraform tokens until apply.
type Network struct {
	Construct         constructs.Construct
	VpcID             *string
	VpcCidr           *string
	PublicSubnetIDs   []*string
	PrivateSubnetIDs  []*string
	NatGatewayIDs     []*string // empty (not nil) with NatNone
	AvailabilityZones []*string
	// Egress is what instances in the private subnets need before they can
	// reach out: NAT gateways, routes, route-table associations and VPC
	// endpoints. A group that launches instances depends on it, so they never
	// boot before their way out exists. Empty for an existing VPC, whose
	// egress exists already.
	Egress []cdktf.ITerraformDependable
	// Plan is the address plan the subnets were built from.
	Plan SubnetPlan
}

// NewNetwork builds the network. It returns an error for props that code (not
// an environment file) got wrong.
func NewNetwork(scope constructs.Construct, id string, props *Props) (*Network, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	p := props.withDefaults()
	cidr, _ := ParseVpcCidr(*p.CidrBlock) // validated
	plan, err := PlanSubnets(cidr, *p.AzCount)
	if err != nil {
		return nil, err
	}

	c := constructs.NewConstruct(scope, jsii.String(id))
	n := &Network{Construct: c, Plan: plan, NatGatewayIDs: []*string{}, Egress: []cdktf.ITerraformDependable{}}

	zoneNames, enoughZones := availabilityZones(c, p)

	v := vpc.NewVpc(c, jsii.String("vpc"), &vpc.VpcConfig{
		CidrBlock:          jsii.String(cidr.String()),
		EnableDnsSupport:   jsii.Bool(true),
		EnableDnsHostnames: jsii.Bool(true),
		Tags:               p.Namer.NameTag("vpc"),
		Lifecycle:          &cdktf.TerraformResourceLifecycle{Precondition: &[]*cdktf.Precondition{enoughZones}},
	})
	n.VpcID, n.VpcCidr = v.Id(), v.CidrBlock()

	// AWS gives every VPC a default security group that allows all traffic
	// between its members; adopting it with no rules strips them.
	defaultsecuritygroup.NewDefaultSecurityGroup(c, jsii.String("default-sg"),
		&defaultsecuritygroup.DefaultSecurityGroupConfig{VpcId: v.Id(), Tags: p.Namer.NameTag("default-deny-all")})

	igw := internetgateway.NewInternetGateway(c, jsii.String("igw"), &internetgateway.InternetGatewayConfig{
		VpcId: v.Id(), Tags: p.Namer.NameTag("igw"),
	})

	publicRT := routetable.NewRouteTable(c, jsii.String("public-rt"), &routetable.RouteTableConfig{
		VpcId: v.Id(), Tags: p.Namer.NameTag("public"),
	})
	route.NewRoute(c, jsii.String("public-default-route"), &route.RouteConfig{
		RouteTableId:         publicRT.Id(),
		DestinationCidrBlock: jsii.String("0.0.0.0/0"),
		GatewayId:            igw.Id(),
	})

	var publicSubnets, privateSubnets []subnet.Subnet
	for i := 0; i < *p.AzCount; i++ {
		az := cdktf.Token_AsString(cdktf.Fn_Element(zoneNames, jsii.Number(float64(i))), nil)
		for _, tier := range []struct {
			name   string
			cidr   string
			subnet *[]subnet.Subnet
		}{
			{"public", plan.Public[i].String(), &publicSubnets},
			{"private", plan.Private[i].String(), &privateSubnets},
		} {
			tags := p.Namer.NameTag(fmt.Sprintf("%s-%d", tier.name, i))
			(*tags)["Tier"] = jsii.String(tier.name)
			s := subnet.NewSubnet(c, jsii.String(fmt.Sprintf("%s-subnet-%d", tier.name, i)), &subnet.SubnetConfig{
				VpcId:            v.Id(),
				CidrBlock:        jsii.String(tier.cidr),
				AvailabilityZone: az,
				// Nothing here needs a public IP at launch: the ALB and the NAT
				// gateways get theirs explicitly, instances never get one.
				MapPublicIpOnLaunch: jsii.Bool(false),
				Tags:                tags,
				// The zone is chosen by index from the live list when the
				// subnet is created, and kept from then on, like the random
				// suffix: a zone joining or leaving the region's list (or the
				// instance type's offerings) would otherwise move every later
				// subnet to another zone, and availability_zone forces
				// replacement, with all that runs in it.
				Lifecycle: &cdktf.TerraformResourceLifecycle{IgnoreChanges: jsii.Strings("availability_zone")},
			})
			*tier.subnet = append(*tier.subnet, s)
		}
		routetableassociation.NewRouteTableAssociation(c, jsii.String(fmt.Sprintf("public-rta-%d", i)),
			&routetableassociation.RouteTableAssociationConfig{SubnetId: publicSubnets[i].Id(), RouteTableId: publicRT.Id()})
		n.PublicSubnetIDs = append(n.PublicSubnetIDs, publicSubnets[i].Id())
		n.PrivateSubnetIDs = append(n.PrivateSubnetIDs, privateSubnets[i].Id())
		// The zone the subnet is in, which a later zone list does not change.
		n.AvailabilityZones = append(n.AvailabilityZones, privateSubnets[i].AvailabilityZone())
	}

	// NAT gateways live in public subnets: none, one in AZ 0, or one per AZ.
	natCount := map[NatMode]int{NatNone: 0, NatSingle: 1, NatPerAZ: *p.AzCount}[*p.NatGateways]
	for i := 0; i < natCount; i++ {
		ip := eip.NewEip(c, jsii.String(fmt.Sprintf("nat-eip-%d", i)), &eip.EipConfig{
			Domain: jsii.String("vpc"), Tags: p.Namer.NameTag(fmt.Sprintf("nat-%d", i)),
		})
		gw := natgateway.NewNatGateway(c, jsii.String(fmt.Sprintf("nat-%d", i)), &natgateway.NatGatewayConfig{
			AllocationId: ip.AllocationId(),
			SubnetId:     publicSubnets[i].Id(),
			Tags:         p.Namer.NameTag(fmt.Sprintf("nat-%d", i)),
			DependsOn:    &[]cdktf.ITerraformDependable{igw},
		})
		n.NatGatewayIDs = append(n.NatGatewayIDs, gw.Id())
		n.Egress = append(n.Egress, gw)
	}

	// Private route tables: one per AZ when each AZ has its own NAT gateway
	// (so an AZ outage stays in that AZ), else one shared by all.
	tables := 1
	if *p.NatGateways == NatPerAZ {
		tables = *p.AzCount
	}
	var privateRTs []routetable.RouteTable
	for i := 0; i < tables; i++ {
		component := "private"
		if tables > 1 {
			component = fmt.Sprintf("private-%d", i)
		}
		rt := routetable.NewRouteTable(c, jsii.String(fmt.Sprintf("private-rt-%d", i)), &routetable.RouteTableConfig{
			VpcId: v.Id(), Tags: p.Namer.NameTag(component),
		})
		privateRTs = append(privateRTs, rt)
		if natCount > 0 {
			n.Egress = append(n.Egress, route.NewRoute(c, jsii.String(fmt.Sprintf("private-default-route-%d", i)), &route.RouteConfig{
				RouteTableId:         rt.Id(),
				DestinationCidrBlock: jsii.String("0.0.0.0/0"),
				NatGatewayId:         n.NatGatewayIDs[i%natCount],
			}))
		}
	}
	for i, s := range privateSubnets {
		n.Egress = append(n.Egress, routetableassociation.NewRouteTableAssociation(c, jsii.String(fmt.Sprintf("private-rta-%d", i)),
			&routetableassociation.RouteTableAssociationConfig{SubnetId: s.Id(), RouteTableId: privateRTs[i%tables].Id()}))
	}
	n.Egress = append(n.Egress, newEndpoints(c, p, v, privateRTs, privateSubnets)...)

	newFlowLogs(c, p, v)
	return n, nil
}
