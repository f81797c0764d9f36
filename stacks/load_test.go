package stacks

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/platform-team/webstack/stacks/config"

	"github.com/platform-team/webstack/field"
)

// badFiles are environment files that must be refused, with what the error
// must say: the file, the field and a hint of what is allowed.
var badFiles = []struct {
	name, body string
	key        string     // the key a problem names ("" for the whole file)
	kind       field.Kind // what is wrong with it
	want       []string   // substrings of the message, in addition to the file name
}{
	{"malformed", `{"project": "shop",}`, "", config.KindSyntax, []string{"invalid JSON at line 1, column 20"}},
	{"truncated", `{"project": "shop"`, "", config.KindSyntax, []string{"invalid JSON"}},
	{"empty-file", ``, "", config.KindSyntax, []string{"invalid JSON"}},
	{"not-object", `["dev"]`, "", config.KindSyntax, []string{"must hold a JSON object"}},
	{"trailing", `{"project": "shop"} {}`, "", config.KindSyntax, []string{"unexpected content after the JSON object"}},
	{"unknown-key", `{"az_cont": 3}`, "az_cont", config.KindUnknown, []string{`az_cont: unknown key (did you mean "az_count"?)`}},
	{"unknown-nested-key", `{"flow_logs": {"retention": 30}}`, "flow_logs.retention", config.KindUnknown, []string{"flow_logs.retention: unknown key"}},
	{"wrong-type-number", `{"az_count": "three"}`, "az_count", config.KindType, []string{`az_count "three": must be a whole number, not a string`}},
	{"wrong-type-fraction", `{"az_count": 2.5}`, "az_count", config.KindType, []string{"az_count 2.5: must be a whole number"}},
	{"wrong-type-string", `{"region": 1}`, "region", config.KindType, []string{"region 1: must be a string, not a number"}},
	{"wrong-type-object", `{"tags": ["a"]}`, "tags", config.KindType, []string{`tags ["a"]: must be an object`}},
	{"wrong-type-tag-value", `{"tags": {"Team": 7}}`, "tags.Team", config.KindType, []string{"tags.Team 7: must be a string"}},
	{"empty-project", `{"project": ""}`, "project", field.Required, []string{`project "": must not be empty`}},
	{"bad-project", `{"project": "Shop_Front"}`, "project", field.Invalid, []string{`project "Shop_Front": must be lowercase letters, digits and hyphens`}},
	{"long-project", `{"project": "` + strings.Repeat("a", 65) + `"}`, "project", field.Invalid, []string{"is 65 characters; at most 64"}},
	{"reserved-project", `{"project": "sthree"}`, "project", field.Invalid, []string{`project "sthree"`, `starts with "sthree-"`}},
	{"bad-environment", `{"environment": "prod!"}`, "environment", field.Invalid, []string{`environment "prod!": must be lowercase`}},
	{"empty-environment", `{"environment": ""}`, "environment", field.Required, []string{`environment "": must not be empty`}},
	{"bad-region", `{"region": "us-east-7"}`, "region", field.NotSupported, []string{`region "us-east-7": not an AWS region name; use one of:`, "eu-west-1"}},
	{"region-typo", `{"region": "useast1"}`, "region", field.NotSupported, []string{`region "useast1"`}},
	{"cidr-invalid", `{"vpc_cidr": "10.0.0.0/33"}`, "vpc_cidr", field.Invalid, []string{`vpc_cidr "10.0.0.0/33": not a valid IPv4 CIDR`}},
	{"cidr-garbage", `{"vpc_cidr": "ten-dot-zero"}`, "vpc_cidr", field.Invalid, []string{`vpc_cidr "ten-dot-zero": not a valid IPv4 CIDR`}},
	{"cidr-host-bits", `{"vpc_cidr": "10.0.0.1/16"}`, "vpc_cidr", field.Invalid, []string{"host bits are set; the network address is 10.0.0.0/16"}},
	{"cidr-too-small", `{"vpc_cidr": "10.0.0.0/24"}`, "vpc_cidr", field.Invalid, []string{`vpc_cidr "10.0.0.0/24": prefix /24: must be /16 to /22`}},
	{"cidr-too-large", `{"vpc_cidr": "10.0.0.0/8"}`, "vpc_cidr", field.Invalid, []string{"prefix /8"}},
	{"az-count-low", `{"az_count": 1}`, "az_count", field.OutOfRange, []string{"az_count 1: must be between 2 and 6"}},
	{"az-count-high", `{"az_count": 7}`, "az_count", field.OutOfRange, []string{"az_count 7: must be between 2 and 6"}},
	{"nat-mode", `{"nat_gateways": "multi"}`, "nat_gateways", field.NotSupported, []string{`nat_gateways "multi": must be one of "none", "single", "per_az"`}},
	{"existing-vpc-id", `{"existing_vpc": {"vpc_id": "vpc-12", "public_subnet_ids": ["subnet-0a1b2c3d", "subnet-0a1b2c3e"],
		"private_subnet_ids": ["subnet-1a1b2c3d", "subnet-1a1b2c3e"]}}`, "existing_vpc.vpc_id", field.Invalid, []string{`existing_vpc.vpc_id "vpc-12": not a VPC id`}},
	{"existing-vpc-missing", `{"existing_vpc": {}}`, "existing_vpc.vpc_id", field.Required, []string{"existing_vpc.vpc_id: the VPC to build in", "existing_vpc.private_subnet_ids: must list at least 2 subnets, in two availability zones"}},
	{"existing-vpc-subnet", `{"existing_vpc": {"vpc_id": "vpc-0a1b2c3d", "public_subnet_ids": ["subnet-0a1b2c3d", "sg-0a1b2c3e"],
		"private_subnet_ids": ["subnet-1a1b2c3d", "subnet-0a1b2c3d"]}}`, "existing_vpc.public_subnet_ids[0]", field.Duplicate, []string{`existing_vpc.public_subnet_ids[1] "sg-0a1b2c3e": not a subnet id`,
		`existing_vpc.public_subnet_ids[0] "subnet-0a1b2c3d": is listed already, as existing_vpc.private_subnet_ids[1]`}},
	{"existing-vpc-no-public", `{"existing_vpc": {"vpc_id": "vpc-0a1b2c3d", "private_subnet_ids": ["subnet-1a1b2c3d", "subnet-1a1b2c3e"]}}`,
		"existing_vpc.public_subnet_ids", field.Required, []string{"existing_vpc.public_subnet_ids: at least two, in different AZs, for an internet-facing load balancer"}},
	{"existing-vpc-and-network-keys", `{"az_count": 3, "flow_logs": {"traffic_type": "ALL"}, "existing_vpc": {"vpc_id": "vpc-0a1b2c3d",
		"public_subnet_ids": ["subnet-0a1b2c3d", "subnet-0a1b2c3e"], "private_subnet_ids": ["subnet-1a1b2c3d", "subnet-1a1b2c3e"]}}`,
		"az_count", field.Forbidden, []string{"az_count: is set but existing_vpc is too", "flow_logs.traffic_type: is set but existing_vpc is too"}},
	{"retention", `{"flow_logs": {"retention_days": 10}}`, "flow_logs.retention_days", field.NotSupported, []string{"flow_logs.retention_days 10: must be a retention CloudWatch Logs accepts"}},
	{"traffic-type", `{"flow_logs": {"traffic_type": "all"}}`, "flow_logs.traffic_type", field.NotSupported, []string{`flow_logs.traffic_type "all"`}},
	{"tag-aws-prefix", `{"tags": {"aws:team": "x"}}`, "tags.aws:team", field.Forbidden, []string{`tags.aws:team: tag keys starting with "aws:" are reserved`}},
	{"tag-key-long", `{"tags": {"` + strings.Repeat("k", 129) + `": "x"}}`, "tags.kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk", field.Invalid, []string{"tag keys are 1 to 128 characters, not 129"}},
	{"tag-value-long", `{"tags": {"Team": "` + strings.Repeat("v", 257) + `"}}`, "tags.Team", field.Invalid, []string{"tags.Team", "tag values hold at most 256"}},
	{"tag-reserved", `{"tags": {"Project": "x"}}`, "tags.Project", field.Forbidden, []string{`tags.Project "x": the stack sets this tag; use the "project" key instead`}},
	{"tag-chars", `{"tags": {"Team": "a{b}"}}`, "tags.Team", field.Invalid, []string{`tags.Team "a{b}": tag values may hold`}},
	{"owner-empty", `{"owner": ""}`, "owner", field.Required, []string{`owner "": must not be empty`}},
	{"backend-type", `{"backend": {"type": "gcs"}}`, "backend.type", field.NotSupported, []string{`backend.type "gcs"`}},
	{"backend-abs-path", `{"backend": {"path": "/var/state.tfstate"}}`, "backend.path", field.Invalid, []string{`backend.path "/var/state.tfstate": must be a relative path`}},

	// web tier
	{"app-port", `{"app_port": 70000}`, "app_port", field.OutOfRange, []string{"app_port 70000: must be between 1 and 65535"}},
	{"instance-type", `{"instance_type": "micro"}`, "instance_type", field.Invalid, []string{`instance_type "micro": not an EC2 instance type`}},
	{"instance-type-upper", `{"instance_type": "T3.Micro"}`, "instance_type", field.Invalid, []string{`instance_type "T3.Micro"`}},
	{"ami-id", `{"ami_id": "ami-xyz"}`, "ami_id", field.Invalid, []string{`ami_id "ami-xyz": not an AMI id`}},
	{"allowed-cidr", `{"allowed_cidrs": ["everyone"]}`, "allowed_cidrs[0]", field.Invalid, []string{`allowed_cidrs[0] "everyone": not a CIDR`}},
	{"allowed-cidr-host-bits", `{"allowed_cidrs": ["203.0.113.7/24"]}`, "allowed_cidrs[0]", field.Invalid, []string{"allowed_cidrs[0]", "host bits are set"}},
	{"allowed-cidrs-empty", `{"allowed_cidrs": []}`, "allowed_cidrs", field.Required, []string{"allowed_cidrs []: must list at least one CIDR"}},
	{"project-double-hyphen", `{"project": "xn--shop"}`, "project", field.Invalid, []string{`project "xn--shop": holds two hyphens in a row`}},
	{"environment-double-hyphen", `{"environment": "eu--west"}`, "environment", field.Invalid, []string{`environment "eu--west": holds two hyphens in a row`}},
	{"ssh-world", `{"key_name": "ops", "ssh_cidrs": ["0.0.0.0/0"]}`, "ssh_cidrs[0]", field.Forbidden, []string{`ssh_cidrs[0] "0.0.0.0/0": the whole internet is not allowed here`}},
	{"ssh-world-v6", `{"key_name": "ops", "ssh_cidrs": ["::/0"]}`, "ssh_cidrs[0]", field.NotSupported, []string{`ssh_cidrs[0] "::/0"`}},
	{"ssh-no-key", `{"ssh_cidrs": ["10.0.0.0/8"]}`, "ssh_cidrs", field.Forbidden, []string{`ssh_cidrs ["10.0.0.0/8"]: needs key_name`}},
	// Ranges are judged by the public addresses they cover together, not by their spelling.
	{"ssh-world-halves", `{"key_name": "ops", "ssh_cidrs": ["0.0.0.0/1", "128.0.0.0/1"]}`, "ssh_cidrs", field.Forbidden,
		[]string{`ssh_cidrs ["0.0.0.0/1","128.0.0.0/1"]: together these ranges cover all of the internet's public addresses`}},
	{"ssh-world-quarters", `{"key_name": "ops", "ssh_cidrs": ["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"]}`,
		"ssh_cidrs", field.Forbidden, []string{`together these ranges cover all of the internet's public addresses`}},
	{"ssh-public-slash-8", `{"key_name": "ops", "ssh_cidrs": ["52.0.0.0/8"]}`, "ssh_cidrs", field.Forbidden,
		[]string{`this range covers 0.5% of the internet's public addresses, more than a /8's worth`}},
	{"key-name-control", `{"key_name": "clé-ops"}`, "key_name", field.Invalid, []string{"key_name", "existing EC2 key pair"}},
	{"sizes", `{"min_size": 3, "max_size": 2}`, "min_size", field.Forbidden, []string{"min_size 3: sizes must satisfy min_size (3) <= desired_capacity (3) <= max_size (2)"}},
	{"desired-above-max", `{"desired_capacity": 9}`, "desired_capacity", field.Forbidden, []string{"desired_capacity 9: sizes must satisfy"}},
	{"min-zero", `{"min_size": 0}`, "min_size", field.OutOfRange, []string{"min_size 0: must be between 1 and 100"}},
	{"cpu-target", `{"cpu_target_percent": 95}`, "cpu_target_percent", field.OutOfRange, []string{"cpu_target_percent 95: must be between 10 and 90"}},
	{"root-volume", `{"root_volume_size": 4}`, "root_volume_size", field.OutOfRange, []string{"root_volume_size 4: must be between 8 and 16384"}},
	{"health-path", `{"health_check": {"path": "health"}}`, "health_check.path", field.Invalid, []string{`health_check.path "health": must start with /`}},
	{"health-path-quote", `{"health_check": {"path": "/h'; rm -rf /"}}`, "health_check.path", field.Invalid, []string{"health_check.path"}},
	{"health-matcher", `{"health_check": {"matcher": "ok"}}`, "health_check.matcher", field.Invalid, []string{`health_check.matcher "ok"`}},
	{"health-timeout", `{"health_check": {"interval": 10, "timeout": 10}}`, "health_check.timeout", field.Forbidden, []string{"health_check.timeout 10: the timeout (10 s) must be shorter than the interval (10 s)"}},
	{"health-threshold", `{"health_check": {"healthy_threshold": 1}}`, "health_check.healthy_threshold", field.OutOfRange, []string{"health_check.healthy_threshold 1: must be between 2 and 10"}},
	{"idle-timeout", `{"alb_idle_timeout": 0}`, "alb_idle_timeout", field.OutOfRange, []string{"alb_idle_timeout 0: must be between 1 and 4000"}},
	{"deletion-protection-type", `{"alb_deletion_protection": "yes"}`, "alb_deletion_protection", config.KindType, []string{`alb_deletion_protection "yes": must be true or false`}},

	// HTTPS toggle
	{"https-mode", `{"https": {"mode": "on"}}`, "https.mode", field.NotSupported, []string{`https.mode "on": must be one of "off", "acm", "certificate"`}},
	{"https-off-with-domain", `{"https": {"domain": "shop.example.org"}}`, "https.domain", field.Forbidden, []string{`https.domain "shop.example.org": is set but https.mode is "off"`, `"acm" with https.domain`}},
	{"https-acm-no-domain", `{"https": {"mode": "acm", "hosted_zone_id": "Z1"}}`, "https.domain", field.Forbidden, []string{`https.domain: is required with https.mode "acm"`}},
	{"https-acm-no-zone", `{"https": {"mode": "acm", "domain": "shop.example.org"}}`, "https.hosted_zone_id", field.Forbidden, []string{`https.hosted_zone_id: is required with https.mode "acm"`}},
	{"https-acm-bad-domain", `{"https": {"mode": "acm", "domain": "localhost", "hosted_zone_id": "Z1"}}`, "https.domain", field.Invalid, []string{`https.domain "localhost": not a fully qualified host name`}},
	{"https-acm-wildcard", `{"https": {"mode": "acm", "domain": "*.example.org", "hosted_zone_id": "Z1"}}`, "https.domain", field.Invalid, []string{`https.domain "*.example.org"`}},
	{"https-acm-bad-zone", `{"https": {"mode": "acm", "domain": "a.example.org", "hosted_zone_id": "/hostedzone/Z1"}}`, "https.hosted_zone_id", field.Invalid, []string{`https.hosted_zone_id "/hostedzone/Z1": not a Route 53 hosted zone id`}},
	{"https-cert-no-arn", `{"https": {"mode": "certificate"}}`, "https.certificate_arn", field.Forbidden, []string{`https.certificate_arn: is required with https.mode "certificate"`}},
	{"https-cert-bad-arn", `{"https": {"mode": "certificate", "certificate_arn": "arn:aws:iam::123456789012:server-certificate/x"}}`, "https.certificate_arn", field.Invalid, []string{"https.certificate_arn", "not an ACM certificate ARN"}},
	{"https-cert-other-region", `{"region": "eu-west-1", "https": {"mode": "certificate", "certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e"}}`, "https.certificate_arn", field.Forbidden, []string{"is in us-east-1; a load balancer in eu-west-1 can only use a certificate from eu-west-1"}},
	// target and backend
	{"target", `{"target": "localstack"}`, "target", field.NotSupported, []string{`target "localstack": must be "aws" (real AWS) or "emulator"`}},
	{"backend-s3-no-bucket", `{"backend": {"type": "s3", "key": "a/b.tfstate"}}`, "backend.bucket", field.Invalid, []string{`backend.bucket "": must name an existing S3 bucket`}},
	{"backend-s3-bad-key", `{"backend": {"type": "s3", "bucket": "state-bucket", "key": "/abs/"}}`, "backend.key", field.Invalid, []string{`backend.key "/abs/": must be an object key`}},
	{"backend-s3-region", `{"backend": {"type": "s3", "bucket": "state-bucket", "key": "k", "region": "moon-1"}}`, "backend.region", field.NotSupported, []string{`backend.region "moon-1": not an AWS region name`}},

	// observability and policy
	{"alarm-email", `{"alarm_email": "oncall"}`, "alarm_email", field.Invalid, []string{`alarm_email "oncall": not an email address`}},
	{"access-log-retention", `{"access_logs": {"retention_days": 0}}`, "access_logs.retention_days", field.OutOfRange, []string{"access_logs.retention_days 0: must be between 1 and 3650"}},
	{"access-log-force-destroy", `{"access_logs": {"force_destroy": "no"}}`, "access_logs.force_destroy", config.KindType, []string{`access_logs.force_destroy "no": must be true or false`}},
	{"alarm-period", `{"alarms": {"period_seconds": 90}}`, "alarms.period_seconds", field.Invalid, []string{"alarms.period_seconds 90: must be 60 or a multiple of 60"}},
	{"alarm-cpu", `{"alarms": {"cpu_high_percent": 150}}`, "alarms.cpu_high_percent", field.OutOfRange, []string{"alarms.cpu_high_percent 150: must be between 1 and 100"}},
	{"alarm-response", `{"alarms": {"response_time_seconds": 0}}`, "alarms.response_time_seconds", field.OutOfRange, []string{"alarms.response_time_seconds 0: must be more than 0"}},
	{"alarm-unknown", `{"alarms": {"latency": 1}}`, "alarms.latency", config.KindUnknown, []string{"alarms.latency: unknown key"}},
	{"suppression-rule", `{"policy": {"suppressions": [{"rule": "WS-NOPE-1", "resource": "webtier/alb", "reason": "a long enough reason"}]}}`, "policy.suppressions[0].rule", field.NotSupported, []string{`policy.suppressions[0].rule "WS-NOPE-1": not a rule id`}},
	{"suppression-reason", `{"policy": {"suppressions": [{"rule": "WS-ALB-6", "resource": "webtier/alb", "reason": "because"}]}}`, "policy.suppressions[0].reason", field.Invalid, []string{`policy.suppressions[0].reason "because": must explain the exception in at least 10 characters`}},
	{"suppression-resource", `{"policy": {"suppressions": [{"rule": "WS-ALB-6", "resource": "dev/webtier/alb ", "reason": "a long enough reason"}]}}`, "policy.suppressions[0].resource", field.Invalid, []string{"policy.suppressions[0].resource", "construct path below the stack"}},
	{"suppression-duplicate", `{"policy": {"suppressions": [{"rule": "WS-ALB-6", "resource": "webtier/alb", "reason": "a long enough reason"}, {"rule": "WS-ALB-6", "resource": "webtier/alb", "reason": "a long enough reason"}]}}`, "policy.suppressions[1]", field.Duplicate, []string{"policy.suppressions[1]: suppresses WS-ALB-6 on webtier/alb again (as policy.suppressions[0] does)"}},
	{"suppression-unknown-key", `{"policy": {"suppressions": [{"rule": "WS-ALB-6", "path": "webtier/alb"}]}}`, "policy.suppressions[0].path", config.KindUnknown, []string{"policy.suppressions[0].path: unknown key"}},
	{"https-ssl-policy", `{"https": {"ssl_policy": "ELBSecurityPolicy-2016-08"}}`, "https.ssl_policy", field.NotSupported, []string{`https.ssl_policy "ELBSecurityPolicy-2016-08": must be a TLS 1.2+ policy`}},

	// input classes: duplicates, nulls, encodings, names, paths, AWS limits
	{"duplicate-key", "{\"az_count\": 2,\n \"az_count\": 3}", "az_count", config.KindDuplicateKey, []string{"az_count: appears twice in one object (lines 1 and 2)"}},
	{"duplicate-nested-key", `{"health_check": {"path": "/a", "path": "/b"}}`, "health_check.path", config.KindDuplicateKey, []string{"health_check.path: appears twice"}},
	{"duplicate-tag", `{"tags": {"Team": "a", "Team": "b"}}`, "tags.Team", config.KindDuplicateKey, []string{"tags.Team: appears twice"}},
	{"null-in-list", `{"allowed_cidrs": ["10.0.0.0/8", null]}`, "allowed_cidrs[1]", config.KindType, []string{"allowed_cidrs[1]: must not be null"}},
	{"null-tag-value", `{"tags": {"Team": null}}`, "tags.Team", config.KindType, []string{"tags.Team: must not be null"}},
	{"duplicate-cidr", `{"allowed_cidrs": ["10.0.0.0/8", "10.0.0.0/8"]}`, "allowed_cidrs[1]", field.Duplicate, []string{`allowed_cidrs[1] "10.0.0.0/8": repeats item 0`}},
	{"duplicate-ssh-cidr", `{"key_name": "k", "ssh_cidrs": ["10.0.0.0/8", "10.0.0.0/8"]}`, "ssh_cidrs[1]", field.Duplicate, []string{`ssh_cidrs[1] "10.0.0.0/8": repeats item 0`}},
	{"waf-mode", `{"waf": {"mode": "shield"}}`, "waf.mode", field.NotSupported, []string{`waf.mode "shield": must be "off", "managed"`}},
	{"waf-existing-no-arn", `{"waf": {"mode": "existing"}}`, "waf.web_acl_arn", field.Required, []string{`waf.web_acl_arn: must name the web ACL to associate`}},
	{"waf-arn-not-existing", `{"production": true, "waf": {"web_acl_arn": "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/a/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"}}`,
		"waf.web_acl_arn", field.Forbidden, []string{`waf.web_acl_arn "arn:aws:wafv2:`, `is set but waf.mode is "managed"`}},
	{"waf-global-acl", `{"waf": {"mode": "existing", "web_acl_arn": "arn:aws:wafv2:us-east-1:123456789012:global/webacl/a/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"}}`,
		"waf.web_acl_arn", field.Invalid, []string{`waf.web_acl_arn "arn:aws:wafv2:us-east-1:123456789012:global/webacl/`, "not a regional web ACL ARN"}},
	{"waf-rate-low", `{"waf": {"mode": "managed", "rate_limit": 9}}`, "waf.rate_limit", field.OutOfRange, []string{`waf.rate_limit 9`}},
	{"waf-rate-off", `{"waf": {"rate_limit": 100}}`, "waf.rate_limit", field.Forbidden, []string{`waf.rate_limit 100: applies to waf.mode "managed", not "off"`}},
	// The load balancer and the instances are IPv4-only: an IPv6 rule would open nothing.
	{"ipv6-cidr", `{"allowed_cidrs": ["203.0.113.0/24", "2001:db8::/32"]}`, "allowed_cidrs[1]", field.NotSupported, []string{`allowed_cidrs[1] "2001:db8::/32": must be an IPv4 CIDR: the load balancer has IPv4 addresses only`}},
	{"ipv6-ssh-cidr", `{"key_name": "k", "ssh_cidrs": ["2001:db8:1::/48"]}`, "ssh_cidrs[0]", field.NotSupported, []string{`ssh_cidrs[0] "2001:db8:1::/48": must be an IPv4 CIDR: the instances have IPv4 addresses only`}},
	{"too-many-cidrs", `{"allowed_cidrs": [` + cidrList(26) + `]}`, "allowed_cidrs", field.TooMany, []string{"allowed_cidrs: has 26 entries; at most 25"}},
	{"vpc-loopback", `{"vpc_cidr": "127.0.0.0/16"}`, "vpc_cidr", field.Invalid, []string{`vpc_cidr "127.0.0.0/16": overlaps 127.0.0.0/8`}},
	{"vpc-non-canonical", `{"vpc_cidr": "10.0.0.0/016"}`, "vpc_cidr", field.Invalid, []string{`vpc_cidr "10.0.0.0/016"`}},
	{"project-sg", `{"project": "sg"}`, "project", field.Invalid, []string{`project "sg"`, `security group name "sg-`, `starts with "sg-", which AWS reserves`}},
	{"project-internal", `{"project": "internal"}`, "project", field.Invalid, []string{`project "internal"`, `starts with "internal-"`}},
	{"project-xn", `{"project": "xn", "environment": "-x"}`, "environment", field.Invalid, []string{`environment "-x"`}},
	{"backend-path-escapes", `{"backend": {"path": "../../other/terraform.tfstate"}}`, "backend.path", field.Invalid, []string{`backend.path "../../other/terraform.tfstate": must name a file inside the stack directory`}},
	{"backend-path-dir", `{"backend": {"path": "state/"}}`, "backend.path", field.Invalid, []string{`backend.path "state/": must name a file inside`}},
	{"backend-path-windows", `{"backend": {"path": "C:\\state.tfstate"}}`, "backend.path", field.Invalid, []string{"backend.path", "relative path with / separators"}},
	{"backend-path-with-s3", `{"backend": {"type": "s3", "bucket": "state-bucket", "key": "k", "path": "x.tfstate"}}`, "backend.path", field.Forbidden, []string{`backend.path: is set but backend.type is "s3"`}},
	{"backend-lockfile-with-local", `{"backend": {"use_lockfile": false}}`, "backend.use_lockfile", field.Forbidden, []string{`backend.use_lockfile: is set but backend.type is "local"`}},
	{"backend-key-dotdot", `{"backend": {"type": "s3", "bucket": "state-bucket", "key": "a/../b"}}`, "backend.key", field.Invalid, []string{`backend.key "a/../b"`}},
	{"ssl-policy-when-off", `{"https": {"ssl_policy": "ELBSecurityPolicy-TLS13-1-3-2021-06"}}`, "https.ssl_policy", field.Forbidden, []string{`https.ssl_policy "ELBSecurityPolicy-TLS13-1-3-2021-06": is set but https.mode is "off"`}},
	{"alarm-day", `{"alarms": {"period_seconds": 3600, "evaluation_periods": 25}}`, "alarms.evaluation_periods", field.Forbidden, []string{"alarms.evaluation_periods 25: alarms.period_seconds × alarms.evaluation_periods is 90000 s"}},
	{"template-in-value", `{"owner": "${file(\"/etc/passwd\")}"}`, "owner", field.Invalid, []string{`owner "${file(\"/etc/passwd\")}": must not hold "${" or "%{"`}},
	{"template-in-list", `{"allowed_cidrs": ["%{ if true }0.0.0.0/0%{ endif }"]}`, "allowed_cidrs[0]", field.Invalid, []string{"allowed_cidrs[0]", "Terraform would evaluate it"}},
	{"template-in-tag-key", `{"tags": {"${x}": "y"}}`, "tags.${x}", field.Invalid, []string{"tags", "Terraform"}},
	{"alb-scheme", `{"alb_scheme": "public"}`, "alb_scheme", field.NotSupported, []string{`alb_scheme "public": must be one of "internet-facing", "internal"`}},
	{"production-type", `{"production": "yes"}`, "production", config.KindType, []string{`production "yes": must be true or false`}},
	{"instance-type-empty", `{"instance_type": ""}`, "instance_type", field.Invalid, []string{`instance_type "": not an EC2 instance type`}},
	{"access-log-prefix", `{"app_port": 0}`, "app_port", field.OutOfRange, []string{"app_port 0: must be between 1 and 65535"}},
}

func TestBadFilesAreRefusedWithFileAndField(t *testing.T) {
	if len(badFiles) < 60 {
		t.Fatalf("the table must hold at least 60 bad files (foundation, web tier, HTTPS), has %d", len(badFiles))
	}
	for _, tc := range badFiles {
		t.Run(tc.name, func(t *testing.T) {
			path := "environments/" + tc.name + ".json"
			_, problems := Parse(path, []byte(tc.body))
			if len(problems) == 0 {
				t.Fatalf("accepted: %s", tc.body)
			}
			if !slices.ContainsFunc(problems, func(p config.Problem) bool { return p.Field.String() == tc.key && p.Kind == tc.kind }) {
				var got []string
				for _, p := range problems {
					got = append(got, fmt.Sprintf("%q %s", p.Field, p.Kind))
				}
				t.Errorf("no %s problem on key %q; got %v", tc.kind, tc.key, got)
			}
			msg := problems.Error()
			for _, want := range append([]string{path + ": "}, tc.want...) {
				if !strings.Contains(msg, want) {
					t.Errorf("error does not say %q:\n%s", want, msg)
				}
			}
		})
	}
}

// Encodings and byte-order marks get a plain explanation, not a JSON error.
func TestEncodingsAreExplained(t *testing.T) {
	for name, tc := range map[string]struct {
		data []byte
		want string
	}{
		"utf-8 bom":   {append([]byte{0xEF, 0xBB, 0xBF}, `{}`...), `UTF-8 byte-order mark (the editor saved it as "UTF-8 with BOM")`},
		"utf-16 le":   {[]byte{0xFF, 0xFE, '{', 0, '}', 0}, "is UTF-16 text"},
		"utf-16 bare": {[]byte{'{', 0, '}', 0}, "holds NUL bytes, as UTF-16 or UTF-32 text does"},
		"latin-1":     {[]byte("{\n\"owner\": \"caf\xe9\"}"), "is not valid UTF-8 at line 2, column 14 (byte 0xE9)"},
		"huge":        {[]byte(`{"owner": "` + strings.Repeat("x", config.MaxFileSize) + `"}`), "an environment file holds at most"},
	} {
		_, ps := Parse("environments/x.json", tc.data)
		if len(ps) != 1 || ps[0].Kind != config.KindEncoding || !strings.Contains(ps[0].Error(), tc.want) {
			t.Errorf("%s: want one encoding problem saying %q, got %v", name, tc.want, ps)
		}
	}
}

// An unknown key, a wrong type or a duplicate key does not hide the file's
// other problems.
func TestUnknownKeysDoNotHideOtherProblems(t *testing.T) {
	_, ps := Parse("environments/x.json", []byte(`{"az_cont": 3, "region": "mars-1", "app_port": "80",
	  "tags": {"Team": null}, "health_check": {"path": "x", "paht": "/y"}, "min_size": 0, "min_size": 1}`))
	got := map[string]field.Kind{}
	for _, p := range ps {
		if _, seen := got[p.Field.String()]; !seen {
			got[p.Field.String()] = p.Kind
		}
	}
	want := map[string]field.Kind{
		"az_cont": config.KindUnknown, "region": field.NotSupported, "app_port": config.KindType, "tags.Team": config.KindType,
		"health_check.paht": config.KindUnknown, "health_check.path": field.Invalid, "min_size": config.KindDuplicateKey,
	}
	for k, kind := range want {
		if got[k] != kind {
			t.Errorf("%s: kind %q, want %q", k, got[k], kind)
		}
	}
	// min_size keeps its first value (0), which is out of range.
	if !strings.Contains(ps.Error(), "min_size 0: must be between 1 and 100") {
		t.Errorf("the first of duplicate keys is validated: %v", ps)
	}
	if len(ps) != len(want)+1 {
		t.Errorf("want %d problems, got %d:\n%v", len(want)+1, len(ps), ps)
	}
}

// A key two constructs receive (allowed_cidrs reaches the web tier and the
// HTTPS listener) is reported once.
func TestSharedKeyProblemReportedOnce(t *testing.T) {
	_, ps := Parse("environments/x.json", []byte(`{"allowed_cidrs": []}`))
	if len(ps) != 1 || ps[0].Field.String() != "allowed_cidrs" || ps[0].Kind != field.Required {
		t.Errorf("want one problem on allowed_cidrs, got %v", ps)
	}
}

// Every problem of a construct's Validate names an environment-file key: no
// prop name leaks to a user.
func TestConstructProblemsNameKeys(t *testing.T) {
	for _, tc := range badFiles {
		_, ps := Parse("environments/x.json", []byte(tc.body))
		for _, p := range ps {
			if strings.Contains(p.Msg, "internal error") {
				t.Errorf("%s: %v", tc.name, p)
			}
			for _, prop := range []string{"HealthCheck", "Seconds", "Cidrs", "KeyName", "CidrBlock", "Namer", "Props"} {
				if strings.Contains(p.Field.String()+" "+p.Msg, prop) {
					t.Errorf("%s: %q leaks prop name %s", tc.name, p, prop)
				}
			}
		}
	}
}

func TestEveryProblemOfEveryFileIsReported(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.json", `{"az_count": 9, "region": "mars-1", "nat_gateways": "x"}`)
	write(t, dir, "b.json", `{"vpc_cidr": "10.0.0.0/33"}`)
	write(t, dir, "good.json", `{}`)
	_, err := LoadDir(dir)
	var problems config.Problems
	if !errors.As(err, &problems) {
		t.Fatalf("want Problems, got %v", err)
	}
	if len(problems) != 4 {
		t.Errorf("want 4 problems (3 in a.json, 1 in b.json), got %d:\n%v", len(problems), err)
	}
	for _, want := range []string{"a.json: az_count 9", "a.json: region \"mars-1\"", "a.json: nat_gateways \"x\"", "b.json: vpc_cidr"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%v", want, err)
		}
	}
}

func TestEmptyFileMeansDefaults(t *testing.T) {
	env, problems := Parse("environments/staging.json", []byte(`{}`))
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if !reflect.DeepEqual(env.Config, config.Defaults("staging")) {
		t.Errorf("got %+v, want the defaults", env.Config)
	}
	if env.ID != "staging" || env.Config.Environment != "staging" {
		t.Errorf("stack id and environment default to the file name, got %q and %q", env.ID, env.Config.Environment)
	}
	if problems := config.Defaults("x").Validate(); len(problems) > 0 {
		t.Errorf("the defaults themselves must be valid: %v", problems)
	}
}

func TestKeysOverrideOnlyWhatTheyName(t *testing.T) {
	env, problems := Parse("e/x.json", []byte(`{"flow_logs": {"traffic_type": "REJECT"}, "tags": {"Team": "web"}}`))
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if env.Config.FlowLogs.RetentionDays != nil {
		t.Error("setting flow_logs.traffic_type must keep the default retention")
	}
	if env.Config.Tags["Team"] != "web" {
		t.Error("tags not read")
	}
}

func TestBadFileName(t *testing.T) {
	_, problems := Parse("environments/Prod_EU.json", []byte(`{}`))
	if len(problems) != 1 || !strings.Contains(problems[0].Error(), `file name "Prod_EU"`) {
		t.Errorf("got %v", problems)
	}
}

func TestShippedEnvironmentsAreValid(t *testing.T) {
	envs, err := LoadDir("../environments")
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]config.Config{}
	for _, e := range envs {
		ids[e.ID] = e.Config
	}
	dev, prod := ids["dev"], ids["prod"]
	if *dev.AzCount != 2 || *dev.NatGateways != "single" || dev.Production {
		t.Errorf("dev must be cheap (2 AZs, one NAT) and not production, got %d AZs, NAT %q", *dev.AzCount, *dev.NatGateways)
	}
	if *prod.AzCount != 3 || *prod.NatGateways != "per_az" || !prod.Production {
		t.Errorf("prod must be production, 3 AZs with NAT per AZ, got %d, %q", *prod.AzCount, *prod.NatGateways)
	}
}

func write(t *testing.T, dir, name, body string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}
