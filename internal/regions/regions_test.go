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
