package stacks

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/platform-team/webstack/field"
	"github.com/platform-team/webstack/policy"
	"github.com/platform-team/webstack/stacks/config"
)

// fileKinds are the problems that concern a file as a whole, not one key.
var fileKinds = map[field.Kind]bool{config.KindSyntax: true, config.KindEncoding: true, config.KindFileName: true}

// FuzzParse feeds arbitrary bytes to the environment-file loader. Whatever
// the input, it must not panic, and either every problem names the file and a
// key (or is about the file as a whole: syntax, encoding) and says what is
// allowed, or the configuration synthesizes, passes the security policy and
// builds only names AWS takes.
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
			if p.File != path || p.Msg == "" || p.Kind == "" || (p.Field.IsRoot() && !fileKinds[p.Kind]) {
				t.Fatalf("a problem must name the file, a key (or be about the whole file), its kind and what is allowed: %#v", p)
			}
		}
		if len(problems) > 0 {
			return
		}
		out := t.TempDir()
		if err := Synthesize(out, []config.Environment{env}); err != nil {
			t.Fatalf("a valid configuration does not synthesize: %v\n%s", err, data)
		}
		synthesized, err := os.ReadFile(filepath.Join(out, "stacks", env.ID, "cdk.tf.json"))
		if err != nil {
			t.Fatal(err)
		}
		rep, err := PolicyReport(env, synthesized)
		if err != nil {
			t.Fatal(err)
		}
		stack, err := policy.ParseStack(synthesized)
		if err != nil {
			t.Fatal(err)
		}
		if problems, _ := nameProblems(stack); len(problems) > 0 {
			t.Fatalf("a valid configuration builds names AWS refuses: %v\n%s", problems, data)
		}
		// Suppressions in the input may not cover what it weakened; the
		// policy then refuses it, which is the contract.
		if len(rep.Errors) > 0 && len(env.Config.Policy.Suppressions) == 0 {
			t.Fatalf("a valid configuration breaks the policy: %v\n%s", rep.Errors, data)
		}
	})
}
