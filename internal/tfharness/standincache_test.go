package tfharness

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/platform-team/webstack/internal/standin/random"
)

// The second install of the same sources links the first build from the
// cache: no go build, the same bytes.
func TestBuildStandInLinksTheCachedBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the stand-in provider")
	}
	root, err := ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv(StandInCacheEnv, t.TempDir())
	installed := func(mirror string) []byte {
		t.Helper()
		if err := BuildStandIn(t.Context(), root, mirror); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(mirror, "registry.terraform.io", "hashicorp", "random", random.Version,
			runtime.GOOS+"_"+runtime.GOARCH, "terraform-provider-random_v"+random.Version))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	before := standInBuilds.Load()
	first := installed(t.TempDir())
	if got := standInBuilds.Load() - before; got != 1 {
		t.Fatalf("the first install ran %d builds; want 1", got)
	}
	second := installed(t.TempDir())
	if got := standInBuilds.Load() - before; got != 1 {
		t.Errorf("the second install of the same sources built again (%d builds)", got)
	}
	if !bytes.Equal(first, second) {
		t.Error("the cached stand-in differs from the one built")
	}
	entries, _ := os.ReadDir(standInCacheDir())
	if len(entries) != 1 {
		t.Fatalf("the cache holds %d entries; want the one build", len(entries))
	}

	// An entry changed in the cache is dropped and built again, not installed.
	entry := filepath.Join(standInCacheDir(), entries[0].Name())
	os.Remove(entry) // the installed copies are links to it: write a new file
	if err := os.WriteFile(entry, append(first[:len(first):len(first)], 0), 0o755); err != nil {
		t.Fatal(err)
	}
	if third := installed(t.TempDir()); !bytes.Equal(third, first) {
		t.Error("a changed cache entry was installed")
	}
	if got := standInBuilds.Load() - before; got != 2 {
		t.Errorf("a changed cache entry was not built again (%d builds)", got)
	}
	if again, _ := os.ReadDir(standInCacheDir()); len(again) != 1 || again[0].Name() != entries[0].Name() {
		t.Errorf("after the rebuild the cache holds %v; want the intact entry", again)
	}

	t.Setenv(StandInCacheEnv, "off")
	installed(t.TempDir())
	if got := standInBuilds.Load() - before; got != 3 {
		t.Errorf("WEBSTACK_STANDIN_CACHE=off did not build (%d builds)", got)
	}
}

// The key changes with every source file of the stand-in and with the Go
// settings, and with nothing else.
func TestStandInKeyFollowsWhatTheBuildReads(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	root, err := ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	// A copy of the module holding only what the stand-in builds from.
	mod := t.TempDir()
	for _, f := range []string{"go.mod", "go.sum"} {
		copyFile(t, filepath.Join(root, f), filepath.Join(mod, f))
	}
	for _, d := range []string{"cmd/standin-random", "internal/standin/random"} {
		files, _ := filepath.Glob(filepath.Join(root, d, "*.go"))
		for _, f := range files {
			copyFile(t, f, filepath.Join(mod, d, filepath.Base(f)))
		}
	}
	key := func() string {
		t.Helper()
		k, err := standInKey(t.Context(), mod)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	base := key()
	if again := key(); again != base {
		t.Fatalf("the key of unchanged sources changed: %s, then %s", base, again)
	}
	if real, err := standInKey(t.Context(), root); err != nil || real != base {
		t.Errorf("the module's own key %s (%v) differs from its copy's %s: the key depends on where it is", real, err, base)
	}

	provider := filepath.Join(mod, "internal", "standin", "random", "provider.go")
	src, err := os.ReadFile(provider)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(provider, append(src, []byte("\n// changed\n")...), 0o644)
	if key() == base {
		t.Error("a changed source file of a package the stand-in imports left the key as it was")
	}
	os.WriteFile(provider, src, 0o644)
	main := filepath.Join(mod, "cmd", "standin-random", "main.go")
	mainSrc, _ := os.ReadFile(main)
	os.WriteFile(main, append(mainSrc, []byte("\n// changed\n")...), 0o644)
	if key() == base {
		t.Error("a changed main package left the key as it was")
	}
	os.WriteFile(main, mainSrc, 0o644)
	if key() != base {
		t.Error("the sources restored, the key is not the first one")
	}
	t.Setenv("GOFLAGS", "-tags=webstack_key_test")
	if key() == base {
		t.Error("other Go build settings (GOFLAGS) left the key as it was")
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
