package stacks

import (
	"encoding/json"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/platform-team/webstack/internal/regions"
	"github.com/platform-team/webstack/policy"
)

// What real AWS rejects or breaks and the emulator accepts, pinned over the
// synthesized JSON of every variant (issue: the first real deploy).

// IAM is eventually consistent: a flow log created before its role's policy
// exists fails with "Unable to assume given IAM role" (terraform-provider-aws
// #29323); and AWS's flow-log guide lists logs:DescribeLogGroups among the
// role's permissions.
func TestFlowLogWaitsForItsRolePolicy(t *testing.T) {
	for id, s := range synthAll(t).stacks {
		for _, fl := range s.OfType("aws_flow_log") {
			var policy string
			for _, p := range s.OfType("aws_iam_role_policy") {
				if strings.HasPrefix(p.Path, "network/") {
					policy = p.Address()
					if !strings.Contains(p.Attrs.Str("policy"), `"logs:DescribeLogGroups"`) {
						t.Errorf("%s: the flow-log role's policy lacks logs:DescribeLogGroups", id)
					}
				}
			}
			if policy == "" || !slices.Contains(fl.Attrs.Strings("depends_on"), policy) {
				t.Errorf("%s: the flow log does not wait for its role's policy %q (depends_on %v)", id, policy, fl.Attrs.Strings("depends_on"))
			}
		}
	}
}

// In an account that opted in to Local Zones, the zone list holds them too,
// and they sort first: subnet 0 would land in one. Only zones that need no
// opt-in are the region's own.
func TestZonesAreTheRegionsOwn(t *testing.T) {
	for id, s := range synthAll(t).stacks {
		for _, r := range s.Resources {
			if !r.Data || r.Type != "aws_availability_zones" {
				continue
			}
			ok := false
			for _, f := range r.Attrs.Blocks("filter") {
				if f.Str("name") == "opt-in-status" && slices.Equal(f.Strings("values"), []string{"opt-in-not-required"}) {
					ok = true
				}
			}
			if !ok {
				t.Errorf("%s: %s is not filtered to opt-in-status opt-in-not-required", id, r.Address())
			}
		}
	}
}

// An apply whose instances never pass the health check must not look green:
// the group's creation waits for min_size healthy targets (moto reports
// registered targets healthy, so the emulator deploy waits too).
func TestApplyWaitsForHealthyCapacity(t *testing.T) {
	for id, s := range synthAll(t).stacks {
		asg, ok := s.ByPath("webtier/asg")
		if !ok {
			continue
		}
		min, _ := asg.Attrs.Num("min_size")
		if got, ok := asg.Attrs.Num("min_elb_capacity"); !ok || got != min {
			t.Errorf("%s: min_elb_capacity %v; want min_size %v", id, got, min)
		}
		if asg.Attrs.Str("wait_for_capacity_timeout") == "" || asg.Attrs.Str("wait_for_capacity_timeout") == "0" {
			t.Errorf("%s: the apply does not wait for capacity", id)
		}
	}
}

// stackProvider reads the region of a synthesized stack and whether it
// targets the emulator (its provider carries the dummy credentials).
func stackProvider(t *testing.T, s *policy.Stack) (region string, emulator bool) {
	t.Helper()
	aws := s.Providers["aws"]
	if len(aws) == 0 {
		t.Fatalf("%s: no aws provider", s.Name)
	}
	return aws[0].Str("region"), aws[0].Str("access_key") == "test" // the emulator target's dummy credentials
}

// awsLogWriters reads AWS's table as the repository holds it
// (internal/regions/elb_log_writers.tsv), independently of the code that
// uses it: region → the principal an access-log bucket must grant.
func awsLogWriters(t *testing.T) map[string]map[string]any {
	t.Helper()
	data, err := os.ReadFile("../internal/regions/elb_log_writers.tsv")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for _, held := range []string{"# Source: AWS", "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html", "# Read: 20"} {
		if !strings.Contains(text, held) {
			t.Errorf("the table does not say its source and date (%q)", held)
		}
	}
	out := map[string]map[string]any{}
	for _, line := range strings.Split(text, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		partition := "aws"
		switch {
		case strings.HasPrefix(f[0], "cn-"):
			partition = "aws-cn"
		case strings.HasPrefix(f[0], "us-gov-"):
			partition = "aws-us-gov"
		}
		p := map[string]any{}
		for _, w := range strings.Split(f[1], "+") {
			if w == "service" {
				p["Service"] = "logdelivery.elasticloadbalancing.amazonaws.com"
			} else {
				p["AWS"] = "arn:" + partition + ":iam::" + w + ":root"
			}
		}
		out[f[0]] = p
	}
	return out
}

// Who writes access logs differs by region; a bucket that grants the wrong
// writer gets no logs, and the load balancer's creation fails on it. Every
// variant's bucket grants what AWS's table (held in the repository, with
// its source and date) says for its region.
func TestAccessLogWritersFollowAWSTable(t *testing.T) {
	table := awsLogWriters(t)
	s := synthAll(t)
	checked := map[string]bool{}
	for id, st := range s.stacks {
		region, _ := stackProvider(t, st)
		for _, pol := range st.OfType("aws_s3_bucket_policy") {
			var doc struct{ Statement []map[string]any }
			if err := json.Unmarshal([]byte(pol.Attrs.Str("policy")), &doc); err != nil {
				t.Fatalf("%s: %v", id, err)
			}
			for _, stmt := range doc.Statement {
				if stmt["Sid"] != "ElasticLoadBalancingWritesAccessLogs" {
					continue
				}
				want, ok := table[region]
				if !ok {
					t.Errorf("%s: region %s is not in AWS's table", id, region)
				}
				if !reflect.DeepEqual(stmt["Principal"], want) {
					t.Errorf("%s (%s): access logs granted to %v; AWS's table says %v", id, region, stmt["Principal"], want)
				}
				checked[region] = true
			}
		}
	}
	// The variants cover each kind of row: an account (pre-2022), both
	// (Jakarta), the service principal (post-2022), China and GovCloud.
	for _, region := range []string{"us-east-1", "ap-southeast-3", "eu-central-2", "cn-north-1", "us-gov-west-1"} {
		if !checked[region] {
			t.Errorf("no variant checks the access-log writer of %s", region)
		}
	}
}

// Service principals and ARNs follow the stack's partition: in China,
// CloudWatch Logs' principal ends in amazonaws.com.cn (a key policy naming
// logs.<region>.amazonaws.com lets no log group use the key), and every ARN
// starts arn:aws-cn.
func TestPrincipalsAndARNsFollowThePartition(t *testing.T) {
	principal := regexp.MustCompile(`"Service":\s*(\[[^\]]*\]|"[^"]*")`)
	arn := regexp.MustCompile(`arn:(aws[a-z-]*):`)
	s := synthAll(t)
	for id, raw := range s.raw {
		region, _ := stackProvider(t, s.stacks[id])
		r, _ := regions.Lookup(region)
		text := strings.ReplaceAll(string(raw), `\"`, `"`) // policies are JSON strings inside the JSON
		for _, m := range arn.FindAllStringSubmatch(text, -1) {
			if m[1] != r.Partition() {
				t.Errorf("%s (%s): ARN in partition %s, want %s", id, region, m[1], r.Partition())
				break
			}
		}
		seen := map[string]bool{}
		for _, m := range principal.FindAllStringSubmatch(text, -1) {
			var names []string
			if err := json.Unmarshal([]byte(m[1]), &names); err != nil {
				names = []string{strings.Trim(m[1], `"`)}
			}
			for _, name := range names {
				service, _, _ := strings.Cut(name, ".")
				seen[service] = true
				want := ".amazonaws.com"
				if r.Partition() == "aws-cn" && (service == "logs" || service == "codedeploy" || service == "elasticmapreduce") {
					want = ".amazonaws.com.cn"
				}
				if !strings.HasSuffix(name, want) {
					t.Errorf("%s (%s): service principal %s; in %s it ends in %s", id, region, name, r.Partition(), want)
				}
			}
		}
		for _, service := range []string{"ec2", "logs", "vpc-flow-logs", "cloudwatch"} {
			if !seen[service] && !(service == "vpc-flow-logs" && id == "existing-vpc") {
				t.Errorf("%s: no %s principal found: the scan misses the policies", id, service)
			}
		}
	}
}

// ELB checks it can write the bucket when access logs are switched on, and
// S3 may not yet apply a policy written seconds earlier (terraform-provider-aws
// #12010): the load balancer waits for the policy and then a while more,
// except against the emulator.
func TestLoadBalancerWaitsForTheLogPolicy(t *testing.T) {
	s := synthAll(t)
	for id, st := range s.stacks {
		_, emulator := stackProvider(t, st)
		for _, lb := range st.OfType("aws_lb") {
			if on, _ := lb.Attrs.Bool("access_logs.enabled"); !on {
				continue
			}
			var policy, wait string
			for _, p := range st.OfType("aws_s3_bucket_policy") {
				policy = p.Address()
			}
			for _, w := range st.OfType("terraform_data") {
				if strings.HasPrefix(w.Attrs.Str("provisioner.local-exec.command"), "sleep ") {
					wait = w.Address()
					if !slices.Contains(w.Attrs.Strings("depends_on"), policy) {
						t.Errorf("%s: the wait does not follow the bucket policy", id)
					}
					if secs, _ := strconv.Atoi(strings.TrimPrefix(w.Attrs.Str("provisioner.local-exec.command"), "sleep ")); secs < 60 {
						t.Errorf("%s: waits %d s after the policy; 30 s was reported too short, 60 s enough", id, secs)
					}
					if !strings.Contains(w.Attrs.Str("triggers_replace.bucket"), policy) {
						t.Errorf("%s: a new bucket would not wait again (triggers_replace %v)", id, w.Attrs.Get("triggers_replace"))
					}
				}
			}
			deps := lb.Attrs.Strings("depends_on")
			switch {
			case emulator && !slices.Contains(deps, policy):
				t.Errorf("%s: the load balancer does not wait for the bucket policy (depends_on %v)", id, deps)
			case !emulator && (wait == "" || !slices.Contains(deps, wait)):
				t.Errorf("%s: the load balancer does not wait after the bucket policy (depends_on %v)", id, deps)
			}
		}
	}
}

// A subnet's zone forces replacement: subnets keep the zone they were
// created in whatever the region lists later (e2e's zonesStay proves it
// with Terraform).
func TestSubnetsKeepTheirZones(t *testing.T) {
	for id, st := range synthAll(t).stacks {
		for _, sub := range st.OfType("aws_subnet") {
			if !slices.Contains(sub.Attrs.Strings("lifecycle.ignore_changes"), "availability_zone") {
				t.Errorf("%s: %s would move when the zone list changes", id, sub.Address())
			}
		}
	}
}

// The load balancer is IPv4-only: a rule admitting an IPv6 range opens
// nothing, so none may be written (config refuses them; see load_test).
func TestNoIPv6RuleOnAnIPv4Tier(t *testing.T) {
	for id, st := range synthAll(t).stacks {
		for _, lb := range st.OfType("aws_lb") {
			if typ := lb.Attrs.Str("ip_address_type"); typ != "" && typ != "ipv4" {
				continue
			}
			for _, r := range st.OfType("aws_vpc_security_group_ingress_rule") {
				if v6 := r.Attrs.Str("cidr_ipv6"); v6 != "" {
					t.Errorf("%s: %s admits %s, which cannot reach an IPv4-only tier", id, r.Address(), v6)
				}
			}
		}
	}
}

// An existing VPC's subnets are checked at plan time for what AWS accepts
// but does not work: instances in a zone the load balancer is not in get no
// traffic, and a public subnet without a route to an internet gateway
// cannot be reached.
func TestExistingVpcChecksWhatAWSAccepts(t *testing.T) {
	st := synthAll(t).stacks["existing-vpc"]
	if st == nil {
		t.Fatal("no existing-vpc variant")
	}
	var covered bool
	for _, r := range st.Resources {
		if r.Data && r.Type == "aws_vpc" {
			for _, pc := range r.Attrs.Blocks("lifecycle.postcondition") {
				covered = covered || strings.Contains(pc.Str("error_message"), "the load balancer would send no traffic")
			}
		}
	}
	if !covered {
		t.Error("nothing checks that the public subnets cover the private subnets' zones")
	}
	public := 0
	for _, r := range st.Resources {
		if r.Data && r.Type == "aws_route_table" && strings.Contains(r.Path, "public-route-table-") {
			for _, pc := range r.Attrs.Blocks("lifecycle.postcondition") {
				if strings.Contains(pc.Str("condition"), `startswith(coalesce(r.gateway_id, "-"), "igw-")`) {
					public++
				}
			}
		}
	}
	if public != 2 {
		t.Errorf("%d public subnets are checked for a route to an internet gateway, want 2", public)
	}
}

// Outputs say what an unconfirmed alarm e-mail means, and a pinned image
// keeps the launch template's image id.
func TestDefaultsThatBiteLater(t *testing.T) {
	s := synthAll(t)
	for id, st := range s.stacks {
		_, hasEmail := st.ByPath("alarms/email")
		o, ok := st.Outputs["alarm_email_pending_confirmation"]
		if ok != hasEmail || (ok && !strings.Contains(o.Str("description"), "48 hours")) {
			t.Errorf("%s: e-mail subscription %v, pending-confirmation output %v %q", id, hasEmail, ok, o.Str("description"))
		}
		lt, _ := st.ByPath("webtier/launch-template")
		pinned := slices.Contains(lt.Attrs.Strings("lifecycle.ignore_changes"), "image_id")
		if want := id == "govcloud"; pinned != want {
			t.Errorf("%s: image pinned %v, want %v", id, pinned, want)
		}
	}
}

// jsii renders some Go values it cannot pass (a literal 0 among operator
// arguments, for one) as "undefined", which Terraform reads as a reference
// to a resource type: no expression may hold it.
func TestNoUndefinedInExpressions(t *testing.T) {
	undefined := regexp.MustCompile(`\$\{[^"]*\bundefined\b`)
	for id, raw := range synthAll(t).raw {
		if m := undefined.Find(raw); m != nil {
			t.Errorf("%s: %s", id, m)
		}
	}
}
