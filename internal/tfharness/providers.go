// Package tfharness runs Terraform for this project: it finds the provider
// plugins this machine can install, writes a Terraform CLI configuration of
// its own (the user's is never read or changed), and drives init, validate,
// plan, apply and destroy through terraform-exec.
package tfharness

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/platform-team/webstack/internal/standin/random"
)

// MirrorEnv names extra filesystem mirrors (os.PathListSeparator-separated)
// searched before the default ones.
const MirrorEnv = "WEBSTACK_PROVIDER_MIRROR"

// defaultMirrors are searched after MirrorEnv: Terraform's own implied local
// mirror directories on Linux, and /opt/tf-plugins, where this project's CI
// machines keep the AWS provider.
func defaultMirrors() []string {
	dirs := []string{}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, ".terraform.d", "plugins"))
		data := os.Getenv("XDG_DATA_HOME")
		if data == "" {
			data = filepath.Join(home, ".local", "share")
		}
		dirs = append(dirs, filepath.Join(data, "terraform", "plugins"))
	}
	return append(dirs, "/usr/local/share/terraform/plugins", "/usr/share/terraform/plugins", "/opt/tf-plugins")
}

// Providers is how Terraform installs plugins for this project.
type Providers struct {
	// CLIConfigFile is the Terraform CLI configuration to point
	// TF_CLI_CONFIG_FILE at.
	CLIConfigFile string
	// Mirrors maps each mirror directory used to the provider addresses it serves.
	Mirrors map[string][]string
	// StandInRandom says whether hashicorp/random is the project's stand-in.
	StandInRandom bool
}

// Notes describes the setup in a few lines, for logs.
func (p *Providers) Notes() []string {
	var notes []string
	dirs := make([]string, 0, len(p.Mirrors))
	for d := range p.Mirrors {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, d := range dirs {
		notes = append(notes, fmt.Sprintf("providers from mirror %s: %s", Display(d), strings.Join(p.Mirrors[d], ", ")))
	}
	if p.StandInRandom {
		notes = append(notes, "hashicorp/random: no real provider is installable here (no mirror holds it and "+
			"registry.terraform.io is unreachable), so the project's stand-in (internal/standin/random, version "+
			random.Version+") serves random_string")
	}
	return notes
}

// SetupProviders writes a CLI configuration in workDir that installs every
// provider found in a filesystem mirror from that mirror and everything else
// from its registry; when no real hashicorp/random can be had, it builds the
// stand-in into workDir and installs it from there. moduleRoot is this
// project's root (for building the stand-in).
func SetupProviders(ctx context.Context, workDir, moduleRoot string) (*Providers, error) {
	workDir, err := filepath.Abs(workDir) // Terraform reads the file from other directories
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(workDir, 0o755); err != nil {
		return nil, err
	}
	p := &Providers{Mirrors: map[string][]string{}}
	var dirs []string
	if extra := os.Getenv(MirrorEnv); extra != "" {
		dirs = append(dirs, filepath.SplitList(extra)...)
	}
	dirs = append(dirs, defaultMirrors()...)
	claimed := map[string]bool{}
	for _, d := range dirs {
		if abs, err := filepath.Abs(d); err == nil {
			d = abs
		}
		for _, addr := range mirrored(d) {
			if !claimed[addr] { // the first mirror holding a provider serves it
				claimed[addr] = true
				p.Mirrors[d] = append(p.Mirrors[d], addr)
			}
		}
	}
	if !claimed[random.Address] && !registryReachable(ctx) {
		mirror := filepath.Join(workDir, "standin-mirror")
		if err := BuildStandIn(ctx, moduleRoot, mirror); err != nil {
			return nil, err
		}
		p.Mirrors[mirror] = []string{random.Address}
		claimed[random.Address] = true
		p.StandInRandom = true
	}
	p.CLIConfigFile = filepath.Join(workDir, "terraform.rc")
	// Deploys of different environments share the file: replace it whole.
	tmp, err := os.CreateTemp(workDir, ".terraform.rc-")
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(cliConfig(p.Mirrors)); err != nil {
		tmp.Close()
		return nil, err
	}
	if err := tmp.Close(); err != nil {
		return nil, err
	}
	return p, os.Rename(tmp.Name(), p.CLIConfigFile)
}

// cliConfig renders the provider_installation block.
func cliConfig(mirrors map[string][]string) string {
	var b strings.Builder
	b.WriteString("# Written by webstack's Terraform harness; regenerated on every run.\nprovider_installation {\n")
	dirs := make([]string, 0, len(mirrors))
	for d := range mirrors {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	var all []string
	for _, d := range dirs {
		fmt.Fprintf(&b, "  filesystem_mirror {\n    path    = %q\n    include = [%s]\n  }\n", d, quoted(mirrors[d]))
		all = append(all, mirrors[d]...)
	}
	if len(all) > 0 {
		fmt.Fprintf(&b, "  direct {\n    exclude = [%s]\n  }\n", quoted(all))
	} else {
		b.WriteString("  direct {}\n")
	}
	b.WriteString("}\n")
	return b.String()
}

func quoted(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// mirrored lists the provider addresses a filesystem mirror holds for this
// platform, in either layout: unpacked (host/ns/type/version/os_arch/) or
// packed (host/ns/type/terraform-provider-type_version_os_arch.zip).
func mirrored(dir string) []string {
	platform := runtime.GOOS + "_" + runtime.GOARCH
	var out []string
	types, _ := filepath.Glob(filepath.Join(dir, "*", "*", "*"))
	for _, t := range types {
		unpacked, _ := filepath.Glob(filepath.Join(t, "*", platform))
		packed, _ := filepath.Glob(filepath.Join(t, "terraform-provider-*_"+platform+".zip"))
		if len(unpacked)+len(packed) == 0 {
			continue
		}
		rel, _ := filepath.Rel(dir, t)
		out = append(out, filepath.ToSlash(rel))
	}
	return out
}

// registryReachable says whether the public registry answers within a few seconds.
func registryReachable(ctx context.Context) bool {
	ctx, cancel := context.WithTimeout(ctx, 4*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://registry.terraform.io/.well-known/terraform.json", nil)
	if err != nil {
		return false
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// BuildStandIn compiles the stand-in random provider into mirror (unpacked
// layout), or links the build of the same sources from the user's cache
// directory (standincache.go). The build is reproducible (-trimpath), so a
// rebuild from the same source gives the same bytes, and then the installed
// file is left alone.
// It builds outside the package directory and lands by rename: Terraform
// hashes that directory whole (the lock file's h1: checksum), so a temporary
// file in it while another deploy runs `terraform init` would give that
// deploy a package no lock file matches.
func BuildStandIn(ctx context.Context, moduleRoot, mirror string) error {
	dir := filepath.Join(mirror, "registry.terraform.io", "hashicorp", "random", random.Version, runtime.GOOS+"_"+runtime.GOARCH)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	scratch, err := os.MkdirTemp(mirror, ".build-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(scratch)
	built := filepath.Join(scratch, "provider")
	cache := standInCacheDir()
	key, err := standInKey(ctx, moduleRoot)
	if err != nil {
		cache = "" // what the build reads is unknown: build, and keep nothing
	}
	if !fromStandInCache(cache, key, built) {
		args := append(append([]string{"build"}, standInBuildFlags...), "-o", built, standInPackage)
		cmd := exec.CommandContext(ctx, "go", args...)
		cmd.Dir = moduleRoot
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("building the stand-in random provider: %v\n%s", err, out)
		}
		standInBuilds.Add(1)
		intoStandInCache(cache, key, built)
	}
	target := filepath.Join(dir, "terraform-provider-random_v"+random.Version)
	if same, _ := sameContent(built, target); same {
		return nil
	}
	return os.Rename(built, target)
}

// sameContent says whether files a and b hold the same bytes.
func sameContent(a, b string) (bool, error) {
	x, err := os.ReadFile(a)
	if err != nil {
		return false, err
	}
	y, err := os.ReadFile(b)
	if err != nil {
		return false, err
	}
	return bytes.Equal(x, y), nil
}

// Display is path as a message shows it: relative to the working directory
// (the repository root, where make runs) when it lies below it.
func Display(path string) string {
	wd, err := os.Getwd()
	if err != nil || !filepath.IsAbs(path) {
		return path
	}
	if rel, err := filepath.Rel(wd, path); err == nil && filepath.IsLocal(rel) {
		return rel
	}
	return path
}

// ModuleRoot returns the directory of this project's go.mod.
func ModuleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", fmt.Errorf("not inside the webstack module")
	}
	return filepath.Dir(mod), nil
}

// Setup is what every Terraform run of this project starts with: Terraform
// on PATH (>= 1.10), and the providers prepared in workDir for this
// module (SetupProviders). It returns Terraform's path and the providers.
func Setup(ctx context.Context, workDir string) (string, *Providers, error) {
	tf, err := FindTerraform(ctx)
	if err != nil {
		return "", nil, err
	}
	root, err := ModuleRoot()
	if err != nil {
		return "", nil, err
	}
	providers, err := SetupProviders(ctx, workDir, root)
	return tf, providers, err
}
