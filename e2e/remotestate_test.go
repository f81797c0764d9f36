package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/platform-team/webstack/internal/tfharness"
)

// TestRemoteStateLocks keeps state in S3 with a lock file (use_lockfile,
// Terraform 1.10+): the stack applies through the S3 backend, and a second
// plan while the apply holds the lock is refused, and the refusal says who
// holds it.
func TestRemoteStateLocks(t *testing.T) {
	t.Parallel()
	emu := startEmulator(t)
	cfg := awsConfig(emu, "us-east-1")
	ctx := ctxFor(t)
	const bucket, key = "webstack-e2e-state", "webstack/remote.tfstate"
	s3c := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
	if _, err := s3c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatal(err)
	}
	outdir, _ := synthFiles(t, map[string]string{"remote": localConfig(t,
		`"backend": {"type": "s3", "bucket": "`+bucket+`", "key": "`+key+`", "use_lockfile": true}`)})
	w := workspace(t, outdir, "remote", emu)
	if err := w.Init(ctx, true); err != nil {
		t.Fatalf("init with the S3 backend: %v", err)
	}

	applied := make(chan error, 1)
	go func() { applied <- w.Apply(ctx) }()
	exists := func(k string) bool {
		_, err := s3c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String(k)})
		return err == nil
	}
	deadline := time.Now().Add(2 * time.Minute)
	for !exists(key+".tflock") && time.Now().Before(deadline) {
		select {
		case err := <-applied:
			t.Fatalf("apply finished before its lock was seen: %v", err)
		case <-time.After(200 * time.Millisecond):
		}
	}
	if !exists(key + ".tflock") {
		t.Fatal("apply holds no lock object in the bucket")
	}
	// A second Terraform on the same state, while apply holds the lock.
	second := workspace(t, outdir, "remote", emu)
	_, err := second.Plan(context.Background(), "0s")
	if err == nil || !strings.Contains(err.Error(), "lock") {
		t.Errorf("a concurrent plan must be refused by the lock, got %v", err)
	}
	// What make deploy tells the user (cmd/webstack) comes from the lock's
	// own record: who holds it, for what, since when.
	if lock, held := tfharness.HeldLock(err); !held || lock.ID == "" || lock.Who == "" || lock.Operation != "Apply" ||
		!strings.HasPrefix(lock.String(), "apply by ") {
		t.Errorf("the S3 lock's holder cannot be told: %+v (%v)", lock, err)
	}
	if err := <-applied; err != nil {
		t.Fatalf("apply: %v", err)
	}
	if !exists(key) {
		t.Error("no state object in the bucket after apply")
	}
	if exists(key + ".tflock") {
		t.Error("the lock was not released after apply")
	}
	out, err := w.Outputs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	destroy(t, ctx, w)
	assertNothingLeft(t, cfg, outputs(out).s("name_suffix"))
}
