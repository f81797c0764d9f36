package synth

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/platform-team/webstack/internal/synthtest"
	"github.com/platform-team/webstack/stacks/config"
)

// TestStateLinkSurvivesAPlanBeforeTheFirstApply: a plan on a stack with no
// state yet (cdktf diff, make deploy's saved plan) must not cost the stack
// directory its link, or the next apply writes the state into the build
// output. Terraform removes a state file it created only to lock; the link's
// target therefore exists from the first synth.
func TestStateLinkSurvivesAPlanBeforeTheFirstApply(t *testing.T) {
	if testing.Short() {
		t.Skip("runs terraform")
	}
	tf, err := exec.LookPath("terraform")
	if err != nil {
		synthtest.Require(t, err)
	}
	stackDir, stateDir := t.TempDir(), t.TempDir()
	env := config.Environment{ID: "s", Config: config.Config{Backend: config.Backend{Type: config.BackendLocal}}}
	if err := keepState(stackDir, stateDir, env, &strings.Builder{}); err != nil {
		t.Fatal(err)
	}
	// Terraform's built-in terraform_data needs no provider download.
	cfg := `{"terraform": {"backend": {"local": {"path": "terraform.tfstate"}}},
	         "resource": {"terraform_data": {"x": {"input": "a"}}}}`
	if err := os.WriteFile(filepath.Join(stackDir, "main.tf.json"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"init"}, {"plan", "-out", "p.tfplan"}, {"apply", "-no-color", "-input=false", "p.tfplan"}} {
		if args[0] != "apply" {
			args = append(args, "-no-color", "-input=false")
		}
		cmd := exec.Command(tf, args...)
		cmd.Dir = stackDir
		cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1", "TF_CLI_CONFIG_FILE=/dev/null")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("terraform %v: %v\n%s", args, err, out)
		}
	}
	fi, err := os.Lstat(filepath.Join(stackDir, "terraform.tfstate"))
	if err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the stack directory's state is no longer a link to the state directory (%v)", err)
	}
	state, err := os.ReadFile(filepath.Join(stateDir, "s", "terraform.tfstate"))
	if err != nil || !strings.Contains(string(state), "terraform_data") {
		t.Errorf("the apply's state is not in the state directory: %v", err)
	}
}
