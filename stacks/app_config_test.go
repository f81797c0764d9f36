package stacks

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/platform-team/webstack/stacks/config"

	"github.com/platform-team/webstack/field"
)

// app.user_data names a file of the repository, read at load: a missing,
// escaping, linked-out, oversized or unrunnable one is refused naming the
// key, and a good one is carried inline.
func TestAppUserDataIsReadFromTheRepository(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	write := func(dir, name, body string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(root, "cdktf.json", "{}")
	write(root, "apps/web.sh", "#!/bin/bash\nexec python3 -m http.server 80\n")
	write(root, "apps/web.yaml", "#cloud-config\nruncmd: [true]\n")
	write(root, "apps/plain.txt", "echo hello\n")
	write(root, "apps/big.sh", "#!/bin/bash\n"+strings.Repeat("#", 16384))
	write(root, "apps/latin1.sh", "#!/bin/bash\necho caf\xe9\n")
	write(outside, "secret.sh", "#!/bin/bash\n")
	if err := os.Symlink(filepath.Join(outside, "secret.sh"), filepath.Join(root, "apps", "link.sh")); err != nil {
		t.Fatal(err)
	}
	envFile := filepath.Join(root, "environments", "dev.json")

	for _, tc := range []struct {
		path string
		kind field.Kind // "" for accepted
	}{
		{"apps/web.sh", ""},
		{"apps/web.yaml", ""},
		{"apps/missing.sh", field.NotFound},
		{"../" + filepath.Base(outside) + "/secret.sh", field.Invalid},
		{filepath.Join(outside, "secret.sh"), field.Invalid},
		{"apps/link.sh", field.Invalid},
		{"apps", field.Invalid},
		{"apps/big.sh", field.TooLong},
		{"apps/plain.txt", field.Invalid},
		{"apps/latin1.sh", field.Invalid},
	} {
		body := `{"app": {"user_data": "` + tc.path + `"}}`
		env, ps := Parse(envFile, []byte(body))
		if tc.kind == "" {
			if len(ps) != 0 {
				t.Errorf("%s: refused: %v", tc.path, ps)
			} else if env.Config.App.Script() == nil || !strings.HasPrefix(*env.Config.App.Script(), "#") {
				t.Errorf("%s: accepted but not read", tc.path)
			}
			continue
		}
		if len(ps) != 1 || ps[0].Field.String() != "app.user_data" || ps[0].Kind != tc.kind {
			t.Errorf("%s: want one %s problem on app.user_data, got %v", tc.path, tc.kind, ps)
		}
	}
}

// The root is the nearest directory holding cdktf.json, whatever the
// working directory: the shipped variants find the example application.
func TestProjectRoot(t *testing.T) {
	wd, _ := os.Getwd()
	root := filepath.Dir(wd)
	for _, f := range []string{"../environments/dev.json", "../testdata/variants/app.json"} {
		if got := config.ProjectRoot(f); got != root {
			t.Errorf("ProjectRoot(%s) = %s; want %s", f, got, root)
		}
	}
	dir := t.TempDir()
	if got := config.ProjectRoot(filepath.Join(dir, "x.json")); got != dir {
		t.Errorf("without cdktf.json, the root is the file's directory: got %s, want %s", got, dir)
	}
}
