package stacks

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/platform-team/webstack/stacks/config"

	"github.com/platform-team/webstack/internal/synthtest"
	"github.com/platform-team/webstack/policy"
)

// honoured is one allowed, non-default value of a key (or a boundary of its
// range) and where it must land in the synthesized JSON, unchanged.
type honoured struct {
	file string // a JSON object setting the key (and what it needs)
	got  func(s *policy.Stack) any
	want any
}

// attr reads an attribute of the resource at a construct path.
func attr(path, name string) func(s *policy.Stack) any {
	return func(s *policy.Stack) any {
		r, ok := s.ByPath(path)
		if !ok {
			return "no resource " + path
		}
		return norm(r.Attrs.Get(name))
	}
}

// wafRateLimit reads the limit of the web ACL's rate-based rule.
func wafRateLimit(s *policy.Stack) any {
	acl, ok := s.ByPath("waf/web-acl")
	if !ok {
		return "no web ACL"
	}
	for _, r := range acl.Attrs.Blocks("rule") {
		if r.Get("statement.rate_based_statement") != nil {
			return norm(r.Get("statement.rate_based_statement.limit"))
		}
	}
	return "no rate-based rule"
}

// count counts the resources of a type.
func count(typ string) func(s *policy.Stack) any {
	return func(s *policy.Stack) any { return len(s.OfType(typ)) }
}

// dataCount counts the data sources of a type.
func dataCount(typ string) func(s *policy.Stack) any {
	return func(s *policy.Stack) any {
		n := 0
		for _, r := range s.Resources {
			if r.Data && r.Type == typ {
				n++
			}
		}
		return n
	}
}

// existingVpc is an environment file in an existing VPC with three private
// subnets and more settings.
func existingVpc(more string) string {
	return `{"existing_vpc": {"vpc_id": "vpc-0123456789abcdef0", "private_subnet_ids": ["subnet-0123456789abcdef1", ` +
		`"subnet-0123456789abcdef2", "subnet-0123456789abcdef3"], ` + more + `}}`
}

func tagOf(key string) func(s *policy.Stack) any {
	return func(s *policy.Stack) any { return s.DefaultTags()[key] }
}

func block(get func(*policy.Stack) policy.Attrs, name string) func(s *policy.Stack) any {
	return func(s *policy.Stack) any { return norm(get(s).Get(name)) }
}

// norm makes JSON numbers and scalars comparable with Go literals.
func norm(v any) any {
	switch v := v.(type) {
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return int(i)
		}
		f, _ := v.Float64()
		return f
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = norm(e)
		}
		return out
	}
	return v
}

var long = strings.Repeat

var honouredValues = []honoured{
	// the stack itself
	{`{"project": "a"}`, tagOf("Project"), "a"},
	{`{"project": "p` + long("x", 63) + `"}`, tagOf("Project"), "p" + long("x", 63)},
	{`{"environment": "e"}`, tagOf("Environment"), "e"},
	{`{"environment": "e` + long("y", 31) + `"}`, tagOf("Environment"), "e" + long("y", 31)},
	{`{"region": "eu-west-1"}`, block(func(s *policy.Stack) policy.Attrs { return s.Providers["aws"][0] }, "region"), "eu-west-1"},
	{`{"region": "us-gov-west-1"}`, attr("webtier/instance-ssm", "policy_arn"), "arn:aws-us-gov:iam::aws:policy/AmazonSSMManagedInstanceCore"},
	{`{"owner": "Team A/B @ HQ"}`, tagOf("Owner"), "Team A/B @ HQ"},
	{`{"owner": "` + long("o", 256) + `"}`, tagOf("Owner"), long("o", 256)},
	{`{"cost_center": "cc-42"}`, tagOf("CostCenter"), "cc-42"},
	{`{"tags": {"Team": "web", "Empty": ""}}`, tagOf("Empty"), ""},
	{`{"tags": {"Team": "web"}}`, attr("webtier/asg", "tag"), nil}, // checked below: ASG tags carry it
	{`{"target": "emulator"}`, func(s *policy.Stack) any { return s.Providers["aws"][0].Str("access_key") }, "test"},
	{`{"production": true}`, attr("access-logs/bucket", "force_destroy"), false},
	{`{"production": true}`, attr("webtier/alb", "enable_deletion_protection"), true},

	// network
	{`{"vpc_cidr": "192.168.0.0/22"}`, attr("network/vpc", "cidr_block"), "192.168.0.0/22"},
	{`{"vpc_cidr": "172.16.0.0/16"}`, attr("network/vpc", "cidr_block"), "172.16.0.0/16"},
	{`{"az_count": 2, "nat_gateways": "per_az"}`, count("aws_subnet"), 4},
	{`{"az_count": 6, "nat_gateways": "per_az"}`, count("aws_nat_gateway"), 6},
	{`{"nat_gateways": "none"}`, count("aws_nat_gateway"), 0},
	{`{"nat_gateways": "none"}`, count("aws_vpc_endpoint"), 4}, // S3, and SSM's three by default
	{`{"nat_gateways": "none", "ssm_endpoints": false}`, count("aws_vpc_endpoint"), 1},
	{`{"ssm_endpoints": true}`, count("aws_vpc_endpoint"), 4},
	{`{"ssm_endpoints": false}`, count("aws_vpc_endpoint"), 1},
	{`{"region": "cn-northwest-1"}`, attr("network/s3-endpoint", "service_name"), "cn.com.amazonaws.cn-northwest-1.s3"},
	{`{"flow_logs": {"retention_days": 1}}`, attr("network/flow-log-group", "retention_in_days"), 1},
	{`{"flow_logs": {"retention_days": 3653}}`, attr("network/flow-log-group", "retention_in_days"), 3653},
	{`{"flow_logs": {"traffic_type": "REJECT"}}`, attr("network/flow-log", "traffic_type"), "REJECT"},

	// an existing VPC
	{existingVpc(`"public_subnet_ids": ["subnet-0a000001", "subnet-0a000002", "subnet-0a000003", "subnet-0a000004", "subnet-0a000005", "subnet-0a000006"]`),
		attr("network/public-subnet-5", "id"), "subnet-0a000006"},
	{existingVpc(`"public_subnet_ids": ["subnet-0a000001", "subnet-0a000002"]`), attr("network/vpc", "id"), "vpc-0123456789abcdef0"},
	{existingVpc(`"public_subnet_ids": ["subnet-0a000001", "subnet-0a000002"]`), attr("network/private-subnet-2", "id"), "subnet-0123456789abcdef3"},
	{existingVpc(`"public_subnet_ids": ["subnet-0a000001", "subnet-0a000002"]`), attr("webtier/asg", "vpc_zone_identifier"),
		[]any{"${data.aws_subnet.network_private-subnet-0_0C797916.id}", "${data.aws_subnet.network_private-subnet-1_F0ACDF2C.id}",
			"${data.aws_subnet.network_private-subnet-2_1AC61B04.id}"}},
	// The main table and each public subnet's (checked for an internet
	// gateway), and with require_egress each private subnet's too.
	{existingVpc(`"public_subnet_ids": ["subnet-0a000001", "subnet-0a000002"], "require_egress": false`), dataCount("aws_route_table"), 3},
	{existingVpc(`"public_subnet_ids": ["subnet-0a000001", "subnet-0a000002"], "require_egress": true`), dataCount("aws_route_table"), 6},
	{`{"alb_scheme": "internal", "existing_vpc": {"vpc_id": "vpc-0123456789abcdef0", "private_subnet_ids": ["subnet-0b000001", "subnet-0b000002"]}}`,
		attr("webtier/alb", "subnets"), []any{"${data.aws_subnet.network_private-subnet-0_0C797916.id}", "${data.aws_subnet.network_private-subnet-1_F0ACDF2C.id}"}},

	// web tier
	{`{"alb_scheme": "internal"}`, attr("webtier/alb", "internal"), true},
	{`{"alb_scheme": "internet-facing"}`, attr("webtier/alb", "internal"), false},
	{`{"app_port": 1}`, attr("webtier/target-group", "port"), 1},
	{`{"app_port": 65535}`, attr("webtier/target-group", "port"), 65535},
	{`{"allowed_cidrs": ["198.51.100.0/24", "203.0.113.0/24"]}`, attr("webtier/alb-http-in-1", "cidr_ipv4"), "203.0.113.0/24"},
	{`{"allowed_cidrs": [` + cidrList(25) + `]}`, attr("webtier/alb-http-in-24", "cidr_ipv4"), "10.24.0.0/16"},
	{`{"instance_type": "m7g.large"}`, attr("webtier/launch-template", "instance_type"), "m7g.large"},
	{`{"app": {"user_data": "` + exampleApp + `"}}`, attr("webtier/launch-template", "user_data"), base64.StdEncoding.EncodeToString(mustRead("../" + exampleApp))},
	{`{"ami_id": "ami-0123456789abcdef0"}`, attr("webtier/launch-template", "image_id"), "ami-0123456789abcdef0"},
	{`{"ami_id": "ami-01234567"}`, attr("webtier/launch-template", "image_id"), "ami-01234567"},
	{`{"ami_updates": "pinned"}`, attr("webtier/launch-template", "lifecycle.ignore_changes"), []any{"image_id"}},
	{`{"ami_updates": "on_apply"}`, attr("webtier/launch-template", "lifecycle"), nil},
	{`{"key_name": "ops key", "ssh_cidrs": ["10.1.0.0/16"]}`, attr("webtier/launch-template", "key_name"), "ops key"},
	{`{"key_name": "ops", "ssh_cidrs": ["10.1.0.0/16", "10.2.0.0/16"]}`, attr("webtier/instances-ssh-in-1", "cidr_ipv4"), "10.2.0.0/16"},
	// Private ranges reach no one on the internet, however wide.
	{`{"key_name": "ops", "ssh_cidrs": ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]}`, attr("webtier/instances-ssh-in-2", "cidr_ipv4"), "192.168.0.0/16"},
	{`{"root_volume_size": 8}`, attr("webtier/launch-template", "block_device_mappings.ebs.volume_size"), 8},
	{`{"root_volume_size": 16384}`, attr("webtier/launch-template", "block_device_mappings.ebs.volume_size"), 16384},
	{`{"min_size": 1, "desired_capacity": 1, "max_size": 1}`, attr("webtier/asg", "max_size"), 1},
	{`{"min_size": 1, "desired_capacity": 1, "max_size": 1}`, attr("webtier/asg", "min_size"), 1},
	{`{"min_size": 100, "max_size": 100}`, attr("webtier/asg", "desired_capacity"), 100},
	{`{"min_size": 2, "desired_capacity": 3, "max_size": 5}`, attr("webtier/asg", "desired_capacity"), 3},
	{`{"cpu_target_percent": 10}`, attr("webtier/cpu-target", "target_tracking_configuration.target_value"), 10},
	{`{"cpu_target_percent": 90}`, attr("webtier/cpu-target", "target_tracking_configuration.target_value"), 90},
	{`{"health_check": {"path": "/"}}`, attr("webtier/target-group", "health_check.path"), "/"},
	{`{"health_check": {"path": "/` + strings.Repeat(long("p", 255)+"/", 3) + long("p", 255) + `"}}`, attr("webtier/target-group", "health_check.path"),
		"/" + strings.Repeat(long("p", 255)+"/", 3) + long("p", 255)}, // 1024 characters, segments of 255
	{`{"health_check": {"matcher": "200-299,302"}}`, attr("webtier/target-group", "health_check.matcher"), "200-299,302"},
	{`{"health_check": {"healthy_threshold": 2, "unhealthy_threshold": 10}}`, attr("webtier/target-group", "health_check.healthy_threshold"), 2},
	{`{"health_check": {"healthy_threshold": 10, "unhealthy_threshold": 2}}`, attr("webtier/target-group", "health_check.unhealthy_threshold"), 2},
	{`{"health_check": {"healthy_threshold": 10, "unhealthy_threshold": 2}}`, attr("webtier/target-group", "health_check.healthy_threshold"), 10},
	{`{"health_check": {"healthy_threshold": 2, "unhealthy_threshold": 10}}`, attr("webtier/target-group", "health_check.unhealthy_threshold"), 10},
	{`{"health_check": {"interval": 5, "timeout": 2}}`, attr("webtier/target-group", "health_check.interval"), 5},
	{`{"health_check": {"interval": 5, "timeout": 2}}`, attr("webtier/target-group", "health_check.timeout"), 2},
	{`{"health_check": {"interval": 300, "timeout": 120}}`, attr("webtier/target-group", "health_check.interval"), 300},
	{`{"health_check": {"interval": 300, "timeout": 120}}`, attr("webtier/target-group", "health_check.timeout"), 120},
	{`{"health_check": {"grace_period": 0}}`, attr("webtier/asg", "health_check_grace_period"), 0},
	{`{"health_check": {"grace_period": 7200}}`, attr("webtier/asg", "health_check_grace_period"), 7200},
	{`{"deregistration_delay": 0}`, attr("webtier/target-group", "deregistration_delay"), "0"},
	{`{"deregistration_delay": 3600}`, attr("webtier/target-group", "deregistration_delay"), "3600"},
	{`{"alb_idle_timeout": 1}`, attr("webtier/alb", "idle_timeout"), 1},
	{`{"alb_idle_timeout": 4000}`, attr("webtier/alb", "idle_timeout"), 4000},
	{`{"alb_deletion_protection": true}`, attr("webtier/alb", "enable_deletion_protection"), true},
	{`{"production": true, "alb_deletion_protection": true}`, attr("webtier/alb", "enable_deletion_protection"), true},

	// HTTPS
	{`{"waf": {"mode": "managed"}}`, attr("waf/web-acl", "scope"), "REGIONAL"},
	{`{"production": true, "waf": {"mode": "off"}, "policy": {"suppressions": [{"rule": "WS-ALB-8", "resource": "webtier/alb",
		"reason": "behind a CDN whose own web ACL filters requests"}]}}`, count("aws_wafv2_web_acl_association"), 0},
	{`{"waf": {"mode": "existing", "web_acl_arn": "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/shared/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"}}`,
		attr("waf/association", "web_acl_arn"), "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/shared/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"},
	{`{"waf": {"mode": "managed", "rate_limit": 10}}`, wafRateLimit, 10},
	{`{"waf": {"mode": "managed", "rate_limit": 2000000000}}`, wafRateLimit, 2000000000},
	{`{"https": {"mode": "acm", "domain": "shop.example.org", "hosted_zone_id": "Z0123456789ABCDEFGHIJ"}}`, attr("https/certificate", "domain_name"), "shop.example.org"},
	{`{"https": {"mode": "acm", "domain": "shop.example.org", "hosted_zone_id": "Z0123456789ABCDEFGHIJ"}}`, attr("https/alias", "zone_id"), "Z0123456789ABCDEFGHIJ"},
	{`{"https": {"mode": "certificate", "certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e",
	   "ssl_policy": "ELBSecurityPolicy-TLS13-1-3-2021-06"}}`, attr("https/https", "ssl_policy"), "ELBSecurityPolicy-TLS13-1-3-2021-06"},
	{`{"https": {"mode": "certificate", "certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e",
	   "ssl_policy": "ELBSecurityPolicy-TLS13-1-3-2021-06"}}`, attr("https/https", "certificate_arn"), "arn:aws:acm:us-east-1:123456789012:certificate/0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e"},
	{`{"https": {"mode": "off"}}`, count("aws_lb_listener"), 1},
	{`{"https": {"mode": "certificate", "certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e",
	   "domain": "www.example.org", "hosted_zone_id": "Z9ABCDEFGHIJ"}}`, attr("https/alias", "name"), "www.example.org"},

	// observability
	{`{"access_logs": {"retention_days": 1}}`, attr("access-logs/lifecycle", "rule.expiration.days"), 1},
	{`{"access_logs": {"retention_days": 3650}}`, attr("access-logs/lifecycle", "rule.expiration.days"), 3650},
	{`{"access_logs": {"force_destroy": false}}`, attr("access-logs/bucket", "force_destroy"), false},
	{`{"production": true, "access_logs": {"force_destroy": true}}`, attr("access-logs/bucket", "force_destroy"), true},
	{`{"alarm_email": "oncall+web@example.org"}`, attr("alarms/email", "endpoint"), "oncall+web@example.org"},
	{`{"alarms": {"elb_5xx_threshold": 0, "target_5xx_threshold": 100000}}`, attr("alarms/elb-5xx", "threshold"), 0},
	{`{"alarms": {"elb_5xx_threshold": 0, "target_5xx_threshold": 100000}}`, attr("alarms/target-5xx", "threshold"), 100000},
	{`{"alarms": {"elb_5xx_threshold": 100000, "target_5xx_threshold": 0}}`, attr("alarms/target-5xx", "threshold"), 0},
	{`{"alarms": {"unhealthy_hosts_threshold": 100}}`, attr("alarms/unhealthy-hosts", "threshold"), 100},
	{`{"alarms": {"cpu_high_percent": 1}}`, attr("alarms/cpu-high", "threshold"), 1},
	{`{"alarms": {"cpu_high_percent": 100}}`, attr("alarms/cpu-high", "threshold"), 100},
	{`{"alarms": {"response_time_seconds": 0.25}}`, attr("alarms/response-time", "threshold"), 0.25},
	{`{"alarms": {"response_time_seconds": 60}}`, attr("alarms/response-time", "threshold"), 60},
	{`{"alarms": {"period_seconds": 86400, "evaluation_periods": 1}}`, attr("alarms/cpu-high", "period"), 86400},
	{`{"alarms": {"period_seconds": 86400, "evaluation_periods": 1}}`, attr("alarms/cpu-high", "evaluation_periods"), 1},
	{`{"alarms": {"period_seconds": 60, "evaluation_periods": 100}}`, attr("alarms/cpu-high", "evaluation_periods"), 100},

	// state
	{`{"backend": {"path": "state/live.tfstate"}}`, func(s *policy.Stack) any { return s.Terraform.Str("backend.local.path") }, "state/live.tfstate"},
	{`{"backend": {"type": "s3", "bucket": "team-state", "key": "web/live.tfstate", "region": "eu-central-1", "use_lockfile": false}}`,
		func(s *policy.Stack) any {
			b := s.Terraform
			return fmt.Sprint(b.Str("backend.s3.bucket"), " ", b.Str("backend.s3.key"), " ", b.Str("backend.s3.region"), " ", norm(b.Get("backend.s3.use_lockfile")))
		}, "team-state web/live.tfstate eu-central-1 false"},
}

// notInTheJSON are keys whose values act at synth and never reach the
// synthesized configuration.
var notInTheJSON = map[string]string{
	"policy.suppressions": "accepts policy findings at synth; TestWarningsPrintAndSuppressionsWorkForBothLevels covers it",
}

func cidrList(n int) string {
	items := make([]string, n)
	for i := range items {
		items[i] = fmt.Sprintf(`"10.%d.0.0/16"`, i)
	}
	return strings.Join(items, ", ")
}

// TestEveryAllowedValueIsHonoured synthesizes every case, packed into as few
// environment files as stay valid, and finds each value in the output as
// written. It also proves the table covers every key of Config.
func TestEveryAllowedValueIsHonoured(t *testing.T) {
	covered := map[string]bool{}
	type pack struct {
		doc   map[string]any
		cases []int
	}
	var packs []*pack
	for i, h := range honouredValues {
		var doc map[string]any
		if err := json.Unmarshal([]byte(h.file), &doc); err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		for _, k := range leafKeys("", doc) {
			covered[k] = true
		}
		placed := false
		for _, p := range packs {
			if merged, ok := merge(p.doc, doc); ok && valid(merged) {
				p.doc, p.cases, placed = merged, append(p.cases, i), true
				break
			}
		}
		if !placed {
			if !valid(doc) {
				_, ps := Parse("x.json", []byte(h.file))
				t.Fatalf("case %s is not valid on its own: %v", h.file, ps)
			}
			packs = append(packs, &pack{doc: doc, cases: []int{i}})
		}
	}
	for _, k := range configKeys("", reflect.TypeOf(config.Config{})) {
		if !covered[k] && notInTheJSON[k] == "" {
			t.Errorf("no honoured value for key %s", k)
		}
	}

	// The files go to a repository of their own, with the application the
	// app.user_data case names.
	dir, out := t.TempDir(), t.TempDir()
	synthtest.Repository(t, dir)
	var files []string
	for i, p := range packs {
		data, _ := json.Marshal(p.doc)
		f := filepath.Join(dir, fmt.Sprintf("honoured-%d.json", i))
		if err := os.WriteFile(f, data, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	envs, err := LoadFiles(files...)
	if err != nil {
		t.Fatal(err)
	}
	if err := Synthesize(out, envs); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d values in %d environment files", len(honouredValues), len(envs))
	for i, p := range packs {
		data, err := os.ReadFile(filepath.Join(out, "stacks", envs[i].ID, "cdk.tf.json"))
		if err != nil {
			t.Fatal(err)
		}
		s, err := policy.ParseStack(data)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range p.cases {
			h := honouredValues[c]
			if h.want == nil { // a presence check done here
				continue
			}
			if got := h.got(s); !reflect.DeepEqual(got, h.want) {
				t.Errorf("%s: got %v (%T), want %v (%T)", h.file, got, got, h.want, h.want)
			}
		}
		if p.doc["tags"] != nil {
			asg, _ := s.ByPath("webtier/asg")
			if !strings.Contains(fmt.Sprint(asg.Attrs.Get("tag")), "Team") {
				t.Error("user tags do not reach the Auto Scaling group")
			}
		}
	}
}

// valid says whether a document passes validation.
// exampleApp is the shipped example application, relative to the repository.
const exampleApp = "examples/app/user-data.sh"

func mustRead(path string) []byte {
	data, err := os.ReadFile(path)
	if err != nil {
		panic(err)
	}
	return data
}

func valid(doc map[string]any) bool {
	data, _ := json.Marshal(doc)
	_, ps := Parse("x.json", data)
	return len(ps) == 0
}

// merge deep-merges b into a copy of a; false when they set the same leaf.
func merge(a, b map[string]any) (map[string]any, bool) {
	out := map[string]any{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		prev, exists := out[k]
		if !exists {
			out[k] = v
			continue
		}
		pm, ok1 := prev.(map[string]any)
		vm, ok2 := v.(map[string]any)
		if !ok1 || !ok2 || k == "tags" {
			return nil, false
		}
		m, ok := merge(pm, vm)
		if !ok {
			return nil, false
		}
		out[k] = m
	}
	return out, true
}

// leafKeys lists the dotted keys a document sets (lists and tags are leaves).
func leafKeys(prefix string, doc map[string]any) []string {
	var out []string
	for k, v := range doc {
		key := joinKey(prefix, k)
		if m, ok := v.(map[string]any); ok && key != "tags" {
			out = append(out, leafKeys(key, m)...)
			continue
		}
		out = append(out, key)
	}
	return out
}

// configKeys lists every leaf key of the Config type.
func configKeys(prefix string, t reflect.Type) []string {
	var out []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := strings.Split(f.Tag.Get("json"), ",")[0]
		if name == "" || name == "-" {
			continue // not a key (state the loader keeps)
		}
		key := joinKey(prefix, name)
		if t := f.Type; t.Kind() == reflect.Struct || (t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct) {
			if t.Kind() == reflect.Pointer {
				t = t.Elem()
			}
			out = append(out, configKeys(key, t)...)
			continue
		}
		out = append(out, key)
	}
	slices.Sort(out)
	return out
}

func joinKey(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}
