package sgrule

import (
	"fmt"
	"testing"

	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/internal/synthtest"
)

func TestMain(m *testing.M) { synthtest.Main(m) }

// TestPeers: a rule names exactly one peer, in the attribute its kind
// needs (IPv4, IPv6 or a security group), with one port and a description.
func TestPeers(t *testing.T) {
	s := synthtest.Stack(t, func(stack cdktf.TerraformStack) {
		group := jsii.String("sg-0123456789abcdef0")
		IngressFromCidrs(stack, "web", group, 443, []string{"203.0.113.0/24", "2001:db8::/32"}, "HTTPS")
		Egress(stack, "to-app", Rule{Group: group, Port: 8080, Peer: Peer{SecurityGroup: jsii.String("sg-0fedcba9876543210")},
			Description: "to the app"})
	})
	want := map[string]map[string]string{
		"web-0":  {"cidr_ipv4": "203.0.113.0/24", "description": "HTTPS from 203.0.113.0/24", "from_port": "443"},
		"web-1":  {"cidr_ipv6": "2001:db8::/32", "description": "HTTPS from 2001:db8::/32", "to_port": "443"},
		"to-app": {"referenced_security_group_id": "sg-0fedcba9876543210", "from_port": "8080", "ip_protocol": "tcp"},
	}
	peers := []string{"cidr_ipv4", "cidr_ipv6", "referenced_security_group_id"}
	found := 0
	for _, r := range s.Resources {
		attrs, ok := want[r.Path]
		if !ok {
			continue
		}
		found++
		for k, v := range attrs {
			if got := stringOf(r.Attrs.Get(k)); got != v {
				t.Errorf("%s: %s = %q, want %q", r.Path, k, got, v)
			}
		}
		n := 0
		for _, p := range peers {
			if r.Attrs.Get(p) != nil {
				n++
			}
		}
		if n != 1 || r.Attrs.Str("security_group_id") != "sg-0123456789abcdef0" {
			t.Errorf("%s: want one peer and the rule's group: %v", r.Path, r.Attrs)
		}
	}
	if found != len(want) {
		t.Errorf("found %d of %d rules", found, len(want))
	}
}

func stringOf(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}
