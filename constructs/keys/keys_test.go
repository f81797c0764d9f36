package keys

import (
	"testing"

	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/internal/synthtest"
	"github.com/platform-team/webstack/naming"
	"github.com/platform-team/webstack/policy"
)

func TestMain(m *testing.M) { synthtest.Main(m) }

func TestKeyRotatesAndServesOnlyLogsAndAlarms(t *testing.T) {
	s := synthtest.Stack(t, func(stack cdktf.TerraformStack) {
		n, _ := naming.New("shop", "dev", "abc123", 6)
		if _, err := NewKey(stack, "keys", &Props{Namer: n, AccountID: jsii.String("123456789012"), Region: "eu-west-1", Partition: "aws"}); err != nil {
			t.Fatal(err)
		}
	})
	key, _ := s.ByPath("keys/key")
	if v, _ := key.Attrs.Bool("enable_key_rotation"); !v {
		t.Error("rotation off")
	}
	if d, _ := key.Attrs.Num("deletion_window_in_days"); d != DefaultDeletionWindowDays {
		t.Errorf("deletion window %v", d)
	}
	statements, err := policy.ParsePolicy(key.Attrs.Str("policy"))
	if err != nil {
		t.Fatal(err)
	}
	principals := map[string]bool{}
	for _, st := range statements {
		for _, p := range st.PrincipalValues() {
			principals[p] = true
			if p == "*" {
				t.Error("the key policy allows anyone")
			}
		}
		for _, a := range st.Action {
			if a == "*" {
				t.Error(`the key policy allows "*"`)
			}
		}
	}
	for _, want := range []string{"arn:aws:iam::123456789012:root", "logs.eu-west-1.amazonaws.com", "cloudwatch.amazonaws.com"} {
		if !principals[want] {
			t.Errorf("principal %s missing", want)
		}
	}
	if len(principals) != 3 {
		t.Errorf("principals %v", principals)
	}
	alias, _ := s.ByPath("keys/alias")
	if alias.Attrs.Str("name") != "alias/shop-dev-observability-abc123" || alias.Attrs.Str("target_key_id") != key.Ref("key_id") {
		t.Errorf("alias %v", alias.Attrs)
	}
}
