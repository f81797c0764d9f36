package e2e

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// TestDeployWithoutNAT: nat_gateways "none" deploys to the emulator with its
// VPC endpoints — S3 as a gateway on the private route tables, Systems
// Manager's three as interfaces in the private subnets — re-plans clean and
// destroys without leftovers.
func TestDeployWithoutNAT(t *testing.T) {
	t.Parallel()
	emu := startEmulator(t)
	outdir, _ := synthFiles(t, map[string]string{"nonat": localConfig(t, `"environment": "nonat", "nat_gateways": "none"`)})
	w := workspace(t, outdir, "nonat", emu)
	ctx := ctxFor(t)
	out := applyAndCheckReplan(t, ctx, w)
	cfg := awsConfig(emu, "us-east-1")

	c := ec2.NewFromConfig(cfg)
	eps, err := c.DescribeVpcEndpoints(context.Background(), &ec2.DescribeVpcEndpointsInput{
		Filters: []ec2types.Filter{{Name: aws.String("vpc-id"), Values: []string{out.s("vpc_id")}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]ec2types.VpcEndpoint{}
	for _, e := range eps.VpcEndpoints {
		name := aws.ToString(e.ServiceName)
		got[name[strings.LastIndex(name, ".")+1:]] = e
	}
	if s3, ok := got["s3"]; !ok || s3.VpcEndpointType != ec2types.VpcEndpointTypeGateway || len(s3.RouteTableIds) == 0 {
		t.Errorf("no S3 gateway endpoint on the private route tables: %+v", s3)
	}
	private := out.list("private_subnet_ids")
	for _, svc := range []string{"ssm", "ssmmessages", "ec2messages"} {
		e, ok := got[svc]
		if !ok {
			t.Errorf("no %s interface endpoint", svc)
			continue
		}
		if e.VpcEndpointType != ec2types.VpcEndpointTypeInterface || !aws.ToBool(e.PrivateDnsEnabled) || len(e.Groups) != 1 {
			t.Errorf("%s endpoint: type %s, private DNS %v, %d groups", svc, e.VpcEndpointType, aws.ToBool(e.PrivateDnsEnabled), len(e.Groups))
		}
		subnets := slices.Clone(e.SubnetIds)
		slices.Sort(subnets)
		want := slices.Clone(private)
		slices.Sort(want)
		if !slices.Equal(subnets, want) {
			t.Errorf("%s endpoint in subnets %v; want the private ones %v", svc, subnets, want)
		}
	}
	if len(out.list("nat_gateway_ids")) != 0 {
		t.Errorf("nat_gateways none made NAT gateways: %v", out.list("nat_gateway_ids"))
	}

	destroy(t, ctx, w)
	assertNothingLeft(t, cfg, out.s("name_suffix"))
}
