package synth

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

// A synth's output is reused only when nothing that reaches it changed: each
// input changed in turn gives another key; an output file changed, removed
// or joined by the other format, a record missing or broken, or a synth
// since, means no reuse.
func TestReuseOnlyWhatNothingChanged(t *testing.T) {
	if testing.Short() {
		t.Skip("synthesizes")
	}
	root := t.TempDir()
	envDir, out, state := filepath.Join(root, "environments"), filepath.Join(root, "out"), filepath.Join(root, "state")
	for _, d := range []string{envDir, filepath.Join(root, "apps")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(t, root, "cdktf.json", `{}`)
	write(t, root, "apps/web.sh", "#!/bin/bash\nexec python3 -m http.server 80\n")
	write(t, envDir, "dev.json", `{"app": {"user_data": "apps/web.sh"}}`)
	lock := filepath.Join(root, "lock.hcl")
	write(t, root, "lock.hcl", "# lock\n")
	opts := Options{EnvDir: envDir, Outdir: out, StateDir: state, ProviderLock: lock, Log: io.Discard}
	envs, err := Synth(opts)
	if err != nil {
		t.Fatal(err)
	}
	key, err := Key(opts, "app-1")
	if err != nil {
		t.Fatal(err)
	}
	if Reuse(opts, key) {
		t.Fatal("reused with no record")
	}
	if err := Remember(opts, key, envs); err != nil {
		t.Fatal(err)
	}
	if !Reuse(opts, key) {
		t.Fatal("not reused although nothing changed")
	}

	// Each input, changed in turn, changes the key.
	changed := map[string]func() (Options, string, func()){
		"the app": func() (Options, string, func()) { return opts, "app-2", func() {} },
		"an environment file": func() (Options, string, func()) {
			write(t, envDir, "dev.json", `{"app": {"user_data": "apps/web.sh"}, "owner": "web"}`)
			return opts, "app-1", func() { write(t, envDir, "dev.json", `{"app": {"user_data": "apps/web.sh"}}`) }
		},
		"a new environment file": func() (Options, string, func()) {
			write(t, envDir, "prod.json", `{}`)
			return opts, "app-1", func() { os.Remove(filepath.Join(envDir, "prod.json")) }
		},
		"the file app.user_data names": func() (Options, string, func()) {
			write(t, root, "apps/web.sh", "#!/bin/bash\nexec python3 -m http.server 8080\n")
			return opts, "app-1", func() { write(t, root, "apps/web.sh", "#!/bin/bash\nexec python3 -m http.server 80\n") }
		},
		"an environment variable": func() (Options, string, func()) {
			os.Setenv("WEBSTACK_TEST_REUSE", "1")
			return opts, "app-1", func() { os.Unsetenv("WEBSTACK_TEST_REUSE") }
		},
		"the provider lock file": func() (Options, string, func()) {
			write(t, root, "lock.hcl", "# another lock\n")
			return opts, "app-1", func() { write(t, root, "lock.hcl", "# lock\n") }
		},
		"HCL output":    func() (Options, string, func()) { o := opts; o.HCL = true; return o, "app-1", func() {} },
		"the state dir": func() (Options, string, func()) { o := opts; o.StateDir = state + "2"; return o, "app-1", func() {} },
		"the out dir":   func() (Options, string, func()) { o := opts; o.Outdir = out + "2"; return o, "app-1", func() {} },
		"the env dir": func() (Options, string, func()) {
			o := opts
			o.EnvDir = envDir + "/."
			o.Files = []string{filepath.Join(envDir, "dev.json")}
			return o, "app-1", func() {}
		},
	}
	for name, change := range changed {
		o, app, undo := change()
		k, err := Key(o, app)
		undo()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if k == key || Reuse(o, k) {
			t.Errorf("changing %s keeps the key", name)
		}
	}
	if k, _ := Key(opts, "app-1"); k != key || !Reuse(opts, key) {
		t.Fatal("the inputs, restored, must give the key again")
	}

	// The output, changed or incomplete, is never reused.
	stackFile := filepath.Join(out, "stacks", "dev", "cdk.tf.json")
	data, _ := os.ReadFile(stackFile)
	broken := map[string]struct{ do, undo func() }{
		"a changed stack": {func() { os.WriteFile(stackFile, append(data[:len(data)-2], '\n'), 0o644) }, func() { os.WriteFile(stackFile, data, 0o644) }},
		"a missing stack": {func() { os.Rename(stackFile, stackFile+".x") }, func() { os.Rename(stackFile+".x", stackFile) }},
		"the other format beside it": {func() { write(t, filepath.Dir(stackFile), "cdk.tf", "") },
			func() { os.Remove(filepath.Join(filepath.Dir(stackFile), "cdk.tf")) }},
		"a broken record": {func() {
			write(t, out, recordFile+".bak", "")
			os.Rename(filepath.Join(out, recordFile), filepath.Join(out, recordFile+".bak"))
			write(t, out, recordFile, `{"key": `)
		},
			func() { os.Rename(filepath.Join(out, recordFile+".bak"), filepath.Join(out, recordFile)) }},
	}
	for name, b := range broken {
		b.do()
		if Reuse(opts, key) {
			t.Errorf("%s is reused", name)
		}
		b.undo()
	}
	if !Reuse(opts, key) {
		t.Fatal("restored output must be reused again")
	}
	// A synth since forgets the record: it may be interrupted half-way.
	if _, err := Synth(opts); err != nil {
		t.Fatal(err)
	}
	if Reuse(opts, key) {
		t.Error("a synth since the record must end reuse until it is remembered")
	}
}
