package regions

import (
	"maps"
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
	// Jakarta is listed among the regions available before August 2022 (with
	// an account) while other sources grouped it with the later ones: both.
	if r, _ := Lookup("ap-southeast-3"); r.ELBAccount != "589379963580" || !r.LogDeliveryService {
		t.Errorf("Jakarta: account %q, service %v; want both", r.ELBAccount, r.LogDeliveryService)
	}
	if r, _ := Lookup("me-central-1"); r.ELBAccount != "" || !r.LogDeliveryService {
		t.Errorf("UAE (August 2022): account %q, service %v; want the service principal only", r.ELBAccount, r.LogDeliveryService)
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

func TestLogWriters(t *testing.T) {
	for region, want := range map[string]map[string]any{
		"eu-west-1":      {"AWS": "arn:aws:iam::156460612806:root"},
		"cn-north-1":     {"AWS": "arn:aws-cn:iam::638102146993:root"},
		"us-gov-east-1":  {"AWS": "arn:aws-us-gov:iam::190560391635:root"},
		"ap-southeast-3": {"AWS": "arn:aws:iam::589379963580:root", "Service": LogDeliveryPrincipal},
		"eu-central-2":   {"Service": LogDeliveryPrincipal},
	} {
		r, _ := Lookup(region)
		if got := r.LogWriters(); !maps.Equal(got, want) {
			t.Errorf("%s: %v, want %v", region, got, want)
		}
	}
}

func TestParseTableRefusesMalformedRows(t *testing.T) {
	for _, row := range []string{"eu-west-1\t1234\tshort account", "eu-west-1\tservice", "eu-west-1\tnobody\tx",
		"eu-west-1\tservice\ta\neu-west-1\tservice\tb"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%q: accepted", row)
				}
			}()
			parseTable(row)
		}()
	}
}

func TestServicePrincipals(t *testing.T) {
	for _, tc := range []struct{ region, service, global, regional string }{
		{"eu-west-1", "logs", "logs.amazonaws.com", "logs.eu-west-1.amazonaws.com"},
		{"cn-north-1", "logs", "logs.amazonaws.com.cn", "logs.cn-north-1.amazonaws.com.cn"},
		{"cn-northwest-1", "ec2", "ec2.amazonaws.com", "ec2.cn-northwest-1.amazonaws.com"},
		{"cn-north-1", "vpc-flow-logs", "vpc-flow-logs.amazonaws.com", "vpc-flow-logs.cn-north-1.amazonaws.com"},
		{"us-gov-west-1", "logs", "logs.amazonaws.com", "logs.us-gov-west-1.amazonaws.com"},
	} {
		r := Region{Name: tc.region}
		if got := ServicePrincipal(r.Partition(), tc.service); got != tc.global {
			t.Errorf("%s %s: %s, want %s", tc.region, tc.service, got, tc.global)
		}
		if got := r.RegionalServicePrincipal(tc.service); got != tc.regional {
			t.Errorf("%s %s regional: %s, want %s", tc.region, tc.service, got, tc.regional)
		}
	}
}
