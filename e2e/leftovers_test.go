package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/resourcegroupstaggingapi"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// assertNothingLeft fails for any resource in the emulator that still carries
// the stack's suffix in its Name tag or name, except those AWS itself keeps
// for a while after deletion: terminated instances, deleted NAT gateways, and
// KMS keys pending deletion.
func assertNothingLeft(t *testing.T, cfg aws.Config, suffix string) {
	t.Helper()
	ctx := context.Background()
	tagging := resourcegroupstaggingapi.NewFromConfig(cfg)
	out, err := tagging.GetResources(ctx, &resourcegroupstaggingapi.GetResourcesInput{})
	if err != nil {
		t.Fatalf("tagging API: %v", err)
	}
	ec2c, kmsc := ec2.NewFromConfig(cfg), kms.NewFromConfig(cfg)
	for _, r := range out.ResourceTagMappingList {
		arn := aws.ToString(r.ResourceARN)
		named := strings.Contains(arn, suffix)
		for _, tag := range r.Tags {
			named = named || strings.Contains(aws.ToString(tag.Value), suffix)
		}
		if !named || gone(ctx, ec2c, kmsc, arn) {
			continue
		}
		t.Errorf("left behind after destroy: %s", arn)
	}
	// Buckets are not in moto's tagging API answer; list them.
	buckets, err := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true }).ListBuckets(ctx, &s3.ListBucketsInput{})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range buckets.Buckets {
		if strings.Contains(aws.ToString(b.Name), suffix) {
			t.Errorf("bucket left behind after destroy: %s", aws.ToString(b.Name))
		}
	}
	vpcs, err := ec2c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{Filters: []ec2types.Filter{{Name: aws.String("tag:Name"), Values: []string{"*" + suffix}}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(vpcs.Vpcs) > 0 {
		t.Errorf("VPC left behind after destroy: %s", aws.ToString(vpcs.Vpcs[0].VpcId))
	}
}

// gone says whether a resource is in a state AWS keeps deleted things in.
func gone(ctx context.Context, ec2c *ec2.Client, kmsc *kms.Client, arn string) bool {
	id := arn[strings.LastIndex(arn, "/")+1:]
	switch {
	case strings.Contains(arn, ":instance/"):
		out, err := ec2c.DescribeInstances(ctx, &ec2.DescribeInstancesInput{InstanceIds: []string{id}})
		if err != nil {
			return true
		}
		for _, r := range out.Reservations {
			for _, i := range r.Instances {
				if i.State.Name != ec2types.InstanceStateNameTerminated && i.State.Name != ec2types.InstanceStateNameShuttingDown {
					return false
				}
			}
		}
		return true
	case strings.Contains(arn, ":natgateway/"):
		out, err := ec2c.DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{NatGatewayIds: []string{id}})
		if err != nil {
			return true
		}
		for _, n := range out.NatGateways {
			if n.State != ec2types.NatGatewayStateDeleted && n.State != ec2types.NatGatewayStateDeleting {
				return false
			}
		}
		return true
	case strings.Contains(arn, ":key/"):
		out, err := kmsc.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(id)})
		return err != nil || out.KeyMetadata.KeyState == "PendingDeletion"
	}
	return false
}
