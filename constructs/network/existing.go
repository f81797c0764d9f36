package network

import (
	"encoding/json"
	"fmt"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawsroutetable"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawsroutetables"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawssubnet"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawssubnets"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawsvpc"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawsvpcs"
	"github.com/hashicorp/terraform-cdk-go/cdktf"
)

// FromExisting returns the Network of a VPC the stack did not create, for
// the tiers to build in (aws-cdk-lib's Vpc.fromLookup, with the ids given).
// It creates no resource: it reads the VPC, its subnets and, with
// RequireEgress, the private subnets' route tables through data sources,
// whose postconditions fail the plan before anything is created when an id
// does not exist, a subnet is in another VPC, the subnets span too few
// zones or a private subnet has no route out. Each message names the
// setting to change (ExistingProps.Names).
//
// The Network's ids are the data sources' (so whatever uses them waits for
// the checks), NatGatewayIDs is empty and Plan is zero: the owner's.
func FromExisting(scope constructs.Construct, id string, props *ExistingProps) (*Network, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	p := props.withDefaults()
	names := p.Names
	c := constructs.NewConstruct(scope, jsii.String(id))

	// The plural lookups return what exists without failing, so a missing id
	// gets a message that names its setting rather than "no matching VPC".
	exists := dataawsvpcs.NewDataAwsVpcs(c, jsii.String("vpc-exists"), &dataawsvpcs.DataAwsVpcsConfig{
		Filter: &[]*dataawsvpcs.DataAwsVpcsFilter{{Name: jsii.String("vpc-id"), Values: jsii.Strings(p.VpcID)}},
		Lifecycle: postconditions(check("length(self.ids) == 1",
			"%s %s: no such VPC in this account and region.", names.Of("VpcID"), p.VpcID)),
	})
	lookup := func(tier, setting string, ids []string) []dataawssubnet.DataAwsSubnet {
		if len(ids) == 0 {
			return nil
		}
		list := hclStrings(ids)
		found := dataawssubnets.NewDataAwsSubnets(c, jsii.String(tier+"-subnets-exist"), &dataawssubnets.DataAwsSubnetsConfig{
			Filter: &[]*dataawssubnets.DataAwsSubnetsFilter{{Name: jsii.String("subnet-id"), Values: jsii.Strings(ids...)}},
			Lifecycle: postconditions(check(fmt.Sprintf("length(setsubtract(%s, self.ids)) == 0", list),
				"%s: ${join(\", \", setsubtract(%s, self.ids))}: no such subnet in this account and region.", setting, list)),
		})
		var subnets []dataawssubnet.DataAwsSubnet
		for i, sid := range ids {
			subnets = append(subnets, dataawssubnet.NewDataAwsSubnet(c, jsii.String(fmt.Sprintf("%s-subnet-%d", tier, i)),
				&dataawssubnet.DataAwsSubnetConfig{
					Id:        jsii.String(sid),
					DependsOn: &[]cdktf.ITerraformDependable{exists, found},
					Lifecycle: postconditions(check(fmt.Sprintf("self.vpc_id == %q", p.VpcID),
						"%s[%d] %s is in ${self.vpc_id}, not in %s %s.", setting, i, sid, names.Of("VpcID"), p.VpcID)),
				}))
		}
		return subnets
	}
	public := lookup("public", names.Of("PublicSubnetIDs"), p.PublicSubnetIDs)
	private := lookup("private", names.Of("PrivateSubnetIDs"), p.PrivateSubnetIDs)

	// The zone checks need every subnet, so the VPC lookup carries them.
	privateZones := cdktf.Fn_Distinct(zonesOf(private))
	zoneChecks := []*cdktf.Postcondition{{
		Condition: cdktf.Op_Gte(cdktf.Fn_LengthOf(privateZones), jsii.Number(MinAZs)),
		ErrorMessage: jsii.String(fmt.Sprintf("%s: every subnet is in %s; list subnets in %d availability zones at the "+
			"least, so the instances survive a zone's outage.", names.Of("PrivateSubnetIDs"), *cdktf.Fn_Join(jsii.String(", "), privateZones), MinAZs)),
	}}
	if len(public) > 0 {
		uncovered := cdktf.Fn_Setsubtract(asAny(privateZones), zonesOf(public)) // private zones without a public subnet
		zoneChecks = append(zoneChecks, &cdktf.Postcondition{
			Condition: cdktf.Op_Eq(cdktf.Fn_LengthOf(cdktf.Fn_Distinct(zonesOf(public))), jsii.Number(len(public))),
			ErrorMessage: jsii.String(fmt.Sprintf("%s: two subnets share an availability zone (%s); a load balancer takes "+
				"one subnet per zone.", names.Of("PublicSubnetIDs"), *cdktf.Fn_Join(jsii.String(", "), cdktf.Fn_Tolist(zonesOf(public))))),
		}, &cdktf.Postcondition{
			// "If you register targets in an Availability Zone that is not
			// enabled for the load balancer, these registered targets do not
			// receive traffic" (ELB guide, Application Load Balancers,
			// "Availability Zones and load balancer nodes").
			// (< 1, not == 0: jsii passes a literal 0 here as undefined.)
			Condition: cdktf.Op_Lt(cdktf.Fn_LengthOf(uncovered), jsii.Number(1)),
			ErrorMessage: jsii.String(fmt.Sprintf("%s are in %s, but %s has no subnet in %s: the load balancer would send "+
				"no traffic to instances there. Add a public subnet in each zone of the private ones.",
				names.Of("PrivateSubnetIDs"), *cdktf.Fn_Join(jsii.String(", "), privateZones), names.Of("PublicSubnetIDs"),
				*cdktf.Fn_Join(jsii.String(", "), cdktf.Fn_Tolist(uncovered)))),
		})
	}
	v := dataawsvpc.NewDataAwsVpc(c, jsii.String("vpc"), &dataawsvpc.DataAwsVpcConfig{
		Id:        jsii.String(p.VpcID),
		DependsOn: &[]cdktf.ITerraformDependable{exists},
		Lifecycle: &cdktf.TerraformResourceLifecycle{Postcondition: &zoneChecks},
	})

	n := &Network{Construct: c, VpcID: v.Id(), VpcCidr: v.CidrBlock(), NatGatewayIDs: []*string{}}
	for _, s := range public {
		n.PublicSubnetIDs = append(n.PublicSubnetIDs, s.Id())
	}
	for _, s := range private {
		n.PrivateSubnetIDs = append(n.PrivateSubnetIDs, s.Id())
		n.AvailabilityZones = append(n.AvailabilityZones, s.AvailabilityZone())
	}
	if len(public) == 0 && !*p.RequireEgress {
		return n, nil // no route table to check
	}
	main := dataawsroutetable.NewDataAwsRouteTable(c, jsii.String("main-route-table"), &dataawsroutetable.DataAwsRouteTableConfig{
		// Read after the VPC is known to exist: a missing VPC then reports
		// once, by its setting, not also as "no matching route table".
		DependsOn: &[]cdktf.ITerraformDependable{exists},
		VpcId:     jsii.String(p.VpcID),
		Filter:    &[]*dataawsroutetable.DataAwsRouteTableFilter{{Name: jsii.String("association.main"), Values: jsii.Strings("true")}},
	})
	// An internet-facing load balancer in a subnet without a route to an
	// internet gateway is created, and unreachable.
	for i, s := range public {
		routeTableOf(c, p, "public", i, s, main, postconditions(check(internetRoute,
			"%s[%d] %s does not route to the internet: its route table ${self.id} has no default route (0.0.0.0/0) "+
				"through an internet gateway, so a load balancer there cannot be reached. List public subnets.",
			names.Of("PublicSubnetIDs"), i, p.PublicSubnetIDs[i])))
	}
	if *p.RequireEgress {
		for i, s := range private {
			routeTableOf(c, p, "private", i, s, main, postconditions(check(egressRoute,
				"%s[%d] %s has no route out of the VPC: its route table ${self.id} has no default route (0.0.0.0/0) "+
					"through a NAT gateway, transit gateway or other forwarder. Add one, or set %s to false "+
					"when the instances reach AWS services through VPC endpoints.",
				names.Of("PrivateSubnetIDs"), i, p.PrivateSubnetIDs[i], names.Of("RequireEgress"))))
		}
	}
	return n, nil
}

// egressRoute is true for a route table with a default route through
// something that forwards beyond the VPC. An internet gateway does not count:
// instances have no public address to use it with.
const egressRoute = `anytrue([for r in self.routes : r.cidr_block == "0.0.0.0/0" && length(compact([` +
	`r.nat_gateway_id, r.transit_gateway_id, r.network_interface_id, r.vpc_peering_connection_id, r.core_network_arn, ` +
	`startswith(coalesce(r.gateway_id, "-"), "vgw-") ? r.gateway_id : ""])) > 0])`

// internetRoute is true for a route table with a default route through an
// internet gateway.
const internetRoute = `anytrue([for r in self.routes : r.cidr_block == "0.0.0.0/0" && startswith(coalesce(r.gateway_id, "-"), "igw-")])`

// routeTableOf reads a subnet's route table, the one associated with it,
// else (AWS's implicit association) the VPC's main one, with a postcondition.
func routeTableOf(c constructs.Construct, p ExistingProps, tier string, i int, s dataawssubnet.DataAwsSubnet,
	main dataawsroutetable.DataAwsRouteTable, post *cdktf.TerraformResourceLifecycle) {
	own := dataawsroutetables.NewDataAwsRouteTables(c, jsii.String(fmt.Sprintf("%s-route-tables-%d", tier, i)),
		&dataawsroutetables.DataAwsRouteTablesConfig{
			VpcId:  jsii.String(p.VpcID),
			Filter: &[]*dataawsroutetables.DataAwsRouteTablesFilter{{Name: jsii.String("association.subnet-id"), Values: &[]*string{s.Id()}}},
		})
	table := cdktf.Fn_Element(cdktf.Fn_Concat(&[]interface{}{own.Ids(), &[]*string{main.Id()}}), jsii.Number(0))
	dataawsroutetable.NewDataAwsRouteTable(c, jsii.String(fmt.Sprintf("%s-route-table-%d", tier, i)),
		&dataawsroutetable.DataAwsRouteTableConfig{RouteTableId: cdktf.Token_AsString(table, nil), Lifecycle: post})
}

// zonesOf lists the subnets' availability zones.
func zonesOf(subnets []dataawssubnet.DataAwsSubnet) *[]interface{} {
	zones := make([]interface{}, len(subnets))
	for i, s := range subnets {
		zones[i] = s.AvailabilityZone()
	}
	return &zones
}

// check is a condition written as a Terraform expression, and its message
// (a template: it may interpolate ${...}).
func check(condition, message string, args ...any) *cdktf.Postcondition {
	return &cdktf.Postcondition{Condition: "${" + condition + "}", ErrorMessage: jsii.String(fmt.Sprintf(message, args...))}
}

func postconditions(checks ...*cdktf.Postcondition) *cdktf.TerraformResourceLifecycle {
	return &cdktf.TerraformResourceLifecycle{Postcondition: &checks}
}

// hclStrings writes ids as a Terraform list literal.
func hclStrings(ids []string) string {
	b, _ := json.Marshal(ids) // strings of validated ids: JSON's list is Terraform's
	return string(b)
}
