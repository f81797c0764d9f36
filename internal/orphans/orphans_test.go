package orphans

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// Match finds the resource of the configuration each orphan is, by its Name
// tag or the name in its ARN with the suffixes drawn, and the import id the
// provider takes for its type; the default security group matches
// aws_default_security_group.
func TestMatch(t *testing.T) {
	config := []byte(`{"resource": {
	  "aws_vpc": {"vpc": {"tags": {"Name": "shop-dev-vpc-${random_string.suffix.result}"}}},
	  "aws_default_security_group": {"default": {"tags": {"Name": "shop-dev-default-${random_string.suffix.result}"}}},
	  "aws_kms_key": {"key": {"tags": {"Name": "shop-dev-logs-${random_string.suffix.result}"}}},
	  "aws_lb": {"alb": {"name": "shop-dev-web-${random_string.suffix.result}"}},
	  "aws_lb_target_group": {"tg": {"name": "shop-dev-web-${random_string.tg.result}"}},
	  "aws_s3_bucket": {"logs": {"bucket": "shop-dev-alb-logs-${random_string.suffix.result}"}},
	  "aws_cloudwatch_log_group": {"flow": {"name": "/webstack/shop-dev-flow-${random_string.suffix.result}"}},
	  "aws_wafv2_web_acl": {"acl": {"name": "shop-dev-waf-${random_string.suffix.result}"}}
	}}`)
	found := []Orphan{
		{ARN: "arn:aws:ec2:us-east-1:1:vpc/vpc-0abc", Name: "shop-dev-vpc-a1b2c3"},
		{ARN: "arn:aws:ec2:us-east-1:1:security-group/sg-0def", Name: "shop-dev-default-a1b2c3"},
		{ARN: "arn:aws:kms:us-east-1:1:key/1234-5678", Name: "shop-dev-logs-a1b2c3"},
		{ARN: "arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/shop-dev-web-a1b2c3/50dc6c495c0c9188"},
		{ARN: "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/shop-dev-web-x9y8z7/73e2d6bc24d8a067"},
		{ARN: "arn:aws:s3:::shop-dev-alb-logs-a1b2c3", Name: "shop-dev-alb-logs-a1b2c3"},
		{ARN: "arn:aws:logs:us-east-1:1:log-group:/webstack/shop-dev-flow-a1b2c3"},
		{ARN: "arn:aws:wafv2:us-east-1:1:regional/webacl/shop-dev-waf-a1b2c3/0a1b-2c3d"},
		{ARN: "arn:aws:ec2:us-east-1:1:subnet/subnet-0f", Name: "someone-else-a1b2c3"},
	}
	if err := Match(found, config, map[string]string{"suffix": "a1b2c3", "tg": "x9y8z7"}); err != nil {
		t.Fatal(err)
	}
	want := []struct{ address, id string }{
		{"aws_vpc.vpc", "vpc-0abc"},
		{"aws_default_security_group.default", "sg-0def"},
		{"aws_kms_key.key", "1234-5678"},
		{"aws_lb.alb", found[3].ARN},
		{"aws_lb_target_group.tg", found[4].ARN},
		{"aws_s3_bucket.logs", "shop-dev-alb-logs-a1b2c3"},
		{"aws_cloudwatch_log_group.flow", "/webstack/shop-dev-flow-a1b2c3"},
		{"aws_wafv2_web_acl.acl", "0a1b-2c3d/shop-dev-waf-a1b2c3/REGIONAL"},
		{"", ""},
	}
	for i, w := range want {
		if found[i].Address != w.address || found[i].ImportID != w.id {
			t.Errorf("%s → %q %q, want %q %q", found[i].ARN, found[i].Address, found[i].ImportID, w.address, w.id)
		}
	}
	blocks, n := ImportBlocks(found)
	if n != 8 || !strings.Contains(string(blocks), `"to": "aws_vpc.vpc"`) {
		t.Errorf("import blocks (%d):\n%s", n, blocks)
	}
	if cmd := found[8].RemoveCommand("http://127.0.0.1:5000"); cmd != "aws ec2 delete-subnet --subnet-id subnet-0f --endpoint-url http://127.0.0.1:5000" {
		t.Errorf("remove: %s", cmd)
	}
}

// Known and Results read a state file: what it knows by id, ARN and name, and
// the suffixes drawn.
func TestKnownAndResults(t *testing.T) {
	state := []byte(`{"version": 4, "lineage": "x", "resources": [
	  {"mode": "managed", "type": "random_string", "name": "suffix", "instances": [{"attributes": {"id": "a1b2c3", "result": "a1b2c3"}}]},
	  {"mode": "managed", "type": "aws_vpc", "name": "vpc", "instances": [{"attributes": {"id": "vpc-1", "arn": "arn:aws:ec2:us-east-1:1:vpc/vpc-1"}}]},
	  {"mode": "data", "type": "random_string", "name": "ignored", "instances": [{"attributes": {"result": "zzz"}}]}]}`)
	known, err := Known(state)
	if err != nil || !known["vpc-1"] || !known["arn:aws:ec2:us-east-1:1:vpc/vpc-1"] || !isKnown("arn:aws:ec2:us-east-1:1:vpc/vpc-1", known) ||
		isKnown("arn:aws:ec2:us-east-1:1:vpc/vpc-2", known) {
		t.Errorf("known: %v %v", known, err)
	}
	if r := Results(state); len(r) != 1 || r["suffix"] != "a1b2c3" {
		t.Errorf("results: %v", r)
	}
}

// ours: the suffix counts as a whole word of a name, not as the start of a
// longer id.
func TestSuffixMarks(t *testing.T) {
	m := suffixMark("ab12cd")
	for s, want := range map[string]bool{
		"shop-dev-vpc-ab12cd": true,
		"arn:aws:logs:us-east-1:1:log-group:/webstack/x-ab12cd":                    true,
		"arn:aws:elasticloadbalancing:x:loadbalancer/app/shop-dev-web-ab12cd/50dc": true,
		"arn:aws:kms:us-east-1:1:key/1234-ab12cd9e-0000":                           false,
		"shop-dev-vpc-ab12cdx": false,
	} {
		if m.MatchString(s) != want {
			t.Errorf("%s: %v", s, !want)
		}
	}
}

// References resolve through the state and what a deploy adopts; one that
// is not known yet (the parent was not created) resolves to nothing, so
// nothing is looked up under it.
func TestRefs(t *testing.T) {
	state := []byte(`{"resources": [
	  {"mode": "managed", "type": "aws_route_table", "name": "public", "instances": [{"attributes": {"id": "rtb-1"}}]},
	  {"mode": "managed", "type": "random_string", "name": "suffix", "instances": [{"attributes": {"id": "a1b2c3", "result": "a1b2c3"}}]},
	  {"mode": "managed", "type": "aws_subnet", "name": "many", "instances": [{"index_key": 0, "attributes": {"id": "subnet-0"}}]},
	  {"mode": "data", "type": "aws_region", "name": "here", "instances": [{"attributes": {"id": "us-east-1"}}]}
	]}`)
	refs := StateRefs(state)
	refs.Adopt([]Orphan{
		{ARN: "arn:aws:ec2:us-east-1::subnet/subnet-9", Address: "aws_subnet.a", ImportID: "subnet-9"},
		{ARN: "arn:aws:ec2:us-east-1::vpc/vpc-9"}, // matched nothing: no reference reaches it
	})
	for in, want := range map[string]string{
		"${aws_route_table.public.id}":                    "rtb-1",
		"${aws_subnet.a.id}/${aws_route_table.public.id}": "subnet-9/rtb-1",
		"web-${random_string.suffix.result}":              "web-a1b2c3",
		"${aws_subnet.many.id}":                           "", // counted instances are not this stack's
		"${data.aws_region.here.id}":                      "",
		"${aws_internet_gateway.igw.id}":                  "",
		"${var.region}":                                   "",
		"0.0.0.0/0":                                       "0.0.0.0/0",
	} {
		if got := refs.Resolve(in); got != want {
			t.Errorf("Resolve(%q) = %q, want %q", in, got, want)
		}
	}
	if refs.Resolve(80.0) != "" {
		t.Error("a number is not a reference")
	}
}

// Merge keeps one orphan per resource: a nameless one Scan listed (tagged,
// unmatched) takes the address Probe found it under; one Match and Probe
// both found is listed once.
func TestMerge(t *testing.T) {
	found := []Orphan{
		{ARN: "arn:aws:ec2:us-east-1:1:security-group-rule/sgr-1"},
		{ARN: "arn:aws:ec2:us-east-1:1:vpc/vpc-1", Address: "aws_vpc.vpc", ImportID: "vpc-1"},
		{ARN: "arn:aws:ec2:us-east-1:1:subnet/subnet-x"},
	}
	probed := []Orphan{
		{ARN: "arn:aws:ec2:us-east-1::security-group-rule/sgr-1", Address: "aws_vpc_security_group_ingress_rule.in", ImportID: "sgr-1"},
		{ARN: "arn:aws:ec2:us-east-1::vpc/vpc-1", Address: "aws_vpc.vpc", ImportID: "vpc-1"},
		{ARN: "arn:aws:ec2:us-east-1::route-table/rtb-1/route/0.0.0.0/0", Address: "aws_route.out", ImportID: "rtb-1_0.0.0.0/0"},
	}
	got := Merge(found, probed)
	var lines []string
	for _, o := range got {
		lines = append(lines, o.Address+" "+o.ImportID)
	}
	want := "aws_vpc_security_group_ingress_rule.in sgr-1|aws_vpc.vpc vpc-1| |aws_route.out rtb-1_0.0.0.0/0"
	if strings.Join(lines, "|") != want {
		t.Errorf("Merge:\n%s\nwant\n%s", strings.Join(lines, "|"), want)
	}
}

// A security group rule is the configured one only with the same
// direction, protocol, ports and peer.
func TestSameRule(t *testing.T) {
	refs := Refs{"aws_security_group.alb.id": "sg-alb"}
	body := map[string]any{"ip_protocol": "tcp", "from_port": 80.0, "to_port": 80.0,
		"referenced_security_group_id": "${aws_security_group.alb.id}"}
	rule := ec2types.SecurityGroupRule{IsEgress: aws.Bool(false), IpProtocol: aws.String("tcp"),
		FromPort: aws.Int32(80), ToPort: aws.Int32(80), ReferencedGroupInfo: &ec2types.ReferencedSecurityGroup{GroupId: aws.String("sg-alb")}}
	if !sameRule(rule, false, body, refs) {
		t.Error("the configured rule is not recognised")
	}
	if sameRule(rule, true, body, refs) {
		t.Error("an ingress rule taken for an egress rule")
	}
	other := rule
	other.ToPort = aws.Int32(81)
	if sameRule(other, false, body, refs) {
		t.Error("a rule with other ports taken for the configured one")
	}
	open := rule
	open.ReferencedGroupInfo, open.CidrIpv4 = nil, aws.String("0.0.0.0/0")
	if sameRule(open, false, body, refs) {
		t.Error("a rule open to a range taken for one from a group")
	}
}
