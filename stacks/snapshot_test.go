package stacks

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/internal/review"
	"github.com/platform-team/webstack/internal/synthtest"
	"github.com/platform-team/webstack/policy"
	"github.com/platform-team/webstack/stacks/config"
)

var update = flag.Bool("update", false, "rewrite __snapshots__ from the current code (make snapshots)")

const snapshotDir = "../__snapshots__"

func TestMain(m *testing.M) { synthtest.Main(m) }

// variantFiles are the shipped environments and the test-only variants: each
// has a golden file.
func variantFiles(t testing.TB) []string {
	var files []string
	for _, pattern := range []string{"../environments/*.json", "../testdata/variants/*.json"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	return files
}

type synthesized struct {
	raw    map[string][]byte
	stacks map[string]*policy.Stack
}

var (
	synthOnce sync.Once
	synthRes  synthesized
	synthErr  error
)

// synthAll synthesizes every variant once per test binary (one jsii app).
// synthesizeValidated is Synthesize with cdktf's validations on, which
// Synthesize skips for speed: every variant the tests synthesize passes
// them (a failing one panics, as in any cdktf app), and
// TestSkippedValidationsChangeNothing shows the files are the same.
func synthesizeValidated(outdir string, envs []config.Environment) error {
	app := cdktf.NewApp(&cdktf.AppConfig{Outdir: jsii.String(outdir), HclOutput: jsii.Bool(false)})
	return synthesize(app, outdir, envs)
}

// TestSkippedValidationsChangeNothing: what Synthesize writes for the shipped
// environments, validations skipped, is byte for byte what the validated
// synth of the snapshots wrote.
func TestSkippedValidationsChangeNothing(t *testing.T) {
	res := synthAll(t)
	envs, err := LoadDir("../environments")
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if err := Synthesize(out, envs); err != nil {
		t.Fatal(err)
	}
	for _, e := range envs {
		data, err := os.ReadFile(filepath.Join(out, "stacks", e.ID, "cdk.tf.json"))
		if err != nil {
			t.Fatal(err)
		}
		if want, ok := res.raw[e.ID]; !ok || !bytes.Equal(data, want) {
			t.Errorf("%s: Synthesize wrote something else than the validated synth (%d vs %d bytes)", e.ID, len(data), len(want))
		}
	}
}

func synthAll(t testing.TB) synthesized {
	t.Helper()
	files := variantFiles(t)
	synthOnce.Do(func() {
		out, err := os.MkdirTemp("", "webstack-synth-")
		if err != nil {
			synthErr = err
			return
		}
		defer os.RemoveAll(out)
		envs, err := LoadFiles(files...)
		if err == nil {
			err = synthesizeValidated(out, envs)
		}
		if err != nil {
			synthErr = err
			return
		}
		synthRes = synthesized{raw: map[string][]byte{}, stacks: map[string]*policy.Stack{}}
		for _, e := range envs {
			data, err := os.ReadFile(filepath.Join(out, "stacks", e.ID, "cdk.tf.json"))
			if err != nil {
				synthErr = err
				return
			}
			synthRes.raw[e.ID] = data
			if synthRes.stacks[e.ID], err = policy.ParseStack(data); err != nil {
				synthErr = err
				return
			}
		}
	})
	if synthErr != nil {
		t.Fatal(synthErr)
	}
	return synthRes
}

// TestSnapshots compares every variant with its golden file. It never
// rewrites them unless run with -update (make snapshots).
func TestSnapshots(t *testing.T) {
	res := synthAll(t)
	ids := make([]string, 0, len(res.raw))
	for id := range res.raw {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	want := map[string]bool{}
	for _, id := range ids {
		want[id+".json"] = true
		got, err := review.Canonical(res.raw[id])
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(snapshotDir, id+".json")
		if *update {
			if err := os.MkdirAll(snapshotDir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		golden, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: no golden file (%v); run `make snapshots` and review the new file", id, err)
			continue
		}
		if !bytes.Equal(golden, got) {
			t.Errorf("%s: synthesized config differs from %s; if the change is intended, run `make snapshots` "+
				"and commit the diff for review:\n%s", id, path, firstDifference(golden, got))
		}
	}
	// A golden without a variant is stale: its stack is no longer built.
	existing, _ := filepath.Glob(filepath.Join(snapshotDir, "*.json"))
	for _, path := range existing {
		if want[filepath.Base(path)] {
			continue
		}
		if *update {
			os.Remove(path)
			continue
		}
		t.Errorf("%s has no environment or variant any more; run `make snapshots` to remove it", path)
	}
}

// firstDifference shows the first differing lines with a little context.
func firstDifference(want, got []byte) string {
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		if i < len(w) && i < len(g) && w[i] == g[i] {
			continue
		}
		var b strings.Builder
		for j := max(0, i-3); j < i; j++ {
			fmt.Fprintf(&b, "   %s\n", w[j])
		}
		for j := i; j < i+5 && j < len(w); j++ {
			fmt.Fprintf(&b, " - %s\n", w[j])
		}
		for j := i; j < i+5 && j < len(g); j++ {
			fmt.Fprintf(&b, " + %s\n", g[j])
		}
		return fmt.Sprintf("first difference at line %d:\n%s", i+1, b.String())
	}
	return ""
}
