package main

import (
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/internal/synthtest"
	"github.com/platform-team/webstack/policy"
	"github.com/platform-team/webstack/policy/rules"
)

func TestMain(m *testing.M) { synthtest.Main(m) }

func synth(t *testing.T) *policy.Stack {
	t.Helper()
	return synthtest.App(t, "two-tiers", func(app cdktf.App) {
		if _, err := NewTwoTiers(app, "two-tiers"); err != nil {
			t.Fatal(err)
		}
	})
}

func TestTwoTiersOnOneNetwork(t *testing.T) {
	s := synth(t)
	count := func(typ string) int { return len(s.OfType(typ)) }
	for typ, want := range map[string]int{"aws_vpc": 1, "aws_nat_gateway": 3, "aws_lb": 2, "aws_autoscaling_group": 2,
		"aws_lb_listener": 2, "aws_cloudwatch_metric_alarm": 10, "aws_s3_bucket": 1, "aws_kms_key": 1} {
		if got := count(typ); got != want {
			t.Errorf("%s: %d, want %d", typ, got, want)
		}
	}

	// No two resources share a name: the tiers' Namers differ.
	names := map[string]string{}
	for _, r := range s.Resources {
		for _, attr := range []string{"name", "bucket", "alarm_name"} {
			if n := r.Attrs.Str(attr); n != "" && !r.Data {
				key := r.Type + " " + n
				if prev, dup := names[key]; dup {
					t.Errorf("%s and %s are both named %s", prev, r.Path, n)
				}
				names[key] = r.Path
			}
		}
	}

	// The admin tier is internal: its load balancer in the private subnets,
	// admitting the VPC's range only, forwarding to port 8080.
	admin, _ := s.ByPath("admin/alb")
	public, _ := s.ByPath("public/alb")
	if internal, _ := admin.Attrs.Bool("internal"); !internal {
		t.Error("admin load balancer is not internal")
	}
	if internal, _ := public.Attrs.Bool("internal"); internal {
		t.Error("public load balancer is internal")
	}
	for i, subnet := range admin.Attrs.Strings("subnets") {
		if !strings.Contains(subnet, "network_private-subnet-") {
			t.Errorf("admin load balancer subnet %d: %s, want a private one", i, subnet)
		}
	}
	rule, _ := s.ByPath("admin/alb-http-in-0")
	if got := rule.Attrs.Str("cidr_ipv4"); !strings.Contains(got, "aws_vpc.network_vpc_") {
		t.Errorf("admin load balancer admits %s, want the VPC's range", got)
	}
	tg, _ := s.ByPath("admin/target-group")
	if port, _ := tg.Attrs.Num("port"); port != 8080 {
		t.Errorf("admin target group port %v, want 8080", port)
	}
}

// The constructs composed another way still pass the security policy
// webstack's own stacks must pass.
func TestTwoTiersPassThePolicy(t *testing.T) {
	s := synth(t)
	s.Intent = policy.Intent{Exposure: "internet-facing"}
	rep := policy.Evaluate(s, rules.All(), nil)
	for _, f := range rep.Errors {
		t.Errorf("policy: %s", f)
	}
}

// The app uses the constructs as another module would: nothing internal to
// webstack, and not its app layer (stacks).
func TestImportsOnlyThePublicAPI(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "main.go", nil, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		if strings.Contains(p, "/internal/") || strings.HasSuffix(p, "webstack/stacks") {
			t.Errorf("main.go imports %s", p)
		}
	}
}

// The app runs the way the cdktf CLI runs it (cdktf.json: go run .) and
// writes its stack where CDKTF_OUTDIR says.
func TestAppSynthesizes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the app: not with -short")
	}
	out := t.TempDir()
	cmd := exec.Command("go", "run", ".")
	cmd.Env = append(os.Environ(), "CDKTF_OUTDIR="+out, "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run .: %v\n%s", err, msg)
	}
	if _, err := os.Stat(filepath.Join(out, "stacks", "shop-dev", "cdk.tf.json")); err != nil {
		t.Fatal(err)
	}
}
