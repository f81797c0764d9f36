package stacks

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// badFiles are environment files that must be refused, with what the error
// must say: the file, the field and a hint of what is allowed.
var badFiles = []struct {
	name, body string
	want       []string // substrings of the error, in addition to the file name
}{
	{"malformed", `{"project": "shop",}`, []string{"invalid JSON at line 1, column 20"}},
	{"truncated", `{"project": "shop"`, []string{"invalid JSON"}},
	{"empty-file", ``, []string{"invalid JSON"}},
	{"not-object", `["dev"]`, []string{"must hold a JSON object"}},
	{"trailing", `{"project": "shop"} {}`, []string{"unexpected content after the JSON object"}},
	{"unknown-key", `{"az_cont": 3}`, []string{`az_cont: unknown key (did you mean "az_count"?)`}},
	{"unknown-nested-key", `{"flow_logs": {"retention": 30}}`, []string{"flow_logs.retention: unknown key"}},
	{"wrong-type-number", `{"az_count": "three"}`, []string{`az_count "three": must be a whole number, not a string`}},
	{"wrong-type-fraction", `{"az_count": 2.5}`, []string{"az_count 2.5: must be a whole number"}},
	{"wrong-type-string", `{"region": 1}`, []string{"region 1: must be a string, not a number"}},
	{"wrong-type-object", `{"tags": ["a"]}`, []string{`tags ["a"]: must be an object`}},
	{"wrong-type-tag-value", `{"tags": {"Team": 7}}`, []string{"tags.Team 7: must be a string"}},
	{"empty-project", `{"project": ""}`, []string{`project "": must not be empty`}},
	{"bad-project", `{"project": "Shop_Front"}`, []string{`project "Shop_Front": must be lowercase letters, digits and hyphens`}},
	{"long-project", `{"project": "` + strings.Repeat("a", 65) + `"}`, []string{"is 65 characters; at most 64"}},
	{"reserved-project", `{"project": "sthree"}`, []string{`project "sthree"`, `starts with "sthree-"`}},
	{"bad-environment", `{"environment": "prod!"}`, []string{`environment "prod!": must be lowercase`}},
	{"empty-environment", `{"environment": ""}`, []string{`environment "": must not be empty`}},
	{"bad-region", `{"region": "us-east-7"}`, []string{`region "us-east-7": not an AWS region name; use one of:`, "eu-west-1"}},
	{"region-typo", `{"region": "useast1"}`, []string{`region "useast1"`}},
	{"cidr-invalid", `{"vpc_cidr": "10.0.0.0/33"}`, []string{`vpc_cidr "10.0.0.0/33": not a valid IPv4 CIDR`}},
	{"cidr-garbage", `{"vpc_cidr": "ten-dot-zero"}`, []string{`vpc_cidr "ten-dot-zero": not a valid IPv4 CIDR`}},
	{"cidr-host-bits", `{"vpc_cidr": "10.0.0.1/16"}`, []string{"host bits are set; the network address is 10.0.0.0/16"}},
	{"cidr-too-small", `{"vpc_cidr": "10.0.0.0/24"}`, []string{`vpc_cidr "10.0.0.0/24": prefix /24: must be /16 to /22`}},
	{"cidr-too-large", `{"vpc_cidr": "10.0.0.0/8"}`, []string{"prefix /8"}},
	{"az-count-low", `{"az_count": 1}`, []string{"az_count 1: must be between 2 and 6"}},
	{"az-count-high", `{"az_count": 7}`, []string{"az_count 7: must be between 2 and 6"}},
	{"nat-mode", `{"nat_gateways": "multi"}`, []string{`nat_gateways "multi": must be one of "none", "single", "per_az"`}},
	{"retention", `{"flow_logs": {"retention_days": 10}}`, []string{"flow_logs.retention_days 10: must be a retention CloudWatch Logs accepts"}},
	{"traffic-type", `{"flow_logs": {"traffic_type": "all"}}`, []string{`flow_logs.traffic_type "all"`}},
	{"tag-aws-prefix", `{"tags": {"aws:team": "x"}}`, []string{`tags.aws:team: tag keys starting with "aws:" are reserved`}},
	{"tag-key-long", `{"tags": {"` + strings.Repeat("k", 129) + `": "x"}}`, []string{"tag keys must be 1 to 128 characters, not 129"}},
	{"tag-value-long", `{"tags": {"Team": "` + strings.Repeat("v", 257) + `"}}`, []string{"tags.Team", "tag values hold at most 256"}},
	{"tag-reserved", `{"tags": {"Project": "x"}}`, []string{`tags.Project "x": the stack sets this tag; use the "project" key instead`}},
	{"tag-chars", `{"tags": {"Team": "a{b}"}}`, []string{`tags.Team "a{b}": tag values may hold`}},
	{"owner-empty", `{"owner": ""}`, []string{`owner "": must not be empty`}},
	{"backend-type", `{"backend": {"type": "gcs"}}`, []string{`backend.type "gcs"`}},
	{"backend-abs-path", `{"backend": {"path": "/var/state.tfstate"}}`, []string{`backend.path "/var/state.tfstate": must be a relative path`}},
}

func TestBadFilesAreRefusedWithFileAndField(t *testing.T) {
	if len(badFiles) < 15 {
		t.Fatalf("the table must hold at least 15 bad files, has %d", len(badFiles))
	}
	for _, tc := range badFiles {
		t.Run(tc.name, func(t *testing.T) {
			path := "environments/" + tc.name + ".json"
			_, problems := Parse(path, []byte(tc.body))
			if len(problems) == 0 {
				t.Fatalf("accepted: %s", tc.body)
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

func TestEveryProblemOfEveryFileIsReported(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.json", `{"az_count": 9, "region": "mars-1", "nat_gateways": "x"}`)
	write(t, dir, "b.json", `{"vpc_cidr": "10.0.0.0/33"}`)
	write(t, dir, "good.json", `{}`)
	_, err := LoadDir(dir)
	var problems Problems
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
	if !reflect.DeepEqual(env.Config, Defaults("staging")) {
		t.Errorf("got %+v, want the defaults", env.Config)
	}
	if env.ID != "staging" || env.Config.Environment != "staging" {
		t.Errorf("stack id and environment default to the file name, got %q and %q", env.ID, env.Config.Environment)
	}
	if problems := Defaults("x").Validate(); len(problems) > 0 {
		t.Errorf("the defaults themselves must be valid: %v", problems)
	}
}

func TestKeysOverrideOnlyWhatTheyName(t *testing.T) {
	env, problems := Parse("e/x.json", []byte(`{"flow_logs": {"traffic_type": "REJECT"}, "tags": {"Team": "web"}}`))
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if env.Config.FlowLogs.RetentionDays != Defaults("x").FlowLogs.RetentionDays {
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
	ids := map[string]Config{}
	for _, e := range envs {
		ids[e.ID] = e.Config
	}
	dev, prod := ids["dev"], ids["prod"]
	if dev.AzCount != 2 || dev.NatGateways != "single" {
		t.Errorf("dev must be cheap (2 AZs, one NAT), got %d AZs, NAT %q", dev.AzCount, dev.NatGateways)
	}
	if prod.AzCount != 3 || prod.NatGateways != "per_az" {
		t.Errorf("prod must be 3 AZs with NAT per AZ, got %d, %q", prod.AzCount, prod.NatGateways)
	}
}

func write(t *testing.T, dir, name, body string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}
