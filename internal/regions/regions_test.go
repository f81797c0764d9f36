package regions

import (
	"regexp"
	"testing"
)

func TestRegionTable(t *testing.T) {
	account := regexp.MustCompile(`^[0-9]{12}$`)
	for _, name := range Names() {
		r, ok := Lookup(name)
		if !ok || r.Name != name {
			t.Fatalf("%s: lookup failed", name)
		}
		if r.ELBAccount != "" && !account.MatchString(r.ELBAccount) {
			t.Errorf("%s: ELB account %q is not a 12-digit id", name, r.ELBAccount)
		}
	}
	for name, want := range map[string]string{"us-east-1": "aws", "cn-north-1": "aws-cn", "us-gov-west-1": "aws-us-gov"} {
		if r, _ := Lookup(name); r.Partition() != want {
			t.Errorf("%s: partition %s, want %s", name, r.Partition(), want)
		}
	}
	if r, _ := Lookup("ap-southeast-3"); r.ELBAccount != "" {
		t.Error("regions opened since Jakarta use the log-delivery service principal, not an account")
	}
	if _, ok := Lookup("us-east-7"); ok {
		t.Error("unknown region accepted")
	}
}

func TestEndpointService(t *testing.T) {
	for _, tc := range []struct{ region, service, want string }{
		{"us-east-1", "s3", "com.amazonaws.us-east-1.s3"},
		{"eu-west-1", "ssmmessages", "com.amazonaws.eu-west-1.ssmmessages"},
		{"cn-north-1", "s3", "com.amazonaws.cn-north-1.s3"},
		{"cn-northwest-1", "s3", "cn.com.amazonaws.cn-northwest-1.s3"},
		{"cn-northwest-1", "ssm", "com.amazonaws.cn-northwest-1.ssm"},
		{"us-gov-west-1", "ec2messages", "com.amazonaws.us-gov-west-1.ec2messages"},
	} {
		r, _ := Lookup(tc.region)
		if got := r.EndpointService(tc.service); got != tc.want {
			t.Errorf("%s %s: %s; want %s", tc.region, tc.service, got, tc.want)
		}
	}
}
