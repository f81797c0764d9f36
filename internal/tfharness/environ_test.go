package tfharness

import (
	"strings"
	"testing"
)

// Terraform runs with the lighter garbage collector unless the caller chose
// one, with the workspace's own settings over the caller's.
func TestEnviron(t *testing.T) {
	o := Options{Providers: &Providers{CLIConfigFile: "/p/terraform.rc"}, Env: map[string]string{"AWS_REGION": "eu-west-1"}}
	env, err := environ([]string{"HOME=/home/u", "AWS_REGION=us-east-1", "TF_CLI_CONFIG_FILE=/mine"}, o)
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]string{"GOGC": TerraformGOGC, "TF_CLI_CONFIG_FILE": "/p/terraform.rc",
		"AWS_REGION": "eu-west-1", "HOME": "/home/u", "CHECKPOINT_DISABLE": "1"} {
		if env[k] != want {
			t.Errorf("%s = %q, want %q", k, env[k], want)
		}
	}
	env, _ = environ([]string{"GOGC=50"}, o)
	if env["GOGC"] != "50" {
		t.Errorf("the caller's GOGC=50 became %q", env["GOGC"])
	}
}

// Addresses reads a state file's resources as Terraform addresses them,
// managed ones only, without starting Terraform.
func TestAddresses(t *testing.T) {
	state := []byte(`{"version": 4, "resources": [
	  {"mode": "managed", "type": "aws_vpc", "name": "vpc", "instances": [{"attributes": {}}]},
	  {"mode": "data", "type": "aws_region", "name": "here", "instances": [{}]},
	  {"mode": "managed", "type": "aws_subnet", "name": "s", "instances": [{"index_key": 0}, {"index_key": 1}]},
	  {"module": "module.net", "mode": "managed", "type": "aws_eip", "name": "e", "instances": [{"index_key": "a"}]}
	]}`)
	got, err := Addresses(state)
	if err != nil {
		t.Fatal(err)
	}
	want := `aws_subnet.s[0] aws_subnet.s[1] aws_vpc.vpc module.net.aws_eip.e["a"]`
	if strings.Join(got, " ") != want {
		t.Errorf("Addresses = %q, want %q", strings.Join(got, " "), want)
	}
	if got, err := Addresses(nil); err != nil || len(got) != 0 {
		t.Errorf("no state: %v, %v", got, err)
	}
	if _, err := Addresses([]byte("{not json")); err == nil {
		t.Error("a state that does not parse must be an error")
	}
}
