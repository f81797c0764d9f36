package webtier

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
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

func build(t *testing.T, p Props) *policy.Stack {
	t.Helper()
	return synthtest.Stack(t, func(stack cdktf.TerraformStack) {
		p.Namer, _ = naming.New("shop", "dev", "abc123", 6)
		p.VpcID = jsii.String("vpc-123")
		p.PublicSubnetIDs = *jsii.Strings("subnet-pub-a", "subnet-pub-b")
		p.PrivateSubnetIDs = *jsii.Strings("subnet-priv-a", "subnet-priv-b")
		p.VpcCidr = jsii.String("10.0.0.0/16")
		if p.Partition == "" {
			p.Partition = "aws"
		}
		if _, err := NewWebTier(stack, "webtier", &p); err != nil {
			t.Fatal(err)
		}
	})
}

func get(t *testing.T, s *policy.Stack, path string) policy.Attrs {
	t.Helper()
	r, ok := s.ByPath(path)
	if !ok {
		t.Fatalf("no resource at %s", path)
	}
	return r.Attrs
}

func TestLoadBalancer(t *testing.T) {
	s := build(t, Props{DeletionProtection: true, IdleTimeoutSeconds: new(120)})
	alb := get(t, s, "webtier/alb")
	if internal, _ := alb.Bool("internal"); internal || alb.Str("load_balancer_type") != "application" {
		t.Error("the load balancer must be an internet-facing ALB")
	}
	if v, _ := alb.Bool("drop_invalid_header_fields"); !v {
		t.Error("invalid header fields are not dropped")
	}
	if v, _ := alb.Bool("enable_deletion_protection"); !v {
		t.Error("deletion protection not passed through")
	}
	if n, _ := alb.Num("idle_timeout"); n != 120 {
		t.Errorf("idle timeout %v", n)
	}
	if got := alb.Strings("subnets"); strings.Join(got, ",") != "subnet-pub-a,subnet-pub-b" {
		t.Errorf("ALB subnets %v, want the public ones", got)
	}
	if alb.Get("access_logs") != nil {
		t.Error("access logs configured without AccessLogs")
	}
	if d, _ := build(t, Props{}).ByPath("webtier/alb"); func() bool { v, _ := d.Attrs.Bool("enable_deletion_protection"); return v }() {
		t.Error("deletion protection must default to off")
	}
}

func TestAccessLogsWiring(t *testing.T) {
	s := build(t, Props{AccessLogs: &AccessLogs{Bucket: jsii.String("logs-bucket"), Prefix: "alb"}})
	alb := get(t, s, "webtier/alb")
	if alb.Str("access_logs.bucket") != "logs-bucket" || alb.Str("access_logs.prefix") != "alb" {
		t.Errorf("access logs %v", alb.Get("access_logs"))
	}
	if on, _ := alb.Bool("access_logs.enabled"); !on {
		t.Error("access logs not enabled")
	}
}

func TestSecurityGroupGraph(t *testing.T) {
	s := build(t, Props{AppPort: new(8080), AllowedCidrs: []string{"203.0.113.0/24", "198.51.100.0/24"}})
	albSG, _ := s.ByPath("webtier/alb-sg")
	instSG, _ := s.ByPath("webtier/instance-sg")
	for _, sg := range []policy.Resource{albSG, instSG} {
		if sg.Attrs.Str("description") == "" || sg.Attrs.Get("ingress") != nil || sg.Attrs.Get("egress") != nil {
			t.Errorf("%s: needs a description and no inline rules", sg.Path)
		}
	}
	// Nothing reaches an instance except the load balancer, on the app port.
	in := s.Referencing("aws_vpc_security_group_ingress_rule", "security_group_id", instSG)
	if len(in) != 1 {
		t.Fatalf("instances have %d ingress rules, want 1", len(in))
	}
	r := in[0].Attrs
	if r.Str("referenced_security_group_id") != albSG.Ref("id") || r.Str("cidr_ipv4") != "" {
		t.Errorf("instance ingress is not from the ALB group: %v", r)
	}
	if from, _ := r.Num("from_port"); from != 8080 {
		t.Errorf("instance ingress port %v", from)
	}
	// The ALB takes 80 from each allowed CIDR and no 443 here.
	albIn := s.Referencing("aws_vpc_security_group_ingress_rule", "security_group_id", albSG)
	if len(albIn) != 2 {
		t.Fatalf("ALB ingress rules: %d, want 2", len(albIn))
	}
	if albIn[0].Attrs.Str("cidr_ipv4") != "203.0.113.0/24" && albIn[1].Attrs.Str("cidr_ipv4") != "203.0.113.0/24" {
		t.Error("IPv4 CIDR not used")
	}
	if albIn[0].Attrs.Str("cidr_ipv4") != "198.51.100.0/24" && albIn[1].Attrs.Str("cidr_ipv4") != "198.51.100.0/24" {
		t.Error("second CIDR not used")
	}
	for _, rule := range albIn {
		if p, _ := rule.Attrs.Num("from_port"); p != 80 {
			t.Errorf("ALB ingress on %v; 443 belongs to package https", p)
		}
	}
	// The ALB sends only to the instances.
	albOut := s.Referencing("aws_vpc_security_group_egress_rule", "security_group_id", albSG)
	if len(albOut) != 1 || albOut[0].Attrs.Str("referenced_security_group_id") != instSG.Ref("id") {
		t.Errorf("ALB egress must go to the instance group only: %v", albOut)
	}
	// Instances send HTTPS out (SSM, packages) and nothing else.
	instOut := s.Referencing("aws_vpc_security_group_egress_rule", "security_group_id", instSG)
	if len(instOut) != 1 {
		t.Fatalf("instance egress rules: %d", len(instOut))
	}
	if p, _ := instOut[0].Attrs.Num("to_port"); p != 443 || instOut[0].Attrs.Str("ip_protocol") != "tcp" {
		t.Errorf("instance egress %v", instOut[0].Attrs)
	}
	for _, typ := range []string{"aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"} {
		for _, rule := range s.OfType(typ) {
			if rule.Attrs.Str("description") == "" {
				t.Errorf("%s has no description", rule.Path)
			}
		}
	}
}

func TestSSHOnlyWithKeyAndCidrs(t *testing.T) {
	count22 := func(s *policy.Stack) int {
		n := 0
		for _, r := range s.OfType("aws_vpc_security_group_ingress_rule") {
			if p, _ := r.Attrs.Num("from_port"); p == 22 {
				n++
			}
		}
		return n
	}
	if n := count22(build(t, Props{})); n != 0 {
		t.Errorf("default: %d SSH rules", n)
	}
	if n := count22(build(t, Props{KeyName: "ops"})); n != 0 {
		t.Errorf("key without CIDRs: %d SSH rules", n)
	}
	s := build(t, Props{KeyName: "ops", SSHCidrs: []string{"10.0.0.0/8"}})
	if n := count22(s); n != 1 {
		t.Errorf("key and CIDR: %d SSH rules, want 1", n)
	}
	if get(t, s, "webtier/launch-template").Str("key_name") != "ops" {
		t.Error("key_name not on the launch template")
	}
	if get(t, build(t, Props{}), "webtier/launch-template").Get("key_name") != nil {
		t.Error("a key pair is referenced although none was given")
	}
}

func TestTargetGroup(t *testing.T) {
	s := build(t, Props{AppPort: new(8080), HealthCheck: HealthCheck{Path: new("/ready"), Matcher: new("200-299")}, DeregistrationDelaySeconds: new(10)})
	tg := get(t, s, "webtier/target-group")
	if p, _ := tg.Num("port"); p != 8080 || tg.Str("protocol") != "HTTP" || tg.Str("target_type") != "instance" {
		t.Errorf("target group %v", tg)
	}
	if tg.Str("health_check.path") != "/ready" || tg.Str("health_check.matcher") != "200-299" {
		t.Errorf("health check %v", tg.Get("health_check"))
	}
	for attr, want := range map[string]float64{"healthy_threshold": 3, "unhealthy_threshold": 3, "interval": 15, "timeout": 5} {
		if v, _ := tg.Num("health_check." + attr); v != want {
			t.Errorf("health_check.%s = %v, want default %v", attr, v, want)
		}
	}
	if tg.Str("deregistration_delay") != "10" {
		t.Errorf("deregistration delay %q", tg.Str("deregistration_delay"))
	}
	if cbd, _ := tg.Bool("lifecycle.create_before_destroy"); !cbd {
		t.Error("target group must be created before its predecessor is destroyed")
	}
	// Its name must change whenever a replacing argument does.
	suffix, _ := s.ByPath("webtier/target-group-suffix")
	if !strings.Contains(tg.Str("name"), suffix.Ref("result")) {
		t.Errorf("target group name %q does not use its own suffix", tg.Str("name"))
	}
	keepers := suffix.Attrs.Map("keepers")
	if keepers["port"] != "8080" || keepers["protocol"] != "HTTP" || keepers["vpc_id"] != "vpc-123" {
		t.Errorf("target group suffix keepers %v", keepers)
	}
}

func TestLaunchTemplateIsHardened(t *testing.T) {
	s := build(t, Props{RootVolumeSize: new(20), InstanceType: new("t4g.small"), AppPort: new(8080)})
	lt := get(t, s, "webtier/launch-template")
	for path, want := range map[string]string{
		"metadata_options.http_tokens":                   "required",
		"metadata_options.http_endpoint":                 "enabled",
		"block_device_mappings.ebs.encrypted":            "true",
		"block_device_mappings.ebs.volume_type":          "gp3",
		"block_device_mappings.device_name":              AmazonLinuxRootDevice,
		"network_interfaces.associate_public_ip_address": "false",
		"instance_type":                                  "t4g.small",
	} {
		if got := lt.Str(path); got != want {
			t.Errorf("%s = %q, want %q", path, got, want)
		}
	}
	if hop, _ := lt.Num("metadata_options.http_put_response_hop_limit"); hop != 1 {
		t.Errorf("hop limit %v", hop)
	}
	if size, _ := lt.Num("block_device_mappings.ebs.volume_size"); size != 20 {
		t.Errorf("volume size %v", size)
	}
	instSG, _ := s.ByPath("webtier/instance-sg")
	if sgs := lt.Strings("network_interfaces.security_groups"); len(sgs) != 1 || sgs[0] != instSG.Ref("id") {
		t.Errorf("instances are not in the instance group: %v", sgs)
	}
	param, ok := s.ByPath("webtier/ami-parameter")
	if !ok || param.Attrs.Str("name") != "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64" {
		t.Errorf("AMI parameter for arm64 missing: %v", param.Attrs)
	}
	if lt.Str("image_id") != param.Ref("insecure_value") {
		t.Errorf("image_id %q is not the SSM parameter", lt.Str("image_id"))
	}
	script, _ := base64.StdEncoding.DecodeString(lt.Str("user_data"))
	if !strings.Contains(string(script), "port=8080") {
		t.Error("user data does not serve the app port")
	}
	kinds := map[string]bool{}
	for _, ts := range lt.Blocks("tag_specifications") {
		kinds[ts.Str("resource_type")] = ts.Str("tags.Name") != ""
	}
	for _, k := range []string{"instance", "volume", "network-interface"} {
		if !kinds[k] {
			t.Errorf("launched %ss are not tagged", k)
		}
	}
}

func TestCustomAmiUsesItsRootDevice(t *testing.T) {
	s := build(t, Props{AmiID: "ami-0123456789abcdef0"})
	lt := get(t, s, "webtier/launch-template")
	ami, ok := s.ByPath("webtier/ami")
	if !ok || lt.Str("image_id") != "ami-0123456789abcdef0" {
		t.Fatalf("custom AMI not used: %v", lt.Get("image_id"))
	}
	if lt.Str("block_device_mappings.device_name") != ami.Ref("root_device_name") {
		t.Error("the encrypted volume must replace the custom AMI's root device")
	}
	if _, ok := s.ByPath("webtier/ami-parameter"); ok {
		t.Error("SSM parameter looked up although ami_id is set")
	}
}

func TestInstanceRoleIsSSMOnly(t *testing.T) {
	s := build(t, Props{Partition: "aws-us-gov"})
	role := get(t, s, "webtier/instance-role")
	var trust struct {
		Statement []struct{ Principal map[string]string }
	}
	if err := json.Unmarshal([]byte(role.Str("assume_role_policy")), &trust); err != nil {
		t.Fatal(err)
	}
	if len(trust.Statement) != 1 || trust.Statement[0].Principal["Service"] != "ec2.amazonaws.com" {
		t.Errorf("trust %+v", trust)
	}
	att := s.OfType("aws_iam_role_policy_attachment")
	if len(att) != 1 || att[0].Attrs.Str("policy_arn") != "arn:aws-us-gov:iam::aws:policy/AmazonSSMManagedInstanceCore" {
		t.Errorf("attachments %v", att)
	}
	if len(s.OfType("aws_iam_role_policy")) != 0 {
		t.Error("instances must have no inline policies")
	}
}

func TestAutoScalingGroup(t *testing.T) {
	s := build(t, Props{MinSize: new(2), DesiredCapacity: new(3), MaxSize: new(6), CPUTargetPercent: new(65), GracePeriodSeconds: new(120)})
	asg := get(t, s, "webtier/asg")
	for attr, want := range map[string]float64{"min_size": 2, "desired_capacity": 3, "max_size": 6, "health_check_grace_period": 120} {
		if v, _ := asg.Num(attr); v != want {
			t.Errorf("%s = %v, want %v", attr, v, want)
		}
	}
	if got := asg.Strings("vpc_zone_identifier"); strings.Join(got, ",") != "subnet-priv-a,subnet-priv-b" {
		t.Errorf("instances must be in the private subnets, got %v", got)
	}
	if asg.Str("health_check_type") != "ELB" {
		t.Error("health checks are not the load balancer's")
	}
	lt, _ := s.ByPath("webtier/launch-template")
	if asg.Str("launch_template.id") != lt.Ref("id") || asg.Str("launch_template.version") != lt.Ref("latest_version") {
		t.Errorf("launch template %v", asg.Get("launch_template"))
	}
	if asg.Str("instance_refresh.strategy") != "Rolling" {
		t.Error("no instance refresh on launch template changes")
	}
	if ic := asg.Strings("lifecycle.ignore_changes"); len(ic) != 1 || ic[0] != "desired_capacity" {
		t.Errorf("desired_capacity must be left to scaling after creation: ignore_changes %v", ic)
	}
	tg, _ := s.ByPath("webtier/target-group")
	if tgs := asg.Strings("target_group_arns"); len(tgs) != 1 || tgs[0] != tg.Ref("arn") {
		t.Errorf("target groups %v", tgs)
	}
	names := map[string]bool{}
	for _, tag := range asg.Blocks("tag") {
		names[tag.Str("key")] = true
	}
	if !names["Name"] {
		t.Error("the group itself is not tagged")
	}
	pol := get(t, s, "webtier/cpu-target")
	if v, _ := pol.Num("target_tracking_configuration.target_value"); v != 65 ||
		pol.Str("target_tracking_configuration.predefined_metric_specification.predefined_metric_type") != "ASGAverageCPUUtilization" {
		t.Errorf("scaling policy %v", pol)
	}
}

// Validate names the prop and the kind of each problem, needs no jsii, and
// takes zero where zero is allowed.
func TestValidateNamesPropAndKind(t *testing.T) {
	namer, _ := naming.New("a", "b", "c", 1)
	base := func() Props {
		return Props{Namer: namer, VpcID: jsii.String("v"), Partition: "aws",
			PublicSubnetIDs: *jsii.Strings("a", "b"), PrivateSubnetIDs: *jsii.Strings("c", "d")}
	}
	for _, tc := range []struct {
		name   string
		change func(*Props)
		path   string // "" for valid props
		kind   field.Kind
	}{
		{"zero grace period", func(p *Props) { p.GracePeriodSeconds = new(0) }, "", ""},
		{"zero deregistration delay", func(p *Props) { p.DeregistrationDelaySeconds = new(0) }, "", ""},
		{"boundaries", func(p *Props) {
			p.AppPort, p.RootVolumeSize, p.MinSize, p.MaxSize = new(65535), new(16384), new(100), new(100)
			p.IdleTimeoutSeconds, p.CPUTargetPercent = new(4000), new(90)
		}, "", ""},
		{"no namer", func(p *Props) { p.Namer = nil }, "Namer", field.Required},
		{"one private subnet", func(p *Props) { p.PrivateSubnetIDs = p.PrivateSubnetIDs[:1] }, "PrivateSubnetIDs", field.Required},
		{"internal without public subnets", func(p *Props) {
			p.Scheme, p.PublicSubnetIDs, p.VpcCidr = new(Internal), nil, jsii.String("10.0.0.0/16")
		}, "", ""},
		{"internal needs a range", func(p *Props) { p.Scheme = new(Internal) }, "VpcCidr", field.Required},
		{"scheme", func(p *Props) { p.Scheme = new(Scheme("public")) }, "Scheme", field.NotSupported},
		{"partition", func(p *Props) { p.Partition = "" }, "Partition", field.NotSupported},
		{"port zero", func(p *Props) { p.AppPort = new(0) }, "AppPort", field.OutOfRange},
		{"instance type empty", func(p *Props) { p.InstanceType = new("") }, "InstanceType", field.Invalid},
		{"idle timeout zero", func(p *Props) { p.IdleTimeoutSeconds = new(0) }, "IdleTimeoutSeconds", field.OutOfRange},
		{"negative grace period", func(p *Props) { p.GracePeriodSeconds = new(-1) }, "GracePeriodSeconds", field.OutOfRange},
		{"sizes", func(p *Props) { p.MinSize, p.MaxSize = new(3), new(2) }, "MinSize", field.Forbidden},
		{"desired", func(p *Props) { p.DesiredCapacity = new(5) }, "DesiredCapacity", field.Forbidden},
		{"timeout", func(p *Props) { p.HealthCheck.IntervalSeconds = new(5) }, "HealthCheck.IntervalSeconds", field.Forbidden},
		{"health path shell", func(p *Props) { p.HealthCheck.Path = new(`/h";reboot;"`) }, "HealthCheck.Path", field.Invalid},
		{"health path newline", func(p *Props) { p.HealthCheck.Path = new("/h\nreboot") }, "HealthCheck.Path", field.Invalid},
		{"health path empty", func(p *Props) { p.HealthCheck.Path = new("") }, "HealthCheck.Path", field.Invalid},
		{"health path long segment", func(p *Props) { p.HealthCheck.Path = new("/" + strings.Repeat("a", 256)) }, "HealthCheck.Path", field.Invalid},
		{"health path 255", func(p *Props) { p.HealthCheck.Path = new("/" + strings.Repeat("a", 255) + "/ok") }, "", ""},
		{"health path dot-dot", func(p *Props) { p.HealthCheck.Path = new("/../health") }, "HealthCheck.Path", field.Invalid},
		{"health path dot", func(p *Props) { p.HealthCheck.Path = new("/a/./health") }, "HealthCheck.Path", field.Invalid},
		{"health path double slash", func(p *Props) { p.HealthCheck.Path = new("/a//health") }, "HealthCheck.Path", field.Invalid},
		{"health path below the page", func(p *Props) { p.HealthCheck.Path = new("/index.html/x") }, "HealthCheck.Path", field.Invalid},
		{"health path the page", func(p *Props) { p.HealthCheck.Path = new("/index.html") }, "", ""},
		{"health path directory", func(p *Props) { p.HealthCheck.Path = new("/status/") }, "", ""},
		{"health path dotted name", func(p *Props) { p.HealthCheck.Path = new("/.well-known/ready.json") }, "", ""},
		{"port of sshd", func(p *Props) { p.AppPort = new(22) }, "AppPort", field.Forbidden},
		{"port of resolved", func(p *Props) { p.AppPort = new(53) }, "AppPort", field.Forbidden},
		{"user data script", func(p *Props) { p.UserData = new("#!/bin/sh\necho hi\n") }, "", ""},
		{"user data cloud-config", func(p *Props) { p.UserData = new("#cloud-config\nruncmd: [true]\n") }, "", ""},
		{"user data at the limit", func(p *Props) { p.UserData = new("#!/bin/sh\n" + strings.Repeat("#", MaxUserDataBytes-10)) }, "", ""},
		{"user data too large", func(p *Props) { p.UserData = new("#!/bin/sh\n" + strings.Repeat("#", MaxUserDataBytes-9)) }, "UserData", field.Invalid},
		{"user data neither", func(p *Props) { p.UserData = new("echo hi\n") }, "UserData", field.Invalid},
		{"user data empty", func(p *Props) { p.UserData = new("") }, "UserData", field.Invalid},
		{"user data not UTF-8", func(p *Props) { p.UserData = new("#!/bin/sh\n\xff\n") }, "UserData", field.Invalid},
		{"matcher", func(p *Props) { p.HealthCheck.Matcher = new("200-600") }, "HealthCheck.Matcher", field.Invalid},
		{"empty allowed list", func(p *Props) { p.AllowedCidrs = []string{} }, "AllowedCidrs", field.Required},
		{"duplicate allowed", func(p *Props) { p.AllowedCidrs = []string{"10.0.0.0/8", "10.0.0.0/8"} }, "AllowedCidrs[1]", field.Duplicate},
		{"ipv6 allowed", func(p *Props) { p.AllowedCidrs = []string{"2001:db8::/32"} }, "AllowedCidrs[0]", field.NotSupported},
		{"too many allowed", func(p *Props) {
			for i := range 26 {
				p.AllowedCidrs = append(p.AllowedCidrs, fmt.Sprintf("10.%d.0.0/16", i))
			}
		}, "AllowedCidrs", field.TooMany},
		{"ssh no key", func(p *Props) { p.SSHCidrs = []string{"10.0.0.0/8"} }, "SSHCidrs", field.Forbidden},
		{"ssh to world", func(p *Props) { p.KeyName, p.SSHCidrs = "k", []string{"0.0.0.0/0"} }, "SSHCidrs[0]", field.Forbidden},
		{"ssh from ipv6", func(p *Props) { p.KeyName, p.SSHCidrs = "k", []string{"2001:db8::/32"} }, "SSHCidrs[0]", field.NotSupported},
		{"tag key", func(p *Props) { p.Tags = map[string]string{"aws:x": "y"} }, "Tags.aws:x", field.Forbidden},
	} {
		p := base()
		tc.change(&p)
		err := p.Validate()
		if tc.path == "" {
			if err != nil {
				t.Errorf("%s: refused: %v", tc.name, err)
			}
			continue
		}
		var errs field.Errors
		if !errors.As(err, &errs) || len(errs) != 1 || errs[0].Path != tc.path || errs[0].Kind != tc.kind {
			t.Errorf("%s: want one %s error on %s, got %v", tc.name, tc.kind, tc.path, err)
		}
	}
}

// An internal load balancer sits with the instances in the private subnets
// and admits the VPC's range unless told otherwise.
func TestInternalScheme(t *testing.T) {
	s := build(t, Props{Scheme: new(Internal)})
	alb := get(t, s, "webtier/alb")
	if internal, _ := alb.Bool("internal"); !internal {
		t.Error("not internal")
	}
	if got := alb.Strings("subnets"); strings.Join(got, ",") != "subnet-priv-a,subnet-priv-b" {
		t.Errorf("internal load balancer subnets %v", got)
	}
	in := get(t, s, "webtier/alb-http-in-0")
	if in.Str("cidr_ipv4") != "10.0.0.0/16" {
		t.Errorf("internal load balancer admits %v, want the VPC range", in)
	}
}

// An application given as UserData is what the instances run, byte for byte;
// without one, they run the bootstrap for the port and health path.
func TestUserDataReachesTheLaunchTemplate(t *testing.T) {
	app := "#!/bin/bash\n# my app: serves /ready on 8080\nexec python3 -m http.server 8080\n"
	s := build(t, Props{UserData: new(app), AppPort: new(8080), HealthCheck: HealthCheck{Path: new("/ready")}})
	got, err := base64.StdEncoding.DecodeString(get(t, s, "webtier/launch-template").Str("user_data"))
	if err != nil || string(got) != app {
		t.Errorf("launch template user data = %q (%v); want the application as given", got, err)
	}
	s = build(t, Props{AppPort: new(8080), HealthCheck: HealthCheck{Path: new("/ready")}})
	if got := get(t, s, "webtier/launch-template").Str("user_data"); got != UserDataBase64(8080, "/ready") {
		t.Error("without an application, the launch template does not carry the bootstrap")
	}
}
