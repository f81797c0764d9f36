package tfharness

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
