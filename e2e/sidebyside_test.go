package e2e

import (
	"fmt"
	"sync"
	"testing"

	"github.com/platform-team/webstack/internal/tfharness"
)

// TestCopiesSideBySide deploys three environment files with identical
// content (same project, same environment) into one account at once: every
// copy must come up under names of its own and go away again.
func TestCopiesSideBySide(t *testing.T) {
	t.Parallel()
	emu := startEmulator(t)
	body := localConfig(t, "")
	ids := []string{"copy-a", "copy-b", "copy-c"}
	outdir, _ := synthFiles(t, map[string]string{ids[0]: body, ids[1]: body, ids[2]: body})
	ctx := ctxFor(t)

	each := func(step func(i int, id string) error) []error {
		errs := make([]error, len(ids))
		var wg sync.WaitGroup
		for i, id := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = step(i, id)
			}()
		}
		wg.Wait()
		return errs
	}
	// Workspaces are opened here, on the test's goroutine (it may skip or fail).
	spaces := make([]*tfharness.Workspace, len(ids))
	for i, id := range ids {
		spaces[i] = workspace(t, outdir, id, emu)
	}
	outs := make([]outputs, len(ids))
	for i, err := range each(func(i int, id string) error {
		w := spaces[i]
		if err := w.Init(ctx, true); err != nil {
			return err
		}
		if err := w.Apply(ctx); err != nil {
			return err
		}
		out, err := w.Outputs(ctx)
		outs[i] = outputs(out)
		return err
	}) {
		if err != nil {
			t.Errorf("%s: %v", ids[i], err)
		}
	}
	if !t.Failed() {
		seen := map[string]string{}
		for i, o := range outs {
			for _, k := range []string{"name_suffix", "alb_arn", "asg_name", "target_group_name", "access_logs_bucket", "vpc_id", "instance_role_name"} {
				v := fmt.Sprint(o[k])
				if other, dup := seen[k+"="+v]; dup {
					t.Errorf("%s and %s share %s %s", other, ids[i], k, v)
				}
				seen[k+"="+v] = ids[i]
			}
		}
	}
	for i, err := range each(func(i int, _ string) error { return spaces[i].Destroy(ctx) }) {
		if err != nil {
			t.Errorf("%s: destroy: %v", ids[i], err)
		}
	}
	cfg := awsConfig(emu, "us-east-1")
	for _, o := range outs {
		if o != nil {
			assertNothingLeft(t, cfg, o.s("name_suffix"))
		}
	}
}
