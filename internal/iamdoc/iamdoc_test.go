package iamdoc

import "testing"

func TestJSONIsStableAndComplete(t *testing.T) {
	d := AssumeRole("ec2.amazonaws.com", map[string]map[string]string{"StringEquals": {"aws:SourceAccount": "1"}})
	want := `{"Version":"2012-10-17","Statement":[{"Sid":"TrustService","Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":["sts:AssumeRole"],"Condition":{"StringEquals":{"aws:SourceAccount":"1"}}}]}`
	if got := d.JSON(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	tok := New(Allow("Write", []string{"logs:PutLogEvents"}, []string{"${aws_cloudwatch_log_group.x.arn}:*"})).JSON()
	if want := `{"Version":"2012-10-17","Statement":[{"Sid":"Write","Effect":"Allow","Action":["logs:PutLogEvents"],"Resource":["${aws_cloudwatch_log_group.x.arn}:*"]}]}`; tok != want {
		t.Errorf("tokens must pass through verbatim:\n got  %s\n want %s", tok, want)
	}
}
