package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// TestThreeEnvironmentsAtOnce: three environment files of identical content
// (the same project and environment name), deployed from one working copy
// by three make deploy runs at once into one account, come up under names of
// their own; three make destroy runs at once take them all away and stop
// nothing they share. Afterwards nothing of ours runs in the copy's
// directories, nothing is left in the TMPDIR the runs had, and the emulator
// holds nothing with any of the three suffixes (each destroy checks its own).
func TestThreeEnvironmentsAtOnce(t *testing.T) {
	srv := ownEmulator(t)
	s := newScratch(t, srv.URL)
	local, err := os.ReadFile(filepath.Join(s.root, defaultEnvDir, "local.json"))
	if err != nil {
		t.Fatal(err)
	}
	envDir, tmp := t.TempDir(), t.TempDir()
	ids := []string{"copy-a", "copy-b", "copy-c"}
	for _, id := range ids {
		if err := os.WriteFile(filepath.Join(envDir, id+".json"), local, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s.extraEnv = append(s.extraEnv, "WEBSTACK_ENV_DIR="+envDir, "TMPDIR="+tmp)

	// all runs make target for every id at once and returns each output.
	all := func(target string) []string {
		outs, errs := make([]string, len(ids)), make([]error, len(ids))
		var wg sync.WaitGroup
		for i, id := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				outs[i], errs[i] = s.runFor(target, id)
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("make %s ENV=%s, beside the other two: %v\n%s", target, ids[i], err, outs[i])
			}
		}
		return outs
	}

	suffix := regexp.MustCompile(`(?m)^\s+name_suffix = "([a-z0-9]+)"$`)
	seen, suffixes := map[string]string{}, make([]string, len(ids))
	for i, out := range all("deploy") {
		m := suffix.FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("%s: the deploy printed no name_suffix:\n%s", ids[i], out)
		}
		if other, dup := seen[m[1]]; dup {
			t.Errorf("%s and %s share the suffix %s", other, ids[i], m[1])
		}
		seen[m[1]], suffixes[i] = ids[i], m[1]
	}
	for i, out := range all("destroy") {
		left := regexp.MustCompile(`nothing of this copy \(suffix [^)]*\b` + suffixes[i] + `\b[^)]*\) is left in the account`)
		if !strings.Contains(out, ids[i]+" is destroyed") || !left.MatchString(out) {
			t.Errorf("%s: destroy must say it is destroyed and that nothing with suffix %s is left:\n%s", ids[i], suffixes[i], out)
		}
	}
	if !srv.Alive() {
		t.Error("a destroy stopped the emulator the user started")
	}
	procs, temps, _, _ := s.footprint(tmp)
	if len(procs) > 0 || len(temps) > 0 {
		t.Errorf("processes %v and temporary files %v are left", procs, temps)
	}
}
