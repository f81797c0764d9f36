package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/platform-team/webstack/internal/orphans"
)

// cycles is how many deploy/destroy cycles TestRepeatedCycles runs.
const cycles = 5

// TestRepeatedCycles is make deploy ENV=local then make destroy ENV=local,
// five times in a row on one working copy and one emulator, from the
// repository root as a user runs them. Each cycle deploys a new copy (a new
// suffix) and destroys all of it; after each, no process of ours runs, the
// commands' TMPDIR is empty, the work, out and state directories hold no
// more than after the cycle before (Terraform's log, rewritten by each run,
// aside), and at the end the emulator holds nothing of any of the five
// copies: no resource with their suffixes, no VPC but its default one.
func TestRepeatedCycles(t *testing.T) {
	srv := ownEmulator(t)
	s := newScratch(t, srv.URL)
	// Ten commands in a row, most of each the provider's waits for the load
	// balancer: the longest chain of make test.
	s.urgent = true
	tmp := t.TempDir()
	s.extraEnv = append(s.extraEnv, "TMPDIR="+tmp)

	suffix := regexp.MustCompile(`(?m)^\s+name_suffix = "([a-z0-9]+)"$`)
	var suffixes []string
	var lastSize, lastState int64
	for i := 1; i <= cycles; i++ {
		start := time.Now()
		deployed := s.mustRun("deploy")
		took := time.Since(start)
		m := suffix.FindStringSubmatch(deployed)
		if m == nil || !strings.Contains(deployed, "local is deployed") {
			t.Fatalf("cycle %d: the deploy did not complete with a name_suffix:\n%s", i, deployed)
		}
		for _, earlier := range suffixes {
			if earlier == m[1] {
				t.Errorf("cycle %d drew the suffix %s of an earlier cycle", i, m[1])
			}
		}
		suffixes = append(suffixes, m[1])
		start = time.Now()
		gone := s.mustRun("destroy")
		t.Logf("figures: cycle %d: deploy %s, destroy %s", i, took.Round(time.Second), time.Since(start).Round(time.Second))
		left := regexp.MustCompile(`nothing of this copy \(suffix [^)]*\b` + m[1] + `\b[^)]*\) is left in the account`)
		if !strings.Contains(gone, "local is destroyed") || !left.MatchString(gone) {
			t.Errorf("cycle %d: destroy must say local is destroyed and nothing with suffix %s is left:\n%s", i, m[1], gone)
		}

		procs, temps, size, _ := s.footprint(tmp)
		if len(procs) > 0 || len(temps) > 0 {
			t.Errorf("after cycle %d: processes %v and temporary files %v are left", i, procs, temps)
		}
		state := dirSize(t, filepath.Join(s.root, s.state))
		t.Logf("figures: after cycle %d the work and out directories hold %d bytes (the log aside), the state directory %d", i, size, state)
		// The first cycle fills the caches (synth, providers); from the
		// second on nothing may accumulate. The state after a destroy
		// differs from the last only in its serial.
		if i > 2 && (size > lastSize+4<<10 || state > lastState+64) {
			t.Errorf("after cycle %d the work and out directories hold %d bytes (%d after the cycle before), the state directory %d (%d)",
				i, size, lastSize, state, lastState)
		}
		lastSize, lastState = size, state
	}
	if !srv.Alive() {
		t.Error("a destroy stopped the emulator the user started")
	}

	cfg := aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL),
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", "")}
	ctx := context.Background()
	left, err := orphans.Leftovers(ctx, cfg, orphans.Copy{Suffixes: suffixes}, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range left {
		t.Errorf("left in the emulator after %d cycles: %s", cycles, o.ARN)
	}
	vpcs, err := ec2.NewFromConfig(cfg).DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vpcs.Vpcs {
		if !aws.ToBool(v.IsDefault) {
			t.Errorf("left in the emulator after %d cycles: VPC %s", cycles, aws.ToString(v.VpcId))
		}
	}
}

// dirSize is the bytes the regular files below dir hold.
func dirSize(t *testing.T, dir string) int64 {
	t.Helper()
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			fi, err := d.Info()
			if err != nil {
				return err
			}
			n += fi.Size()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
