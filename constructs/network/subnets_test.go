package network

import (
	"net/netip"
	"strings"
	"testing"
)

func TestPlanSubnets(t *testing.T) {
	vpc := netip.MustParsePrefix("10.0.0.0/16")
	plan, err := PlanSubnets(vpc, 3)
	if err != nil {
		t.Fatal(err)
	}
	want := SubnetPlan{
		Private: []netip.Prefix{mp("10.0.0.0/19"), mp("10.0.32.0/19"), mp("10.0.64.0/19")},
		Public:  []netip.Prefix{mp("10.0.224.0/22"), mp("10.0.228.0/22"), mp("10.0.232.0/22")},
	}
	for i := range want.Private {
		if plan.Private[i] != want.Private[i] || plan.Public[i] != want.Public[i] {
			t.Errorf("AZ %d: got %s/%s, want %s/%s", i, plan.Private[i], plan.Public[i], want.Private[i], want.Public[i])
		}
	}
}

func TestPlanSubnetsIsStableAcrossAzCounts(t *testing.T) {
	vpc := netip.MustParsePrefix("172.16.0.0/20")
	two, _ := PlanSubnets(vpc, 2)
	six, _ := PlanSubnets(vpc, 6)
	for i := 0; i < 2; i++ {
		if two.Private[i] != six.Private[i] || two.Public[i] != six.Public[i] {
			t.Errorf("AZ %d moved when az_count grew: %v vs %v", i, two, six)
		}
	}
}

func TestPlanSubnetsNeverOverlapAndStayInside(t *testing.T) {
	for _, cidr := range []string{"10.0.0.0/16", "192.168.0.0/18", "10.1.2.0/22"} {
		vpc := netip.MustParsePrefix(cidr)
		plan, err := PlanSubnets(vpc, MaxAZs)
		if err != nil {
			t.Fatal(err)
		}
		all := append(append([]netip.Prefix{}, plan.Public...), plan.Private...)
		for i, a := range all {
			if !vpc.Contains(a.Addr()) || a.Bits() > 28 {
				t.Errorf("%s: subnet %s is outside the VPC or smaller than /28", cidr, a)
			}
			for _, b := range all[i+1:] {
				if a.Overlaps(b) {
					t.Errorf("%s: %s overlaps %s", cidr, a, b)
				}
			}
		}
	}
}

func TestParseVpcCidr(t *testing.T) {
	for _, tc := range []struct{ in, err string }{
		{"10.0.0.0/16", ""},
		{"10.0.0.0/22", ""},
		{"10.0.0.0/33", "not a valid IPv4 CIDR"},
		{"10.0.0.0", "not a valid IPv4 CIDR"},
		{"fd00::/56", "not a valid IPv4 CIDR"},
		{"10.0.0.1/16", "host bits are set; the network address is 10.0.0.0/16"},
		{"10.0.0.0/8", "prefix /8"},
		{"10.0.0.0/24", "prefix /24"},
	} {
		_, err := ParseVpcCidr(tc.in)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%s: unexpected error %v", tc.in, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%s: want error containing %q, got %v", tc.in, tc.err, err)
		}
	}
}

func mp(s string) netip.Prefix { return netip.MustParsePrefix(s) }
