package reviewer

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/platform-team/webstack/internal/review"
	"github.com/platform-team/webstack/internal/synthtest"
)

// TestReviewPlanMode is make review PLAN=1 end to end, for two variants at
// once, each on its own emulator: a renamed project, whose base (a golden
// for AWS, retargeted as the emulator target is) deploys and whose plan replaces
// the load balancer, the target group and the bucket, forced by their
// names; and a base that cannot deploy, which says so and keeps the
// configuration diff.
func TestReviewPlanMode(t *testing.T) {
	synthtest.NeedsEmulator(t)
	t.Parallel()
	root, heads, base := reviewPairs(t)
	// A base Terraform rejects before anything is created.
	broken := filepath.Join(base.Dir, GoldenDir, "instance-type.json")
	data, err := os.ReadFile(broken)
	if err != nil {
		t.Fatal(err)
	}
	write(t, broken, bytes.Replace(data, []byte(`"10.40.0.0/16"`), []byte(`"10.40.0.0/33"`), 1))

	var log bytes.Buffer
	logs := t.TempDir()
	rv := &Reviewer{Base: base, EnvFiles: heads, Root: root, Log: io.Discard,
		Only: []string{"instance-type", "project-renamed"},
		Plan: &Planner{Parallel: 2, LogDir: logs, Log: &log, Setup: TerraformSetup(filepath.Join(t.TempDir(), "providers"))}}
	rep, err := rv.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Log(log.String())
	byID := map[string]review.Variant{}
	for _, v := range rep.Variants {
		byID[v.ID] = v
	}

	renamed := byID["project-renamed"]
	if renamed.Plan == nil || renamed.Plan.Failed != "" {
		t.Fatalf("project-renamed: no plan: %+v", renamed.Plan)
	}
	replaced := map[string][]string{}
	for _, i := range renamed.Plan.Impacts {
		if i.Action == review.ActionReplace {
			replaced[i.Type] = append(replaced[i.Type], strings.Join(i.ReplacePaths, ","))
			if _, risky := review.Risky(i.Type); risky != (i.Risky != "") {
				t.Errorf("%s: risky %q", i.Address, i.Risky)
			}
		}
		if i.Action == review.ActionDelete {
			t.Errorf("a renamed project destroys nothing outright: %s", i.Address)
		}
	}
	for typ, forced := range map[string]string{"aws_lb": "name", "aws_lb_target_group": "name", "aws_s3_bucket": "bucket"} {
		if got := strings.Join(replaced[typ], ";"); got != forced {
			t.Errorf("%s: replaced, forced by %q; want forced by %q", typ, got, forced)
		}
	}
	text := rep.Text()
	for _, want := range []string{
		"plan (Terraform, head over the base deployed to the emulator)",
		"! replace aws_s3_bucket.access-logs_bucket_7E528747 (forced by bucket) RISKY",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q", want)
		}
	}

	failed := byID["instance-type"]
	if failed.Plan == nil || !strings.Contains(failed.Plan.Failed, "the base did not deploy to the emulator") ||
		!strings.Contains(failed.Plan.Failed, "10.40.0.0/33") {
		t.Errorf("instance-type: want the base's failure, naming the bad value: %+v", failed.Plan)
	}
	if failed.Diff.Empty() || !strings.Contains(text, "plan: none (the base did not deploy") {
		t.Error("instance-type: a variant without a plan keeps its configuration diff, and says why")
	}
	if _, err := os.Stat(failed.Plan.Log); err != nil {
		t.Errorf("the failed variant's Terraform output is kept: %v", err)
	}
}

func TestTerraformError(t *testing.T) {
	err := errors.New("exit status 1\n\nError: expected cidr_block to contain a valid Value, got: 10.40.0.0/33\n\n  with aws_vpc.network_vpc_4E8F0223,\n  on main.tf.json line 1, in resource \"aws_vpc\" \"network_vpc_4E8F0223\":\n")
	want := "Error: expected cidr_block to contain a valid Value, got: 10.40.0.0/33 (in aws_vpc.network_vpc_4E8F0223)"
	if got := terraformError(err); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got := terraformError(errors.New("terraform not found\nmore")); got != "terraform not found" {
		t.Errorf("without an Error: line, the first line: %q", got)
	}
}
