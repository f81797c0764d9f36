package cidrspace

import (
	"math"
	"testing"
)

func TestShare(t *testing.T) {
	for _, tc := range []struct {
		cidrs  []string
		v4, v6 float64
		wide   bool
	}{
		{[]string{"0.0.0.0/0"}, 1, 0, true},
		{[]string{"::/0"}, 0, 1, true},
		{[]string{"0.0.0.0/1", "128.0.0.0/1"}, 1, 0, true},
		{[]string{"0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"}, 1, 0, true},
		{[]string{"128.0.0.0/1", "128.0.0.0/2"}, -1, 0, true}, // overlap counted once
		{[]string{"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"}, 0, 0, false},
		{[]string{"203.0.113.0/24", "198.51.100.7/32"}, 0, 0, false},
		{[]string{"52.0.0.0/8"}, -1, 0, true},
		{[]string{"52.0.0.0/9"}, -1, 0, false},
		{[]string{"2001:db8::/32"}, 0, 0, false},
		{[]string{"2000::/4"}, 0, 0.5, true},
		{[]string{"not a cidr", "${var.x}"}, 0, 0, false},
	} {
		v4, v6 := Share(tc.cidrs)
		if (tc.v4 >= 0 && math.Abs(v4-tc.v4) > 1e-9) || math.Abs(v6-tc.v6) > 1e-3 || InternetWide(tc.cidrs) != tc.wide {
			t.Errorf("%v: shares %.6f %.6f wide %v; want %v %v %v", tc.cidrs, v4, v6, InternetWide(tc.cidrs), tc.v4, tc.v6, tc.wide)
		}
	}
}
