package reviewer

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/platform-team/webstack/internal/review"
	"github.com/platform-team/webstack/internal/synthtest"
	"github.com/platform-team/webstack/stacks/synth"
)

var update = flag.Bool("update", false, "rewrite testdata/review/review.{txt,md} (make snapshots)")

// reviewPairs builds a base checkout in a directory and head environment
// files for the hand-made pairs of testdata/review: every head/<pair>.json
// against base.json, plus two pairs made here, "unchanged" (the same file)
// and "construct-renamed" (a base whose access-logs construct was called
// "logs", which is what a construct id change looks like in the goldens).
func reviewPairs(t *testing.T) (root string, heads []string, base DirBase) {
	t.Helper()
	root = t.TempDir()
	baseEnv, err := os.ReadFile("testdata/review/base.json")
	if err != nil {
		t.Fatal(err)
	}
	pairs, _ := filepath.Glob("testdata/review/head/*.json")
	contents := map[string][]byte{"unchanged": baseEnv, "construct-renamed": baseEnv}
	for _, p := range pairs {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		contents[strings.TrimSuffix(filepath.Base(p), ".json")] = data
	}
	base = DirBase{Dir: filepath.Join(root, "base")}
	var baseFiles []string
	for id, data := range contents {
		heads = append(heads, write(t, filepath.Join(root, "env", id+".json"), data))
		baseFiles = append(baseFiles, write(t, filepath.Join(base.Dir, "env", id+".json"), baseEnv))
	}
	out := filepath.Join(root, "out")
	envs, err := synth.Synth(synth.Options{Files: baseFiles, Outdir: out, Log: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range envs {
		data, err := os.ReadFile(filepath.Join(out, "stacks", e.ID, "cdk.tf.json"))
		if err != nil {
			t.Fatal(err)
		}
		if e.ID == "construct-renamed" {
			data = renameConstruct(t, data, "access-logs", "logs")
		}
		golden, err := review.Canonical(data)
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(base.Dir, GoldenDir, e.ID+".json"), golden)
	}
	return root, heads, base
}

func write(t *testing.T, path string, data []byte) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// renameConstruct gives the construct whose id is from (directly below the
// stack) the id to, the way cdktf would: each resource under it gets the
// logical id cdktf derives from its new path (the path's ids joined by
// "_", then the first 8 hex digits of the MD5 of the path), and every
// reference follows.
func renameConstruct(t *testing.T, data []byte, from, to string) []byte {
	t.Helper()
	var cfg map[string]any
	if err := json.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for typ, byName := range cfg["resource"].(map[string]any) {
		for name, body := range byName.(map[string]any) {
			meta := body.(map[string]any)["//"].(map[string]any)["metadata"].(map[string]any)
			parts := strings.Split(meta["path"].(string), "/")
			if len(parts) < 3 || parts[1] != from {
				continue
			}
			parts[1] = to
			sum := md5.Sum([]byte(strings.Join(parts[1:], "/")))
			newName := strings.Join(parts[1:], "_") + "_" + strings.ToUpper(hex.EncodeToString(sum[:])[:8])
			text = strings.ReplaceAll(text, `"`+meta["path"].(string)+`"`, `"`+strings.Join(parts, "/")+`"`)
			text = strings.ReplaceAll(text, `"`+name+`"`, `"`+newName+`"`)
			text = strings.ReplaceAll(text, typ+"."+name, typ+"."+newName)
		}
	}
	return []byte(text)
}

// TestReviewGolden pins make review's output for the hand-made pairs: an
// added AZ, a new instance type, HTTPS turned on, a renamed project, a
// renamed construct id, a policy warning and its suppression, and no change.
func TestReviewGolden(t *testing.T) {
	root, heads, base := reviewPairs(t)
	rv := &Reviewer{Base: base, EnvFiles: heads, Root: root, Log: io.Discard}
	rep, err := rv.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	rep.Base = "base.json"
	for file, got := range map[string]string{
		"testdata/review/review.txt": rep.Text(),
		"testdata/review/review.md":  rep.Markdown(0),
	} {
		if *update {
			write(t, file, []byte(got))
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v (make snapshots writes it)", err)
		}
		if string(want) != got {
			t.Errorf("%s differs from the review; if intended, run `make snapshots` and commit:\n%s", file,
				firstDiff(string(want), got))
		}
	}
	// What the issue asks of each pair, beyond the golden.
	byID := map[string]review.Variant{}
	for _, v := range rep.Variants {
		byID[v.ID] = v
	}
	addrs := func(blocks []review.Block) string {
		var out []string
		for _, b := range blocks {
			out = append(out, b.Addr)
		}
		return strings.Join(out, " ")
	}
	if az := byID["az-count"]; !strings.Contains(addrs(az.Diff.Added), "aws_subnet.network_public-subnet-2_") ||
		!strings.Contains(addrs(az.Diff.Added), "aws_route_table_association.network_private-rta-2_") {
		t.Errorf("az-count: the third zone's subnets and associations are added: %s", addrs(az.Diff.Added))
	}
	var outputs []string
	for _, c := range byID["az-count"].Diff.Changed {
		if c.Type == "output" {
			outputs = append(outputs, c.Addr)
		}
	}
	if strings.Join(outputs, " ") != "output.private_subnet_ids output.public_subnet_ids" {
		t.Errorf("az-count: changed outputs %v", outputs)
	}
	if r := byID["construct-renamed"]; len(r.Diff.Renamed) != 8 || len(r.Diff.Added)+len(r.Diff.Removed)+len(r.Diff.Changed) != 0 {
		t.Errorf("construct-renamed: want the 8 access-logs resources renamed and nothing else: %+v", r.Diff)
	}
	if p := byID["log-retention"].Policy; len(p.NewlyFailing) != 1 || p.NewlyFailing[0].Rule != "WS-LOG-1" {
		t.Errorf("log-retention: want WS-LOG-1 newly failing: %+v", p)
	}
	if p := byID["log-retention-accepted"].Policy; len(p.NewlySuppressed) != 1 || len(p.NewlyFailing) != 0 {
		t.Errorf("log-retention-accepted: want WS-LOG-1 newly suppressed: %+v", p)
	}
	if byID["unchanged"].Status != review.Unchanged {
		t.Error("unchanged: a variant synthesized from the same file is unchanged")
	}
	if !strings.Contains(rep.Text(), "unchanged: unchanged\n") {
		t.Error("an unchanged variant is one line")
	}
}

// TestReviewOfEveryEnvironmentRenamedFitsAComment: the largest change a
// pull request is likely to make, every shipped environment and variant
// with a new project name, renders under GitHub's comment limit.
func TestReviewOfEveryEnvironmentRenamedFitsAComment(t *testing.T) {
	if testing.Short() {
		t.Skip("synthesizes every variant")
	}
	root := t.TempDir()
	synthtest.Repository(t, root)
	project, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	var heads []string
	for _, dir := range []string{EnvDir, VariantDir} {
		files, _ := filepath.Glob(filepath.Join(project, dir, "*.json"))
		for _, f := range files {
			var env map[string]any
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(data, &env); err != nil {
				t.Fatal(err)
			}
			env["project"] = "renamed-everywhere"
			data, _ = json.Marshal(env)
			rel, _ := filepath.Rel(project, f)
			heads = append(heads, write(t, filepath.Join(root, rel), data))
		}
	}
	rv := &Reviewer{Base: DirBase{Dir: project}, EnvFiles: heads, Root: root, Log: io.Discard}
	rep, err := rv.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	md := rep.Markdown(0)
	if n := utf8.RuneCountInString(md); n > review.CommentLimit {
		t.Fatalf("%d characters, over GitHub's %d", n, review.CommentLimit)
	}
	if len(rep.Variants) != len(heads) {
		t.Errorf("%d variants reviewed, want %d", len(rep.Variants), len(heads))
	}
	for _, v := range rep.Variants {
		if v.Status != review.Changed || !bytes.Contains([]byte(md), []byte("| `"+v.ID+"`")) {
			t.Errorf("%s: every variant changed and has its summary row", v.ID)
		}
	}
	t.Logf("markdown of every variant renamed: %d characters, truncated: %v", utf8.RuneCountInString(md),
		strings.Contains(md, "**Truncated:**"))
}

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, a, b)
		}
	}
	return ""
}
