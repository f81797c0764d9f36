package tfharness

import "testing"

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
