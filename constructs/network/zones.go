package network

import (
	"fmt"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawsavailabilityzones"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawsec2instancetypeofferings"
	"github.com/hashicorp/terraform-cdk-go/cdktf"
)

// availabilityZones returns the zone names subnets are placed in, by index:
// the region's available zones, narrowed (and sorted, for a stable order) to
// those offering p.InstanceType when it is set, and the condition that there
// are enough of them. The VPC carries the condition as a precondition, so a
// region with too few zones fails the plan in its first seconds, naming
// the setting to change (p.Names), rather than an apply minutes later.
func availabilityZones(c constructs.Construct, p Props) (*[]*string, *cdktf.Precondition) {
	// Only the region's own zones: an account that opted in to Local Zones
	// or Wavelength Zones also gets those listed (they sort first, and lack
	// most instance types, NAT gateways and load balancers); they carry
	// opt-in-status "opted-in", the region's zones "opt-in-not-required".
	zones := dataawsavailabilityzones.NewDataAwsAvailabilityZones(c, jsii.String("zones"),
		&dataawsavailabilityzones.DataAwsAvailabilityZonesConfig{
			State: jsii.String("available"),
			Filter: &[]*dataawsavailabilityzones.DataAwsAvailabilityZonesFilter{{
				Name: jsii.String("opt-in-status"), Values: jsii.Strings("opt-in-not-required"),
			}},
		})
	names := zones.Names()
	n := p.Names
	msg := fmt.Sprintf("%s is %d but this region has fewer available zones; lower %s.", n.Of("AzCount"), *p.AzCount, n.Of("AzCount"))
	if p.InstanceType != "" {
		offerings := dataawsec2instancetypeofferings.NewDataAwsEc2InstanceTypeOfferings(c, jsii.String("instance-type-zones"),
			&dataawsec2instancetypeofferings.DataAwsEc2InstanceTypeOfferingsConfig{
				LocationType: jsii.String("availability-zone"),
				Filter: &[]*dataawsec2instancetypeofferings.DataAwsEc2InstanceTypeOfferingsFilter{{
					Name: jsii.String("instance-type"), Values: jsii.Strings(p.InstanceType),
				}},
			})
		names = cdktf.Fn_Sort(cdktf.Fn_Setintersection(asAny(names), &[]*[]interface{}{asAny(offerings.Locations())}))
		msg = fmt.Sprintf("%s is %d but fewer available zones of this region offer instance type %s; "+
			"lower %s or choose another %s.", n.Of("AzCount"), *p.AzCount, p.InstanceType, n.Of("AzCount"), n.Of("InstanceType"))
	}
	return names, &cdktf.Precondition{
		Condition:    cdktf.Op_Gte(cdktf.Fn_LengthOf(names), jsii.Number(float64(*p.AzCount))),
		ErrorMessage: jsii.String(msg),
	}
}

// asAny passes a list token where a function takes a list of any: the token
// list's elements (one encoded marker) carry over, so it stays the same list.
func asAny(list *[]*string) *[]interface{} {
	out := make([]interface{}, len(*list))
	for i, s := range *list {
		out[i] = s
	}
	return &out
}
