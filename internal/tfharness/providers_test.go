package tfharness

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/platform-team/webstack/internal/standin/random"
)

func TestMirroredFindsBothLayouts(t *testing.T) {
	dir := t.TempDir()
	unpacked := filepath.Join(dir, "registry.terraform.io", "hashicorp", "aws", "5.100.0", "linux_amd64")
	if err := os.MkdirAll(unpacked, 0o755); err != nil {
		t.Fatal(err)
	}
	packed := filepath.Join(dir, "registry.terraform.io", "hashicorp", "tls")
	os.MkdirAll(packed, 0o755)
	os.WriteFile(filepath.Join(packed, "terraform-provider-tls_4.0.0_linux_amd64.zip"), nil, 0o644)
	other := filepath.Join(dir, "registry.terraform.io", "hashicorp", "null", "3.0.0", "darwin_arm64")
	os.MkdirAll(other, 0o755)

	got := strings.Join(mirrored(dir), ",")
	if got != "registry.terraform.io/hashicorp/aws,registry.terraform.io/hashicorp/tls" {
		t.Errorf("mirrored: %s (a provider for another platform only must not count)", got)
	}
}

func TestCLIConfigInstallsMirroredFromMirrorsOnly(t *testing.T) {
	cfg := cliConfig(map[string][]string{
		"/opt/tf-plugins": {"registry.terraform.io/hashicorp/aws"},
		"/w/standin":      {"registry.terraform.io/hashicorp/random"},
	})
	for _, want := range []string{
		`path    = "/opt/tf-plugins"`, `include = ["registry.terraform.io/hashicorp/aws"]`,
		`path    = "/w/standin"`, `include = ["registry.terraform.io/hashicorp/random"]`,
		`exclude = ["registry.terraform.io/hashicorp/aws", "registry.terraform.io/hashicorp/random"]`,
	} {
		if !strings.Contains(cfg, want) {
			t.Errorf("CLI config lacks %s:\n%s", want, cfg)
		}
	}
	if empty := cliConfig(nil); !strings.Contains(empty, "direct {}") {
		t.Errorf("with no mirror everything comes from registries:\n%s", empty)
	}
}

func TestPrefixLinesWritesWholeLines(t *testing.T) {
	var b strings.Builder
	w := prefixLines(&b, "[x] ")
	w.Write([]byte("one\ntw"))
	w.Write([]byte("o\n\n  \nthree"))
	if got := b.String(); got != "[x] one\n[x] two\n" {
		t.Errorf("got %q", got)
	}
}

// Terraform hashes a provider's package directory whole, so nothing but the
// provider may ever appear in it, even while a concurrent deploy rebuilds the
// stand-in; a rebuild with the same bytes leaves the installed file alone.
func TestBuildStandInNeverLittersThePackage(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the stand-in provider")
	}
	root, err := ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	mirror := t.TempDir()
	if err := BuildStandIn(t.Context(), root, mirror); err != nil {
		t.Fatal(err)
	}
	pkg := filepath.Join(mirror, "registry.terraform.io", "hashicorp", "random", random.Version, runtime.GOOS+"_"+runtime.GOARCH)
	first, err := os.Stat(filepath.Join(pkg, "terraform-provider-random_v"+random.Version))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() { done <- BuildStandIn(t.Context(), root, mirror) }()
	for building := true; building; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			building = false
		default:
			if entries, _ := os.ReadDir(pkg); len(entries) != 1 {
				t.Fatalf("during a rebuild the package directory holds %d entries", len(entries))
			}
		}
	}
	again, _ := os.Stat(filepath.Join(pkg, "terraform-provider-random_v"+random.Version))
	if !os.SameFile(first, again) {
		t.Error("a rebuild with the same bytes replaced the installed provider")
	}
}
