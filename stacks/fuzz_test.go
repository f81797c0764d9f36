package stacks

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/platform-team/webstack/field"
)

// fileKinds are the problems that concern a file as a whole, not one key.
var fileKinds = map[field.Kind]bool{KindSyntax: true, KindEncoding: true, KindFileName: true}

// FuzzParse feeds arbitrary bytes to the environment-file loader. Whatever
// the input, it must not panic, and either every problem names the file and a
// key (or is about the file as a whole: syntax, encoding) and says what is
// allowed, or the configuration synthesizes and passes the security policy.
// The seeds (the shipped files, the bad-file table and testdata/fuzz) run with
// every `go test`; `make fuzz` explores further for a bounded time.
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"../environments/*.json", "../testdata/variants/https-acm.json"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	for _, tc := range badFiles {
		f.Add([]byte(tc.body))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const path = "environments/fuzz.json"
		env, problems := Parse(path, data)
		for _, p := range problems {
			if p.File != path || p.Msg == "" || p.Kind == "" || (p.Field == "" && !fileKinds[p.Kind]) {
				t.Fatalf("a problem must name the file, a key (or be about the whole file), its kind and what is allowed: %#v", p)
			}
		}
		if len(problems) > 0 {
			return
		}
		dir, out := t.TempDir(), t.TempDir()
		file := filepath.Join(dir, "fuzz.json")
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Synth(SynthOptions{Files: []string{file}, Outdir: out, Log: &bytes.Buffer{}})
		var violations PolicyViolations
		switch {
		case errors.As(err, &violations) && env.Config.Policy.Suppressions == nil:
			t.Fatalf("a valid configuration breaks the policy: %v\n%s", err, data)
		case errors.As(err, &violations):
			// suppressions in the input may not cover what it weakened; the
			// policy then refuses it, which is the contract
		case err != nil:
			t.Fatalf("a valid configuration does not synthesize: %v\n%s", err, data)
		}
	})
}
