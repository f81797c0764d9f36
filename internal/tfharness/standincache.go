package tfharness

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"sync/atomic"
	"time"
)

// Every deploy, review and end-to-end workspace installs the stand-in random
// provider, and `go build -o` relinks it each time (Go caches compiled
// packages, not the binaries it links): 1.6 s of CPU per run. The linked
// binary is kept in the user's cache directory instead, under a key of
// everything the build reads, so a run with the same sources links it from
// there.

// standInBuildFlags are the flags BuildStandIn builds with; they are part of
// the key.
var standInBuildFlags = []string{"-trimpath"}

// standInPackage is the stand-in's main package, relative to the module root.
const standInPackage = "./cmd/standin-random"

// standInBuilds counts the stand-in builds this process ran (for tests).
var standInBuilds atomic.Int64

// standInCacheKeep is how long an entry stays in the cache once a build of
// other sources is stored.
const standInCacheKeep = 14 * 24 * time.Hour

// StandInCacheEnv names the directory built stand-ins are kept in (default:
// webstack/standin-random in the user's cache directory); "off" turns the
// cache off.
const StandInCacheEnv = "WEBSTACK_STANDIN_CACHE"

// standInCacheDir is where built stand-ins are kept, or "" for no cache.
func standInCacheDir() string {
	switch v := os.Getenv(StandInCacheEnv); v {
	case "off":
		return ""
	case "":
	default:
		if abs, err := filepath.Abs(v); err == nil {
			return abs
		}
		return ""
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "webstack", "standin-random")
}

// goEnvIgnored are `go env` variables that name places, not what a
// -trimpath build produces; GOGCCFLAGS holds a new temporary path on every
// call.
var goEnvIgnored = map[string]bool{
	"GOCACHE": true, "GOENV": true, "GOGCCFLAGS": true, "GOMOD": true, "GOMODCACHE": true, "GOPATH": true,
	"GOTELEMETRY": true, "GOTELEMETRYDIR": true, "GOTMPDIR": true, "GOBIN": true,
}

// listedPackage is what `go list -json` says of one package of the build.
type listedPackage struct {
	ImportPath string
	Dir        string
	Standard   bool
	Module     *struct {
		Path    string
		Version string
		Main    bool
		Replace *struct{ Path, Version string }
	}
	GoFiles, CgoFiles, CFiles, HFiles, SFiles, EmbedFiles, SysoFiles []string
}

// standInKey is a digest of everything the stand-in's build reads: the Go
// toolchain and its settings, the build flags, each module dependency by
// version, and the bytes of every source file of the packages that come
// from a directory rather than a module version (this module's own, and
// any replaced by a directory).
func standInKey(ctx context.Context, moduleRoot string) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "flags %q\n", standInBuildFlags)

	envCmd := exec.CommandContext(ctx, "go", "env", "-json")
	envCmd.Dir = moduleRoot
	envOut, err := envCmd.Output()
	if err != nil {
		return "", fmt.Errorf("go env: %w", err)
	}
	var env map[string]string
	if err := json.Unmarshal(envOut, &env); err != nil {
		return "", fmt.Errorf("go env: %w", err)
	}
	names := make([]string, 0, len(env))
	for k := range env {
		if !goEnvIgnored[k] {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	for _, k := range names {
		fmt.Fprintf(h, "env %s=%q\n", k, env[k])
	}

	listCmd := exec.CommandContext(ctx, "go", "list", "-deps",
		"-json=ImportPath,Dir,Standard,Module,GoFiles,CgoFiles,CFiles,HFiles,SFiles,EmbedFiles,SysoFiles", standInPackage)
	listCmd.Dir = moduleRoot
	var stderr bytes.Buffer
	listCmd.Stderr = &stderr
	listOut, err := listCmd.Output()
	if err != nil {
		return "", fmt.Errorf("go list %s: %v\n%s", standInPackage, err, stderr.Bytes())
	}
	dec := json.NewDecoder(bytes.NewReader(listOut))
	for {
		var p listedPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return "", fmt.Errorf("go list %s: %w", standInPackage, err)
		}
		switch m := p.Module; {
		case p.Standard:
			fmt.Fprintf(h, "std %s\n", p.ImportPath)
		case m != nil && !m.Main && m.Version != "" && (m.Replace == nil || m.Replace.Version != ""):
			// A module version's content is fixed by go.sum.
			fmt.Fprintf(h, "pkg %s %s@%s", p.ImportPath, m.Path, m.Version)
			if m.Replace != nil {
				fmt.Fprintf(h, " => %s@%s", m.Replace.Path, m.Replace.Version)
			}
			h.Write([]byte("\n"))
		default:
			if err := hashPackageFiles(h, p); err != nil {
				return "", err
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:32], nil
}

// hashPackageFiles adds the name and bytes of each source file of p.
func hashPackageFiles(h io.Writer, p listedPackage) error {
	fmt.Fprintf(h, "dir %s\n", p.ImportPath)
	for _, group := range [][]string{p.GoFiles, p.CgoFiles, p.CFiles, p.HFiles, p.SFiles, p.EmbedFiles, p.SysoFiles} {
		for _, name := range group {
			// By name, not path: the key must not depend on where the checkout is.
			if err := contentInto(h, name, filepath.Join(p.Dir, name)); err != nil {
				return err
			}
		}
	}
	return nil
}

// An entry is the binary, named by its key and the start of its SHA-256
// (key-sum): a file changed in the cache after it was written no longer
// matches its name and is dropped instead of installed, where Terraform
// would refuse it as a package that matches no lock file.

// fromStandInCache places the cached build of key at dst (a hard link, or a
// copy across file systems) and reports whether there was an intact one.
func fromStandInCache(cacheDir, key, dst string) bool {
	if cacheDir == "" {
		return false
	}
	entries, _ := filepath.Glob(filepath.Join(cacheDir, key+"-*"))
	for _, src := range entries {
		if sum, err := fileSum(src); err != nil || filepath.Base(src) != key+"-"+sum {
			os.Remove(src)
			continue
		}
		if linkOrCopy(src, dst) != nil {
			return false
		}
		// Its times are left alone: the installed stand-in may be this
		// very file (a link), and a changed time would make the next
		// terraform init look necessary (initreuse.go).
		return true
	}
	return false
}

// intoStandInCache keeps the binary at built under key. It lands by rename,
// so a run never links a half-written entry; other entries written more
// than standInCacheKeep ago are removed (a stand-in built from other
// sources, most likely older ones). Failing to cache is not an error: the next
// run builds again.
func intoStandInCache(cacheDir, key, built string) {
	if cacheDir == "" || os.MkdirAll(cacheDir, 0o755) != nil {
		return
	}
	sum, err := fileSum(built)
	if err != nil {
		return
	}
	name := key + "-" + sum
	tmp := filepath.Join(cacheDir, fmt.Sprintf(".%s-%d", name, os.Getpid()))
	if linkOrCopy(built, tmp) != nil {
		return
	}
	if os.Rename(tmp, filepath.Join(cacheDir, name)) != nil {
		os.Remove(tmp)
		return
	}
	entries, _ := os.ReadDir(cacheDir)
	for _, e := range entries {
		if info, err := e.Info(); err == nil && e.Name() != name && time.Since(info.ModTime()) > standInCacheKeep {
			os.Remove(filepath.Join(cacheDir, e.Name()))
		}
	}
}

// fileSum is the start of the SHA-256 of the file at path, in hex.
func fileSum(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// linkOrCopy makes dst a hard link to src, or a copy where src is on
// another file system; on failure nothing is left at dst.
func linkOrCopy(src, dst string) error {
	if os.Link(src, dst) == nil {
		return nil
	}
	if err := copyExecutable(src, dst); err != nil {
		os.Remove(dst)
		return err
	}
	return nil
}

// copyExecutable copies src to a new file dst, mode 0755.
func copyExecutable(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
