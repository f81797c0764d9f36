package e2e

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/platform-team/webstack/internal/orphans"
)

// assertNothingLeft fails for any resource in the emulator that still carries
// the stack's suffix in its Name tag or name (the same look make destroy
// takes: orphans.Leftovers), except those AWS itself keeps for a while after
// deletion: terminated instances, deleted NAT gateways, and KMS keys pending
// deletion.
func assertNothingLeft(t *testing.T, cfg aws.Config, suffix string) {
	t.Helper()
	left, err := orphans.Leftovers(context.Background(), cfg, orphans.Copy{Suffixes: []string{suffix}}, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range left {
		t.Errorf("left behind after destroy: %s", o.ARN)
	}
}
