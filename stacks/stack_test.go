package stacks

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/platform-team/webstack/stacks/config"

	"github.com/platform-team/webstack/policy"
)

// nameLimits are AWS's limits on the name argument of each resource type.
var nameLimits = map[string]struct {
	attr  string
	limit int
}{
	"aws_lb":                      {"name", 32},
	"aws_lb_target_group":         {"name", 32},
	"aws_iam_role":                {"name", 64},
	"aws_iam_role_policy":         {"name", 128},
	"aws_iam_instance_profile":    {"name", 128},
	"aws_security_group":          {"name", 255},
	"aws_launch_template":         {"name", 128},
	"aws_autoscaling_group":       {"name", 255},
	"aws_autoscaling_policy":      {"name", 255},
	"aws_s3_bucket":               {"bucket", 63},
	"aws_sns_topic":               {"name", 256},
	"aws_kms_alias":               {"name", 256},
	"aws_cloudwatch_log_group":    {"name", 512},
	"aws_cloudwatch_metric_alarm": {"alarm_name", 255},
}

var suffixRef = regexp.MustCompile(`\$\{random_string\.[A-Za-z0-9_-]+\.result\}`)

// resolveSuffix stands a suffix of the length it will have in for its token.
func resolveSuffix(s string) string {
	return suffixRef.ReplaceAllString(s, strings.Repeat("x", config.SuffixLength))
}

func TestEveryNameCarriesTheSuffixAndFits(t *testing.T) {
	for id, s := range synthAll(t).stacks {
		for _, r := range s.Resources {
			if r.Data {
				continue
			}
			if rule, ok := nameLimits[r.Type]; ok {
				name := r.Attrs.Str(rule.attr)
				if !suffixRef.MatchString(name) {
					t.Errorf("%s: %s %s %q has no random suffix", id, r.Path, rule.attr, name)
				}
				if n := len(resolveSuffix(name)); n > rule.limit {
					t.Errorf("%s: %s %s %q is %d characters, AWS allows %d", id, r.Path, rule.attr, name, n, rule.limit)
				}
			}
			if tag := r.Attrs.Str("tags.Name"); tag != "" && !suffixRef.MatchString(tag) {
				t.Errorf("%s: %s Name tag %q has no random suffix", id, r.Path, tag)
			}
		}
	}
}

func TestProvidersAndBackend(t *testing.T) {
	s := synthAll(t).stacks["dev"]
	tags := s.DefaultTags()
	for k, want := range map[string]string{"Project": "webstack", "Environment": "dev", "ManagedBy": "webstack",
		"Owner": "platform-team", "CostCenter": "engineering", "Purpose": "development"} {
		if tags[k] != want {
			t.Errorf("default tag %s = %q, want %q", k, tags[k], want)
		}
	}
	if got := s.Providers["aws"][0].Str("region"); got != "us-east-1" {
		t.Errorf("region %q", got)
	}
	if len(s.Providers["random"]) != 1 {
		t.Error("no random provider")
	}
	tf := s.Terraform
	for _, tc := range []struct{ path, want string }{
		{"required_providers.aws.source", "hashicorp/aws"},
		{"required_providers.random.source", "hashicorp/random"},
		{"backend.local.path", "terraform.tfstate"},
		{"required_version", ">= 1.10.0"},
	} {
		if got := tf.Str(tc.path); got != tc.want {
			t.Errorf("terraform.%s = %q, want %q", tc.path, got, tc.want)
		}
	}
	// 5.100.0 (installed here) and later 5.x must satisfy the constraint; 6.x must not.
	if c := tf.Str("required_providers.aws.version"); c != ">= 5.99.1, < 6.0.0" {
		t.Errorf("aws constraint %q", c)
	}
}

func TestOneStableSuffixPerStack(t *testing.T) {
	s := synthAll(t).stacks["prod"]
	strs := s.OfType("random_string")
	var suffix *policy.Resource
	for i, r := range strs {
		if r.Path == "suffix" {
			suffix = &strs[i]
		}
	}
	if suffix == nil {
		t.Fatal("no suffix random_string")
	}
	a := suffix.Attrs
	if n, _ := a.Num("length"); int(n) != config.SuffixLength {
		t.Errorf("length %v", n)
	}
	for attr, want := range map[string]bool{"lower": true, "numeric": true, "upper": false, "special": false} {
		if got, set := a.Bool(attr); !set || got != want {
			t.Errorf("%s = %v (set %v), want %v", attr, got, set, want)
		}
	}
	if a.Get("keepers") != nil {
		t.Error("the stack suffix must not have keepers: it must never change once applied")
	}
}

func TestOutputs(t *testing.T) {
	s := synthAll(t).stacks["dev"]
	for _, name := range []string{"vpc_id", "vpc_cidr", "public_subnet_ids", "private_subnet_ids", "nat_gateway_ids", "name_suffix"} {
		if _, ok := s.Outputs[name]; !ok {
			t.Errorf("no output %q", name)
		}
	}
	if got := len(s.Outputs["public_subnet_ids"].List("value")); got != 2 {
		t.Errorf("dev exposes %d public subnets, want 2", got)
	}
	none := synthAll(t).stacks["nat-none"]
	if v := none.Outputs["nat_gateway_ids"].List("value"); len(v) != 0 {
		t.Errorf("nat none: nat_gateway_ids %v", v)
	}
}

func TestLongProjectNamesAreShortenedNotBroken(t *testing.T) {
	s := synthAll(t).stacks["long-names"]
	for _, r := range s.OfType("aws_iam_role") {
		name := resolveSuffix(r.Attrs.Str("name"))
		if len(name) > 64 || !strings.HasPrefix(name, "a-forty") {
			t.Errorf("%s: %q", r.Path, name)
		}
	}
}

// The three https-* variants differ only in their https block.
func TestHTTPSVariantsListenerLayouts(t *testing.T) {
	stacks := synthAll(t).stacks
	layout := func(id string) (ports map[float64]string, has443Rule bool, certs int) {
		s := stacks[id]
		ports = map[float64]string{}
		for _, l := range s.OfType("aws_lb_listener") {
			p, _ := l.Attrs.Num("port")
			ports[p] = l.Attrs.Str("default_action.type")
		}
		for _, r := range s.OfType("aws_vpc_security_group_ingress_rule") {
			if p, _ := r.Attrs.Num("from_port"); p == 443 {
				has443Rule = true
			}
		}
		return ports, has443Rule, len(s.OfType("aws_acm_certificate"))
	}
	if ports, rule, certs := layout("https-off"); len(ports) != 1 || ports[80] != "forward" || rule || certs != 0 {
		t.Errorf("off: listeners %v, 443 rule %v, certificates %d", ports, rule, certs)
	}
	if ports, rule, certs := layout("https-acm"); len(ports) != 2 || ports[80] != "redirect" || ports[443] != "forward" || !rule || certs != 1 {
		t.Errorf("acm: listeners %v, 443 rule %v, certificates %d", ports, rule, certs)
	}
	if ports, rule, certs := layout("https-certificate"); len(ports) != 2 || ports[80] != "redirect" || ports[443] != "forward" || !rule || certs != 0 {
		t.Errorf("certificate: listeners %v, 443 rule %v, certificates %d", ports, rule, certs)
	}
	for id, want := range map[string]bool{"https-off": false, "https-acm": true, "https-certificate": true} {
		out := stacks[id].Outputs
		if v, _ := out["https_enabled"].Bool("value"); v != want {
			t.Errorf("%s: https_enabled %v", id, v)
		}
		if _, has := out["certificate_arn"]; has != want {
			t.Errorf("%s: certificate_arn output present = %v", id, has)
		}
	}
	if url := stacks["https-acm"].Outputs["app_url"].Str("value"); url != "https://shop.example.org" {
		t.Errorf("acm app_url %q", url)
	}
}

func TestFortyCharacterProjectKeepsALBAndTargetGroupNamesValid(t *testing.T) {
	s := synthAll(t).stacks["long-names"]
	valid := regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?$`)
	for _, typ := range []string{"aws_lb", "aws_lb_target_group"} {
		rs := s.OfType(typ)
		if len(rs) == 0 {
			t.Fatalf("no %s", typ)
		}
		for _, r := range rs {
			name := resolveSuffix(r.Attrs.Str("name"))
			if len(name) > 32 || !valid.MatchString(name) || strings.HasPrefix(name, "internal-") {
				t.Errorf("%s name %q (%d characters) is not a valid 32-character name", typ, name, len(name))
			}
		}
	}
}

func TestShippedEnvironmentsWebTier(t *testing.T) {
	stacks := synthAll(t).stacks
	for id, wantProtection := range map[string]bool{"dev": false, "prod": true} {
		alb := stacks[id].OfType("aws_lb")
		if len(alb) != 1 {
			t.Fatalf("%s: %d load balancers", id, len(alb))
		}
		if v, _ := alb[0].Attrs.Bool("enable_deletion_protection"); v != wantProtection {
			t.Errorf("%s: deletion protection %v, want %v", id, v, wantProtection)
		}
		if len(stacks[id].OfType("aws_autoscaling_group")) != 1 || len(stacks[id].OfType("aws_lb_listener")) != 1 {
			t.Errorf("%s: want one Auto Scaling group and the single HTTP listener of the default HTTPS-off mode", id)
		}
	}
}

func TestEmulatorTargetWiring(t *testing.T) {
	local := synthAll(t).stacks["local"]
	p := local.Providers["aws"][0]
	// The emulator's address comes from AWS_ENDPOINT_URL: an endpoints block
	// costs seconds of the provider's CPU on every launch (emutarget.EndpointVar).
	if p.Get("endpoints") != nil || p.Str("access_key") != "test" {
		t.Errorf("the emulator target carries dummy credentials and no endpoints block: %v", p)
	}
	if v, _ := p.Bool("s3_use_path_style"); !v {
		t.Error("S3 against an emulator needs path-style addressing")
	}
	if v, set := p.Bool("skip_requesting_account_id"); set && v {
		t.Error("the account id must be asked of the emulator (security-group references re-plan forever otherwise)")
	}
	dev := synthAll(t).stacks["dev"].Providers["aws"][0]
	if dev.Get("endpoints") != nil || dev.Get("access_key") != nil {
		t.Error("a real-AWS stack must carry no emulator wiring")
	}
	// The emulator's needs are checked at plan time, before anything is created.
	preflight := "data.aws_iam_policy.emulator_needs_MOTO_IAM_LOAD_MANAGED_POLICIES"
	_, inLocal := local.Resolve(preflight + ".arn")
	_, inDev := synthAll(t).stacks["dev"].Resolve(preflight + ".arn")
	if !inLocal || inDev {
		t.Errorf("%s belongs to the emulator target, and only to it", preflight)
	}
	// Apart from the provider, the variable, the preflight and the wait for
	// S3 to apply the log bucket's policy (the emulator applies it at once),
	// the emulator stack is the one users deploy.
	settle := "terraform_data.access-logs_policy-settles_3AA0A067"
	if _, ok := synthAll(t).stacks["dev"].Resolve(settle + ".id"); !ok {
		t.Errorf("dev has no %s", settle)
	}
	types := func(id string) map[string]int {
		out := map[string]int{}
		for _, r := range synthAll(t).stacks[id].Resources {
			if r.Address() != preflight && r.Address() != settle {
				out[r.Address()[:strings.LastIndex(r.Address(), ".")]]++
			}
		}
		return out
	}
	if l, d := types("local"), types("dev"); fmt.Sprint(l) != fmt.Sprint(d) {
		t.Errorf("local and dev differ in resources:\n local %v\n dev   %v", l, d)
	}
}
