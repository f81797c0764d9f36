package accesslogs

import (
	"strings"
	"testing"

	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/internal/synthtest"
	"github.com/platform-team/webstack/naming"
	"github.com/platform-team/webstack/policy"
)

func TestMain(m *testing.M) { synthtest.Main(m) }

func build(t *testing.T, region string, p Props) (*policy.Stack, *AccessLogs) {
	t.Helper()
	var a *AccessLogs
	s := synthtest.Stack(t, func(stack cdktf.TerraformStack) {
		p.Namer, _ = naming.New("shop", "dev", "abc123", 6)
		p.Region = region
		p.AccountID = jsii.String("123456789012")
		var err error
		if a, err = NewAccessLogs(stack, "logs", &p); err != nil {
			t.Fatal(err)
		}
	})
	return s, a
}

func TestBucketIsPrivateEncryptedVersionedAndExpiring(t *testing.T) {
	s, a := build(t, "us-east-1", Props{RetentionDays: new(90), ForceDestroy: true})
	bucket, _ := s.ByPath("logs/bucket")
	if v, _ := bucket.Attrs.Bool("force_destroy"); !v {
		t.Error("force_destroy not passed through")
	}
	if name := bucket.Attrs.Str("bucket"); name != "shop-dev-alb-logs-abc123" {
		t.Errorf("bucket name %q", name)
	}
	pab, _ := s.ByPath("logs/public-access-block")
	for _, k := range []string{"block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"} {
		if v, _ := pab.Attrs.Bool(k); !v {
			t.Errorf("%s is not true", k)
		}
	}
	enc, _ := s.ByPath("logs/encryption")
	if alg := enc.Attrs.Str("rule.apply_server_side_encryption_by_default.sse_algorithm"); alg != "AES256" {
		t.Errorf("encryption %q: ALB log delivery supports SSE-S3 only", alg)
	}
	own, _ := s.ByPath("logs/ownership")
	if own.Attrs.Str("rule.object_ownership") != "BucketOwnerEnforced" {
		t.Error("ACLs are not disabled")
	}
	ver, _ := s.ByPath("logs/versioning")
	if ver.Attrs.Str("versioning_configuration.status") != "Enabled" {
		t.Error("versioning off")
	}
	lc, _ := s.ByPath("logs/lifecycle")
	if days, _ := lc.Attrs.Num("rule.expiration.days"); days != 90 {
		t.Errorf("expiry after %v days, want 90", days)
	}
	if len(a.Ready) != 3 {
		t.Errorf("the load balancer must wait for policy, encryption and ownership: %d dependencies", len(a.Ready))
	}
}

func TestPolicyGrantsLogDeliveryForTheRegion(t *testing.T) {
	for _, tc := range []struct{ region, principal string }{
		{"us-east-1", `"AWS":"arn:aws:iam::127311923021:root"`},
		{"eu-west-1", `"AWS":"arn:aws:iam::156460612806:root"`},
		{"ap-southeast-3", `"Service":"logdelivery.elasticloadbalancing.amazonaws.com"`},
		{"cn-north-1", `"AWS":"arn:aws-cn:iam::638102146993:root"`},
	} {
		s, _ := build(t, tc.region, Props{})
		p, _ := s.ByPath("logs/policy")
		doc := p.Attrs.Str("policy")
		if !strings.Contains(doc, tc.principal) {
			t.Errorf("%s: log delivery principal %s missing from %s", tc.region, tc.principal, doc)
		}
		if !strings.Contains(doc, `/alb/AWSLogs/123456789012/*"`) {
			t.Errorf("%s: delivery is not limited to this account's prefix: %s", tc.region, doc)
		}
		if !strings.Contains(doc, `"Effect":"Deny"`) || !strings.Contains(doc, `"aws:SecureTransport":"false"`) {
			t.Errorf("%s: non-TLS requests are not denied", tc.region)
		}
		if len(p.Attrs.List("depends_on")) == 0 {
			t.Error("the policy must wait for the public access block")
		}
	}
}
