package orphans

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	logs "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
)

// Probe looks up, one by one, the resources of config (a stack's Terraform
// JSON, its references resolved through refs) that are not in the state
// (inState: addresses) and that a tagging API does not list: by name, IAM
// roles and instance profiles, KMS aliases, Elastic IPs, launch templates,
// Auto Scaling groups and log groups; by what they attach to, the
// resources with no name of their own (see attachment). Each that exists is
// an orphan, matched already. Creating it again would fail ("already
// exists") half-way through an apply.
func Probe(ctx context.Context, cfg aws.Config, config []byte, refs Refs, inState map[string]bool) ([]Orphan, error) {
	var c struct {
		Resource map[string]map[string]map[string]any `json:"resource"`
	}
	if err := json.Unmarshal(config, &c); err != nil {
		return nil, err
	}
	drawn := refs.Resolve
	iamc, kmsc, ec2c, asgc := iam.NewFromConfig(cfg), kms.NewFromConfig(cfg), ec2.NewFromConfig(cfg), autoscaling.NewFromConfig(cfg)
	var out []Orphan
	add := func(address, arn, name, id string) {
		out = append(out, Orphan{ARN: arn, Name: name, Address: address, ImportID: id})
	}
	for typ, byName := range c.Resource {
		for rname, body := range byName {
			address := typ + "." + rname
			if inState[address] {
				continue
			}
			var name string
			if tags, ok := body["tags"].(map[string]any); ok {
				name = drawn(tags["Name"])
			}
			switch typ {
			case "aws_iam_role":
				if n := drawn(body["name"]); n != "" {
					if r, err := iamc.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(n)}); err == nil {
						add(address, aws.ToString(r.Role.Arn), n, n)
					}
				}
			case "aws_iam_instance_profile":
				if n := drawn(body["name"]); n != "" {
					if p, err := iamc.GetInstanceProfile(ctx, &iam.GetInstanceProfileInput{InstanceProfileName: aws.String(n)}); err == nil {
						add(address, aws.ToString(p.InstanceProfile.Arn), n, n)
					}
				}
			case "aws_kms_alias":
				if n := drawn(body["name"]); n != "" {
					pages := kms.NewListAliasesPaginator(kmsc, &kms.ListAliasesInput{})
					for pages.HasMorePages() {
						page, err := pages.NextPage(ctx)
						if err != nil {
							return nil, fmt.Errorf("listing KMS aliases: %w", err)
						}
						for _, a := range page.Aliases {
							if aws.ToString(a.AliasName) == n {
								add(address, aws.ToString(a.AliasArn), n, n)
							}
						}
					}
				}
			case "aws_eip":
				if name != "" {
					a, err := ec2c.DescribeAddresses(ctx, &ec2.DescribeAddressesInput{Filters: []ec2types.Filter{
						{Name: aws.String("tag:Name"), Values: []string{name}}}})
					if err == nil && len(a.Addresses) == 1 {
						id := aws.ToString(a.Addresses[0].AllocationId)
						add(address, "arn:"+partition(cfg.Region)+":ec2:"+cfg.Region+"::elastic-ip/"+id, name, id)
					}
				}
			case "aws_launch_template":
				if n := drawn(body["name"]); n != "" {
					lt, err := ec2c.DescribeLaunchTemplates(ctx, &ec2.DescribeLaunchTemplatesInput{LaunchTemplateNames: []string{n}})
					if err == nil && len(lt.LaunchTemplates) == 1 {
						id := aws.ToString(lt.LaunchTemplates[0].LaunchTemplateId)
						add(address, "arn:"+partition(cfg.Region)+":ec2:"+cfg.Region+"::launch-template/"+id, n, id)
					}
				}
			case "aws_cloudwatch_log_group":
				if n := drawn(body["name"]); n != "" {
					g, err := logs.NewFromConfig(cfg).DescribeLogGroups(ctx, &logs.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String(n)})
					if err == nil {
						for _, lg := range g.LogGroups {
							if aws.ToString(lg.LogGroupName) == n {
								add(address, strings.TrimSuffix(aws.ToString(lg.Arn), ":*"), n, n)
							}
						}
					}
				}
			case "aws_autoscaling_group":
				if n := drawn(body["name"]); n != "" {
					g, err := asgc.DescribeAutoScalingGroups(ctx, &autoscaling.DescribeAutoScalingGroupsInput{AutoScalingGroupNames: []string{n}})
					if err == nil && len(g.AutoScalingGroups) == 1 {
						add(address, aws.ToString(g.AutoScalingGroups[0].AutoScalingGroupARN), n, n)
					}
				}
			default:
				o, err := attachment(ctx, cfg, ec2c, typ, body, refs)
				if err != nil {
					return nil, fmt.Errorf("looking for %s: %w", address, err)
				}
				if o != nil {
					add(address, o.ARN, o.Name, o.ImportID)
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Address < out[j].Address })
	return out, nil
}

// Merge adds to found (what Scan listed and Match matched) what Probe
// found: one orphan each, with the address Probe gave it when Scan listed it
// unmatched (a security group rule, a listener: tagged, but nameless).
func Merge(found, probed []Orphan) []Orphan {
	matched := map[string]bool{}
	for _, o := range found {
		matched[o.Address] = true
	}
	for _, p := range probed {
		if matched[p.Address] {
			continue
		}
		same := -1
		for i, o := range found {
			if o.Address == "" && (o.ARN == p.ARN || lastSegment(o.ARN) == p.ImportID) {
				same = i
			}
		}
		if same >= 0 {
			found[same].Address, found[same].ImportID = p.Address, p.ImportID
		} else {
			found = append(found, p)
		}
		matched[p.Address] = true
	}
	return found
}
