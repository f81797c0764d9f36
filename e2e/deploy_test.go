package e2e

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/platform-team/webstack/internal/emulator"
	"github.com/platform-team/webstack/internal/tfharness"
)

// outputs reads the stack's outputs as strings and string lists.
type outputs map[string]any

func (o outputs) s(k string) string { v, _ := o[k].(string); return v }
func (o outputs) list(k string) []string {
	var out []string
	for _, v := range o[k].([]any) {
		out = append(out, v.(string))
	}
	return out
}

// applyAndCheckReplan applies, then re-plans and fails on any change at all.
func applyAndCheckReplan(t *testing.T, ctx context.Context, w *tfharness.Workspace) outputs {
	t.Helper()
	if err := w.Init(ctx, true); err != nil {
		t.Fatalf("init: %v", err)
	}
	if err := w.Apply(ctx); err != nil {
		t.Fatalf("apply: %v", err)
	}
	out, err := w.Outputs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := w.Plan(ctx, "")
	if err != nil {
		t.Fatalf("re-plan: %v", err)
	}
	for _, c := range planChanges(plan) {
		t.Errorf("re-plan is not clean: %s", c)
	}
	return outputs(out)
}

func destroy(t *testing.T, ctx context.Context, w *tfharness.Workspace) {
	t.Helper()
	if err := w.Destroy(ctx); err != nil {
		t.Fatalf("destroy: %v", err)
	}
}

// TestDeployLocalStack is the main job: the shipped local environment applies
// to the emulator, is what it claims to be when asked through the AWS API,
// re-plans clean, and destroys without leftovers.
func TestDeployLocalStack(t *testing.T) {
	t.Parallel()
	emu := startEmulator(t)
	outdir, _ := synthFiles(t, map[string]string{"local": localConfig(t, "")})
	w := workspace(t, outdir, "local", emu)
	ctx := ctxFor(t)
	out := applyAndCheckReplan(t, ctx, w)
	cfg := awsConfig(emu, "us-east-1")

	// The way out of CDKTF: the same stack as plain HCL, over the state the
	// JSON deploy wrote, plans no change.
	t.Run("hcl plans no changes", func(t *testing.T) {
		hclOut, _ := synthWith(t, map[string]string{"local": localConfig(t, "")}, true)
		dir := filepath.Join(hclOut, "stacks", "local")
		state, err := os.ReadFile(filepath.Join(outdir, "stacks", "local", "terraform.tfstate"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "terraform.tfstate"), state, 0o600); err != nil {
			t.Fatal(err)
		}
		h := workspace(t, hclOut, "local", emu)
		if err := h.Init(ctx, true); err != nil {
			t.Fatalf("init: %v", err)
		}
		plan, err := h.Plan(ctx, "")
		if err != nil {
			t.Fatalf("plan: %v", err)
		}
		for _, c := range planChanges(plan) {
			t.Errorf("the HCL plans a change over the deployed state: %s", c)
		}
		if _, err := os.Stat(filepath.Join(dir, "cdk.tf.json")); err == nil {
			t.Error("the HCL directory also holds the JSON (Terraform would read both)")
		}
	})

	t.Run("zones stay when the zone list changes", func(t *testing.T) { zonesStay(t, ctx, emu, outdir) })
	t.Run("network", func(t *testing.T) { checkNetwork(t, cfg, out) })
	t.Run("load balancer", func(t *testing.T) { checkLoadBalancer(t, cfg, out) })
	t.Run("instances", func(t *testing.T) { checkInstances(t, cfg, out) })
	t.Run("security groups", func(t *testing.T) { checkSecurityGroups(t, cfg, out) })
	t.Run("log bucket", func(t *testing.T) { checkLogBucket(t, cfg, out) })
	t.Run("alarms", func(t *testing.T) { checkAlarms(t, cfg, out) })

	destroy(t, ctx, w)
	assertNothingLeft(t, cfg, out.s("name_suffix"))
}

// zonesStay plans the stack over its state as if it had been applied when the
// region listed its zones in another order: each subnet recorded in the
// zone now listed at another index. Subnets must stay where they are (a
// moved zone is a replacement), so the plan, which compares with the state
// as recorded (no refresh), must change nothing.
func zonesStay(t *testing.T, ctx context.Context, emu *emulator.Server, outdir string) {
	raw, err := os.ReadFile(filepath.Join(outdir, "stacks", "local", "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	var state map[string]any
	if err := json.Unmarshal(raw, &state); err != nil {
		t.Fatal(err)
	}
	other := map[string]string{"us-east-1a": "us-east-1b", "us-east-1b": "us-east-1a"}
	moved := 0
	for _, r := range state["resources"].([]any) {
		r := r.(map[string]any)
		if r["type"] != "aws_subnet" || r["mode"] != "managed" {
			continue
		}
		for _, inst := range r["instances"].([]any) {
			attrs := inst.(map[string]any)["attributes"].(map[string]any)
			az, _ := attrs["availability_zone"].(string)
			if other[az] == "" {
				t.Fatalf("subnet %v in %q: the test expects us-east-1a and b", r["name"], az)
			}
			attrs["availability_zone"] = other[az]
			delete(attrs, "availability_zone_id")
			moved++
		}
	}
	if moved != 4 {
		t.Fatalf("moved %d subnets, want the 4 of local", moved)
	}
	raw, err = json.Marshal(state)
	if err != nil {
		t.Fatal(err)
	}
	copyOut := t.TempDir()
	dir := filepath.Join(copyOut, "stacks", "local")
	config, err := os.ReadFile(filepath.Join(outdir, "stacks", "local", "cdk.tf.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"cdk.tf.json": config, "terraform.tfstate": raw} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	w := workspace(t, copyOut, "local", emu)
	if err := w.Init(ctx, true); err != nil {
		t.Fatalf("init: %v", err)
	}
	plan, err := w.PlanOverState(ctx)
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	for _, c := range planChanges(plan) {
		t.Errorf("a changed zone list changes the stack: %s", c)
	}
}

func checkNetwork(t *testing.T, cfg aws.Config, out outputs) {
	ctx := context.Background()
	c := ec2.NewFromConfig(cfg)
	vpc := []ec2types.Filter{{Name: aws.String("vpc-id"), Values: []string{out.s("vpc_id")}}}
	subnets, err := c.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{Filters: vpc})
	if err != nil {
		t.Fatal(err)
	}
	azs := map[string]map[string]bool{}
	for _, s := range subnets.Subnets {
		tier := ""
		for _, tag := range s.Tags {
			if aws.ToString(tag.Key) == "Tier" {
				tier = aws.ToString(tag.Value)
			}
		}
		if azs[tier] == nil {
			azs[tier] = map[string]bool{}
		}
		azs[tier][aws.ToString(s.AvailabilityZone)] = true
		if aws.ToBool(s.MapPublicIpOnLaunch) {
			t.Errorf("subnet %s maps public IPs", aws.ToString(s.SubnetId))
		}
	}
	if len(subnets.Subnets) != 4 || len(azs["public"]) != 2 || len(azs["private"]) != 2 {
		t.Errorf("want a public and a private subnet in each of 2 AZs, got %d subnets: %v", len(subnets.Subnets), azs)
	}
	nats, err := c.DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{Filter: vpc})
	if err != nil {
		t.Fatal(err)
	}
	if len(nats.NatGateways) != 1 || aws.ToString(nats.NatGateways[0].NatGatewayId) != out.list("nat_gateway_ids")[0] {
		t.Errorf("nat_gateways single: %d NAT gateways", len(nats.NatGateways))
	}
	tables, err := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: vpc})
	if err != nil {
		t.Fatal(err)
	}
	viaIGW, viaNAT := 0, 0
	for _, rt := range tables.RouteTables {
		for _, r := range rt.Routes {
			if aws.ToString(r.DestinationCidrBlock) != "0.0.0.0/0" {
				continue
			}
			if strings.HasPrefix(aws.ToString(r.GatewayId), "igw-") {
				viaIGW++
			}
			if r.NatGatewayId != nil {
				viaNAT++
			}
		}
	}
	if viaIGW != 1 || viaNAT != 1 {
		t.Errorf("default routes: %d through the internet gateway, %d through NAT; want 1 and 1", viaIGW, viaNAT)
	}
	flows, err := c.DescribeFlowLogs(ctx, &ec2.DescribeFlowLogsInput{Filter: []ec2types.Filter{{Name: aws.String("resource-id"), Values: []string{out.s("vpc_id")}}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(flows.FlowLogs) != 1 || flows.FlowLogs[0].LogDestinationType != "cloud-watch-logs" {
		t.Errorf("flow logs: %d", len(flows.FlowLogs))
	}
	groups, err := c.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{Filters: append(vpc, ec2types.Filter{Name: aws.String("group-name"), Values: []string{"default"}})})
	if err != nil {
		t.Fatal(err)
	}
	if len(groups.SecurityGroups) != 1 || len(groups.SecurityGroups[0].IpPermissions) != 0 || len(groups.SecurityGroups[0].IpPermissionsEgress) != 0 {
		t.Errorf("the default security group still has rules: %+v", groups.SecurityGroups)
	}
}

func checkLoadBalancer(t *testing.T, cfg aws.Config, out outputs) {
	ctx := context.Background()
	c := elbv2.NewFromConfig(cfg)
	lbs, err := c.DescribeLoadBalancers(ctx, &elbv2.DescribeLoadBalancersInput{LoadBalancerArns: []string{out.s("alb_arn")}})
	if err != nil || len(lbs.LoadBalancers) != 1 {
		t.Fatalf("load balancer: %v", err)
	}
	lb := lbs.LoadBalancers[0]
	// moto reports no scheme when the request left AWS's default (internet-facing).
	if (lb.Scheme != "internet-facing" && lb.Scheme != "") || lb.Type != "application" || len(lb.AvailabilityZones) != 2 {
		t.Errorf("load balancer: scheme %s, type %s, %d AZs", lb.Scheme, lb.Type, len(lb.AvailabilityZones))
	}
	attrs, err := c.DescribeLoadBalancerAttributes(ctx, &elbv2.DescribeLoadBalancerAttributesInput{LoadBalancerArn: lb.LoadBalancerArn})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, a := range attrs.Attributes {
		got[aws.ToString(a.Key)] = aws.ToString(a.Value)
	}
	for k, want := range map[string]string{
		"routing.http.drop_invalid_header_fields.enabled": "true",
		"deletion_protection.enabled":                     "false",
		"access_logs.s3.enabled":                          "true",
		"access_logs.s3.bucket":                           out.s("access_logs_bucket"),
		"idle_timeout.timeout_seconds":                    "60",
	} {
		if got[k] != want {
			t.Errorf("load balancer attribute %s = %q, want %q", k, got[k], want)
		}
	}
	listeners, err := c.DescribeListeners(ctx, &elbv2.DescribeListenersInput{LoadBalancerArn: lb.LoadBalancerArn})
	if err != nil {
		t.Fatal(err)
	}
	if len(listeners.Listeners) != 1 || aws.ToInt32(listeners.Listeners[0].Port) != 80 ||
		listeners.Listeners[0].DefaultActions[0].Type != "forward" ||
		aws.ToString(listeners.Listeners[0].DefaultActions[0].TargetGroupArn) != out.s("target_group_arn") {
		t.Errorf("HTTPS off: want one HTTP listener forwarding to the target group, got %+v", listeners.Listeners)
	}
	tgs, err := c.DescribeTargetGroups(ctx, &elbv2.DescribeTargetGroupsInput{TargetGroupArns: []string{out.s("target_group_arn")}})
	if err != nil || len(tgs.TargetGroups) != 1 {
		t.Fatalf("target group: %v", err)
	}
	tg := tgs.TargetGroups[0]
	if aws.ToString(tg.HealthCheckPath) != "/health" || aws.ToString(tg.Matcher.HttpCode) != "200" ||
		aws.ToInt32(tg.Port) != 80 || aws.ToInt32(tg.HealthyThresholdCount) != 3 || aws.ToInt32(tg.HealthCheckIntervalSeconds) != 15 {
		t.Errorf("target group health check: path %s matcher %s port %d", aws.ToString(tg.HealthCheckPath),
			aws.ToString(tg.Matcher.HttpCode), aws.ToInt32(tg.Port))
	}
	if len(aws.ToString(tg.TargetGroupName)) > 32 || len(aws.ToString(lb.LoadBalancerName)) > 32 {
		t.Error("names longer than 32 characters")
	}
}

func checkInstances(t *testing.T, cfg aws.Config, out outputs) {
	ctx := context.Background()
	groups, err := autoscaling.NewFromConfig(cfg).DescribeAutoScalingGroups(ctx, &autoscaling.DescribeAutoScalingGroupsInput{
		AutoScalingGroupNames: []string{out.s("asg_name")}})
	if err != nil || len(groups.AutoScalingGroups) != 1 {
		t.Fatalf("Auto Scaling group: %v", err)
	}
	g := groups.AutoScalingGroups[0]
	if aws.ToInt32(g.MinSize) != 2 || aws.ToInt32(g.MaxSize) != 4 || aws.ToInt32(g.DesiredCapacity) != 2 {
		t.Errorf("sizes %d/%d/%d, want 2/2/4", aws.ToInt32(g.MinSize), aws.ToInt32(g.DesiredCapacity), aws.ToInt32(g.MaxSize))
	}
	if aws.ToString(g.HealthCheckType) != "ELB" || aws.ToInt32(g.HealthCheckGracePeriod) != 300 {
		t.Errorf("health checks %s, grace %d", aws.ToString(g.HealthCheckType), aws.ToInt32(g.HealthCheckGracePeriod))
	}
	if g.LaunchTemplate == nil || aws.ToString(g.LaunchTemplate.LaunchTemplateId) != out.s("launch_template_id") {
		t.Errorf("launch template %+v", g.LaunchTemplate)
	}
	private := strings.Join(out.list("private_subnet_ids"), ",")
	for _, s := range strings.Split(aws.ToString(g.VPCZoneIdentifier), ",") {
		if !strings.Contains(private, s) {
			t.Errorf("the group launches into %s, which is not a private subnet", s)
		}
	}
	if len(g.TargetGroupARNs) != 1 || g.TargetGroupARNs[0] != out.s("target_group_arn") {
		t.Errorf("target groups %v", g.TargetGroupARNs)
	}

	c := ec2.NewFromConfig(cfg)
	versions, err := c.DescribeLaunchTemplateVersions(ctx, &ec2.DescribeLaunchTemplateVersionsInput{
		LaunchTemplateId: aws.String(out.s("launch_template_id")), Versions: []string{"$Latest"}})
	if err != nil || len(versions.LaunchTemplateVersions) != 1 {
		t.Fatalf("launch template versions: %v", err)
	}
	d := versions.LaunchTemplateVersions[0].LaunchTemplateData
	if d.MetadataOptions == nil || d.MetadataOptions.HttpTokens != "required" || aws.ToInt32(d.MetadataOptions.HttpPutResponseHopLimit) != 1 {
		t.Errorf("IMDSv2 with hop limit 1 not required: %+v", d.MetadataOptions)
	}
	if len(d.BlockDeviceMappings) != 1 || !aws.ToBool(d.BlockDeviceMappings[0].Ebs.Encrypted) || d.BlockDeviceMappings[0].Ebs.VolumeType != "gp3" {
		t.Errorf("root volume not encrypted gp3: %+v", d.BlockDeviceMappings)
	}
	if len(d.NetworkInterfaces) != 1 || aws.ToBool(d.NetworkInterfaces[0].AssociatePublicIpAddress) {
		t.Errorf("instances would get a public IP: %+v", d.NetworkInterfaces)
	}
	if aws.ToString(d.UserData) == "" || d.KeyName != nil {
		t.Errorf("user data missing or a key pair referenced (%v)", d.KeyName)
	}

	reservations, err := c.DescribeInstances(ctx, &ec2.DescribeInstancesInput{Filters: []ec2types.Filter{
		{Name: aws.String("tag:aws:autoscaling:groupName"), Values: []string{out.s("asg_name")}},
		{Name: aws.String("instance-state-name"), Values: []string{"running", "pending"}}}})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range reservations.Reservations {
		for _, i := range r.Instances {
			n++
			if i.PublicIpAddress != nil || !strings.Contains(private, aws.ToString(i.SubnetId)) {
				t.Errorf("instance %s: public IP %v, subnet %s", aws.ToString(i.InstanceId), aws.ToString(i.PublicIpAddress), aws.ToString(i.SubnetId))
			}
		}
	}
	if n != 2 {
		t.Errorf("%d instances running, want 2", n)
	}
}

func checkSecurityGroups(t *testing.T, cfg aws.Config, out outputs) {
	ctx := context.Background()
	c := ec2.NewFromConfig(cfg)
	alb, inst := out.s("alb_security_group_id"), out.s("instance_security_group_id")
	rules, err := c.DescribeSecurityGroupRules(ctx, &ec2.DescribeSecurityGroupRulesInput{Filters: []ec2types.Filter{
		{Name: aws.String("group-id"), Values: []string{alb, inst}}}})
	if err != nil {
		t.Fatal(err)
	}
	type key struct {
		group  string
		egress bool
		port   int32
		peer   string
	}
	got := map[key]bool{}
	for _, r := range rules.SecurityGroupRules {
		peer := aws.ToString(r.CidrIpv4)
		if r.ReferencedGroupInfo != nil {
			peer = aws.ToString(r.ReferencedGroupInfo.GroupId)
		}
		got[key{aws.ToString(r.GroupId), aws.ToBool(r.IsEgress), aws.ToInt32(r.FromPort), peer}] = true
	}
	want := map[key]bool{
		{alb, false, 80, "0.0.0.0/0"}:  true, // allowed_cidrs → ALB
		{alb, true, 80, inst}:          true, // ALB → instances only
		{inst, false, 80, alb}:         true, // instances ← ALB only
		{inst, true, 443, "0.0.0.0/0"}: true, // instances → AWS APIs, packages
	}
	for k := range want {
		if !got[k] {
			t.Errorf("missing rule %+v", k)
		}
	}
	for k := range got {
		if !want[k] {
			t.Errorf("unexpected rule %+v", k)
		}
	}
}

func checkLogBucket(t *testing.T, cfg aws.Config, out outputs) {
	ctx := context.Background()
	c := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
	bucket := aws.String(out.s("access_logs_bucket"))
	enc, err := c.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: bucket})
	if err != nil || enc.ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm != "AES256" {
		t.Errorf("bucket encryption: %v", err)
	}
	pab, err := c.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: bucket})
	if err != nil {
		t.Fatal(err)
	}
	p := pab.PublicAccessBlockConfiguration
	if !aws.ToBool(p.BlockPublicAcls) || !aws.ToBool(p.BlockPublicPolicy) || !aws.ToBool(p.IgnorePublicAcls) || !aws.ToBool(p.RestrictPublicBuckets) {
		t.Errorf("public access block %+v", p)
	}
	ver, err := c.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: bucket})
	if err != nil || ver.Status != "Enabled" {
		t.Errorf("versioning %v %v", ver, err)
	}
	pol, err := c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: bucket})
	if err != nil {
		t.Fatal(err)
	}
	var doc struct{ Statement []map[string]any }
	if err := json.Unmarshal([]byte(aws.ToString(pol.Policy)), &doc); err != nil {
		t.Fatal(err)
	}
	text := aws.ToString(pol.Policy)
	if len(doc.Statement) != 2 || !strings.Contains(text, "aws:SecureTransport") || !strings.Contains(text, "127311923021") {
		t.Errorf("bucket policy must grant us-east-1's ELB account and deny insecure transport: %s", text)
	}
}

// checkAlarms uses service/cloudwatch v1.52.0 on purpose: from v1.53.0 it speaks
// the Smithy RPCv2 CBOR protocol, which moto 5.2 does not answer.
func checkAlarms(t *testing.T, cfg aws.Config, out outputs) {
	alarms, err := cloudwatch.NewFromConfig(cfg).DescribeAlarms(context.Background(), &cloudwatch.DescribeAlarmsInput{})
	if err != nil {
		t.Fatal(err)
	}
	metrics := map[string]bool{}
	for _, a := range alarms.MetricAlarms {
		if !strings.HasSuffix(aws.ToString(a.AlarmName), out.s("name_suffix")) {
			continue
		}
		metrics[aws.ToString(a.MetricName)] = true
		if len(a.AlarmActions) != 1 || a.AlarmActions[0] != out.s("alarm_topic_arn") {
			t.Errorf("alarm %s notifies %v", aws.ToString(a.AlarmName), a.AlarmActions)
		}
	}
	for _, m := range []string{"HTTPCode_ELB_5XX_Count", "HTTPCode_Target_5XX_Count", "UnHealthyHostCount", "CPUUtilization", "TargetResponseTime"} {
		if !metrics[m] {
			t.Errorf("no alarm on %s", m)
		}
	}
}
