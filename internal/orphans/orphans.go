// Package orphans finds what a killed deploy left behind: resources that
// carry a stack copy's tags and random suffix in the account but are not in
// its Terraform state (Terraform saves state every 20 seconds or so during
// an apply, so a run killed in between leaves what it created since out of
// the state, still running and billed). It matches each to the resource of
// the configuration it is, so it can be adopted with an import block.
package orphans

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/aws/aws-sdk-go-v2/service/resourcegroupstaggingapi"
	taggingtypes "github.com/aws/aws-sdk-go-v2/service/resourcegroupstaggingapi/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/platform-team/webstack/internal/regions"
)

// Orphan is a resource of the stack copy that its state does not know.
type Orphan struct {
	ARN  string
	Name string // its Name tag, or the name its ARN holds
	// Address is the resource of the configuration it is ("" when none
	// matches), and ImportID what `terraform import` takes for it.
	Address, ImportID string
}

func (o Orphan) String() string {
	s := o.ARN
	if o.Address != "" {
		s = o.Address + " ← " + s
	}
	return s
}

// Copy identifies one copy of a stack in an account: the tags every taggable
// resource of it carries, and the random suffixes its names end with.
type Copy struct {
	Tags     map[string]string // Project, Environment, ManagedBy
	Suffixes []string
}

// Scan lists the resources of c in the account cfg reaches whose ARN is not
// known (known: the ids and ARNs its state holds). Buckets are listed by
// name as well, since not every tagging API (moto's) returns them.
func Scan(ctx context.Context, cfg aws.Config, c Copy, known map[string]bool, s3PathStyle bool) ([]Orphan, error) {
	return scan(ctx, cfg, c, known, s3PathStyle, false)
}

// scan is Scan; everything (instances too) with leftovers.
func scan(ctx context.Context, cfg aws.Config, c Copy, known map[string]bool, s3PathStyle, leftovers bool) ([]Orphan, error) {
	var filters []taggingtypes.TagFilter
	for k, v := range c.Tags {
		filters = append(filters, taggingtypes.TagFilter{Key: aws.String(k), Values: []string{v}})
	}
	sort.Slice(filters, func(i, j int) bool { return *filters[i].Key < *filters[j].Key })
	// The suffix as a whole: the end of the Name tag, or a name in the ARN
	// that ends with it (not the start of a longer id).
	var marks []*regexp.Regexp
	for _, s := range c.Suffixes {
		if s != "" {
			marks = append(marks, suffixMark(s))
		}
	}
	ours := func(arn, name string) bool {
		for _, m := range marks {
			if m.MatchString(name) || m.MatchString(arn) {
				return true
			}
		}
		return false
	}
	var out []Orphan
	seen := map[string]bool{}
	tagging := resourcegroupstaggingapi.NewFromConfig(cfg)
	p := resourcegroupstaggingapi.NewGetResourcesPaginator(tagging, &resourcegroupstaggingapi.GetResourcesInput{TagFilters: filters})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("listing the stack's tagged resources (Resource Groups Tagging API): %w", err)
		}
		for _, r := range page.ResourceTagMappingList {
			arn, name, managed := aws.ToString(r.ResourceARN), "", false
			for _, t := range r.Tags {
				switch k := aws.ToString(t.Key); {
				case k == "Name":
					name = aws.ToString(t.Value)
				case strings.HasPrefix(k, "aws:"):
					managed = true
				}
			}
			// Instances are launched (and ended) by the Auto Scaling group,
			// which tags them: not Terraform's to track.
			if (!leftovers && (managed || strings.Contains(arn, ":instance/"))) || !ours(arn, name) || isKnown(arn, known) ||
				seen[arn] || deleted(ctx, cfg, arn) {
				continue
			}
			seen[arn] = true
			out = append(out, Orphan{ARN: arn, Name: name})
		}
	}
	buckets, err := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = s3PathStyle }).ListBuckets(ctx, &s3.ListBucketsInput{})
	if err != nil {
		return nil, fmt.Errorf("listing buckets: %w", err)
	}
	for _, b := range buckets.Buckets {
		name := aws.ToString(b.Name)
		arn := "arn:" + partition(cfg.Region) + ":s3:::" + name
		if ours(arn, name) && !known[name] && !isKnown(arn, known) && !seen[arn] {
			seen[arn] = true
			out = append(out, Orphan{ARN: arn, Name: name})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ARN < out[j].ARN })
	return out, nil
}

func partition(region string) string {
	if r, ok := regions.Lookup(region); ok {
		return r.Partition()
	}
	return "aws"
}

// isKnown says whether the state knows arn: by the ARN, or by the id or
// name it ends with.
func isKnown(arn string, known map[string]bool) bool {
	if known[arn] {
		return true
	}
	return known[lastSegment(arn)]
}

func lastSegment(arn string) string {
	if i := strings.LastIndexAny(arn, "/:"); i >= 0 {
		return arn[i+1:]
	}
	return arn
}

// suffixMark finds a suffix as the end of a name: "-" and the suffix, then
// the end or something no name holds.
func suffixMark(suffix string) *regexp.Regexp {
	return regexp.MustCompile(`-` + regexp.QuoteMeta(suffix) + `($|[^a-z0-9])`)
}

// Known collects the ids, ARNs and names a Terraform state (terraform show
// -json, or the state file itself) holds: every string attribute named id,
// arn, name or bucket of every resource.
func Known(state []byte) (map[string]bool, error) {
	var st struct {
		Resources []struct {
			Instances []struct {
				Attributes map[string]any `json:"attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	known := map[string]bool{}
	if len(strings.TrimSpace(string(state))) == 0 {
		return known, nil
	}
	if err := json.Unmarshal(state, &st); err != nil {
		return nil, err
	}
	for _, r := range st.Resources {
		for _, i := range r.Instances {
			for _, k := range []string{"id", "arn", "name", "bucket"} {
				if v, ok := i.Attributes[k].(string); ok && v != "" {
					known[v] = true
				}
			}
		}
	}
	return known, nil
}

// Results are the results of the random_string resources a state (the
// state file's JSON) holds, by resource name.
func Results(state []byte) map[string]string {
	var st struct {
		Resources []struct {
			Mode, Type, Name string
			Instances        []struct {
				Attributes map[string]any `json:"attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	out := map[string]string{}
	if json.Unmarshal(state, &st) != nil {
		return out
	}
	for _, r := range st.Resources {
		if r.Mode != "managed" || r.Type != "random_string" {
			continue
		}
		for _, i := range r.Instances {
			if v, ok := i.Attributes["result"].(string); ok && v != "" {
				out[r.Name] = v
			}
		}
	}
	return out
}

var randomResult = regexp.MustCompile(`\$\{random_string\.([A-Za-z0-9_-]+)\.result\}`)

// Match finds, for each orphan, the resource of config (a stack's Terraform
// JSON) it is: the one whose Name tag or name, with the suffixes drawn
// (results: random_string name → result), the orphan carries. It sets
// Address and ImportID where it finds one.
func Match(orphans []Orphan, config []byte, results map[string]string) error {
	var c struct {
		Resource map[string]map[string]map[string]any `json:"resource"`
	}
	if err := json.Unmarshal(config, &c); err != nil {
		return err
	}
	type candidate struct{ address, typ, name string }
	var cands []candidate
	for typ, byName := range c.Resource {
		for name, body := range byName {
			var idents []string
			if tags, ok := body["tags"].(map[string]any); ok {
				if n, ok := tags["Name"].(string); ok {
					idents = append(idents, n)
				}
			}
			for _, k := range []string{"name", "bucket", "alarm_name"} {
				if n, ok := body[k].(string); ok {
					idents = append(idents, n)
				}
			}
			for _, id := range idents {
				drawn := randomResult.ReplaceAllStringFunc(id, func(tok string) string {
					return results[randomResult.FindStringSubmatch(tok)[1]]
				})
				if !strings.Contains(drawn, "${") {
					cands = append(cands, candidate{typ + "." + name, typ, drawn})
				}
			}
		}
	}
	sort.Slice(cands, func(i, j int) bool { return cands[i].address < cands[j].address })
	for i, o := range orphans {
		for _, cand := range cands {
			if t := typeOf(o.ARN); t != "" && !strings.HasPrefix(cand.typ, t) &&
				!(t == "aws_security_group" && cand.typ == "aws_default_security_group") {
				continue
			}
			if o.Name == cand.name || strings.HasSuffix(o.ARN, ":"+cand.name) || strings.HasSuffix(o.ARN, "/"+cand.name) ||
				strings.Contains(o.ARN, "/"+cand.name+"/") || strings.HasSuffix(o.ARN, ":::"+cand.name) {
				orphans[i].Address, orphans[i].ImportID = cand.address, importID(cand.typ, o.ARN, cand.name)
				break
			}
		}
	}
	return nil
}

// typeOf narrows the Terraform types an ARN can be, by its service and
// resource kind ("" when any).
func typeOf(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 {
		return ""
	}
	service, resource := parts[2], parts[5]
	kind := resource
	if i := strings.IndexAny(resource, "/:"); i >= 0 {
		kind = resource[:i]
	}
	switch service {
	case "ec2":
		return map[string]string{"vpc": "aws_vpc", "subnet": "aws_subnet", "internet-gateway": "aws_internet_gateway",
			"natgateway": "aws_nat_gateway", "route-table": "aws_route_table", "security-group": "aws_security_group",
			"vpc-endpoint": "aws_vpc_endpoint", "elastic-ip": "aws_eip", "launch-template": "aws_launch_template",
			"vpc-flow-log": "aws_flow_log", "security-group-rule": "aws_vpc_security_group_"}[kind]
	case "elasticloadbalancing":
		if strings.HasPrefix(resource, "targetgroup/") {
			return "aws_lb_target_group"
		}
		if strings.HasPrefix(resource, "listener/") {
			return "aws_lb_listener"
		}
		return "aws_lb"
	case "s3":
		return "aws_s3_bucket"
	case "kms":
		return "aws_kms_key"
	case "logs":
		return "aws_cloudwatch_log_group"
	case "sns":
		return "aws_sns_topic"
	case "cloudwatch":
		return "aws_cloudwatch_metric_alarm"
	case "iam":
		return "aws_iam_"
	case "wafv2":
		return "aws_wafv2_web_acl"
	case "autoscaling":
		return "aws_autoscaling_group"
	}
	return ""
}

// importID is what terraform import takes for a resource of typ at arn
// (its name is name): the ARN, the name, or the id the ARN ends with, as the
// AWS provider's import documentation gives for each type.
func importID(typ, arn, name string) string {
	switch typ {
	case "aws_lb", "aws_lb_target_group", "aws_lb_listener", "aws_sns_topic":
		return arn
	case "aws_s3_bucket", "aws_cloudwatch_log_group", "aws_cloudwatch_metric_alarm", "aws_iam_role",
		"aws_iam_instance_profile", "aws_autoscaling_group":
		return name
	case "aws_wafv2_web_acl": // arn:...:regional/webacl/<name>/<id>
		parts := strings.Split(arn, "/")
		return parts[len(parts)-1] + "/" + name + "/REGIONAL"
	}
	return lastSegment(arn)
}

// RemoveCommand is an AWS CLI command that deletes the orphan (endpoint: the
// emulator's URL, or "" for AWS).
func (o Orphan) RemoveCommand(endpoint string) string {
	id := lastSegment(o.ARN)
	var cmd string
	switch typ := typeOf(o.ARN); typ {
	case "aws_kms_key":
		cmd = "aws kms schedule-key-deletion --pending-window-in-days 7 --key-id " + id
	case "aws_s3_bucket":
		cmd = "aws s3 rb --force s3://" + id
	case "aws_cloudwatch_log_group":
		cmd = "aws logs delete-log-group --log-group-name " + o.ARN[strings.Index(o.ARN, "log-group:")+len("log-group:"):]
	case "aws_lb":
		cmd = "aws elbv2 delete-load-balancer --load-balancer-arn " + o.ARN
	case "aws_lb_target_group":
		cmd = "aws elbv2 delete-target-group --target-group-arn " + o.ARN
	case "aws_sns_topic":
		cmd = "aws sns delete-topic --topic-arn " + o.ARN
	case "aws_cloudwatch_metric_alarm":
		cmd = "aws cloudwatch delete-alarms --alarm-names " + id
	case "aws_vpc", "aws_subnet", "aws_internet_gateway", "aws_nat_gateway", "aws_route_table", "aws_security_group",
		"aws_vpc_endpoint", "aws_launch_template":
		kind := strings.TrimPrefix(typ, "aws_")
		flag := map[string]string{"vpc": "vpc-id", "subnet": "subnet-id", "internet_gateway": "internet-gateway-id",
			"nat_gateway": "nat-gateway-id", "route_table": "route-table-id", "security_group": "group-id",
			"vpc_endpoint": "vpc-endpoint-ids", "launch_template": "launch-template-id"}[kind]
		cmd = fmt.Sprintf("aws ec2 delete-%s --%s %s", strings.ReplaceAll(kind, "_", "-"), flag, id)
		if kind == "vpc_endpoint" {
			cmd = "aws ec2 delete-vpc-endpoints --vpc-endpoint-ids " + id
		}
	case "aws_eip":
		cmd = "aws ec2 release-address --allocation-id " + id
	default:
		return "delete " + o.ARN + " (console or CLI)"
	}
	if endpoint != "" {
		cmd += " --endpoint-url " + endpoint
	}
	return cmd
}

// ImportBlocks is a Terraform JSON file of import blocks for the orphans
// that matched a resource: `terraform plan` then adopts them into state.
func ImportBlocks(orphans []Orphan) ([]byte, int) {
	var blocks []map[string]string
	for _, o := range orphans {
		if o.Address != "" {
			blocks = append(blocks, map[string]string{"to": o.Address, "id": o.ImportID})
		}
	}
	data, _ := json.MarshalIndent(map[string]any{"import": blocks}, "", "  ")
	return data, len(blocks)
}

// Leftovers lists what of c is still in the account after a destroy:
// everything with its tags (none: any) and suffix, known to a state or not,
// the instances its Auto Scaling group launched included.
func Leftovers(ctx context.Context, cfg aws.Config, c Copy, s3PathStyle bool) ([]Orphan, error) {
	return scan(ctx, cfg, c, map[string]bool{}, s3PathStyle, true)
}

// deleted says whether a resource is in a state AWS keeps deleted things in
// for a while (terminated instances, KMS keys pending deletion, deleted NAT
// gateways): gone, for what matters here.
func deleted(ctx context.Context, cfg aws.Config, arn string) bool {
	id := lastSegment(arn)
	if strings.Contains(arn, ":instance/") {
		out, err := ec2.NewFromConfig(cfg).DescribeInstances(ctx, &ec2.DescribeInstancesInput{InstanceIds: []string{id}})
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
	}
	switch typeOf(arn) {
	case "aws_kms_key":
		out, err := kms.NewFromConfig(cfg).DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(id)})
		return err != nil || out.KeyMetadata.KeyState == kmstypes.KeyStatePendingDeletion
	case "aws_nat_gateway":
		out, err := ec2.NewFromConfig(cfg).DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{NatGatewayIds: []string{id}})
		if err != nil {
			return true
		}
		for _, n := range out.NatGateways {
			if n.State != ec2types.NatGatewayStateDeleted && n.State != ec2types.NatGatewayStateDeleting {
				return false
			}
		}
		return true
	}
	return false
}
