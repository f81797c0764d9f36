package tfharness

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
)

// terraform init costs every make deploy and make destroy about 1.5 s of CPU,
// most of it hashing the AWS provider's 700 MB package against the lock
// file, though between two runs of one stack nothing it reads has usually
// changed. After an init succeeds, Init records a digest of everything init
// reads and writes (initMarker, in Terraform's data directory); the next
// Init whose digest is the same skips the command. Anything changed — the
// configuration, the lock file, the CLI configuration, Terraform's
// settings or binary, the versions a mirror offers, an installed provider's
// files, the backend's record —
// means a real init, and so does a data directory deleted or a digest that
// cannot be taken.

// initMarker is the file, in Terraform's data directory, that holds the
// digest of the last successful init.
const initMarker = "webstack-init"

// InitSkippedNote is what Init writes to the workspace's log when it reuses
// the last init.
const InitSkippedNote = "webstack: terraform init skipped: nothing it reads has changed since the last init"

// dataDirPath is Terraform's data directory for the workspace.
func (w *Workspace) dataDirPath() string {
	if w.dataDir != "" {
		return w.dataDir
	}
	return filepath.Join(w.Dir, ".terraform")
}

// initDigest is a digest of what terraform init reads and writes for the
// workspace (see above), or an error when it cannot be taken.
func (w *Workspace) initDigest(backend bool) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "backend=%v\n", backend)
	if err := statInto(h, w.tf.ExecPath()); err != nil {
		return "", err
	}
	var settings []string
	for _, kv := range w.env {
		if strings.HasPrefix(kv, "TF_") {
			settings = append(settings, kv)
		}
	}
	sort.Strings(settings)
	for _, kv := range settings {
		fmt.Fprintf(h, "env %s\n", kv)
		if k, v, _ := strings.Cut(kv, "="); k == "TF_CLI_CONFIG_FILE" {
			if err := contentInto(h, v, v); err != nil {
				return "", err
			}
		}
	}
	// The versions the mirrors offer: init -upgrade takes the newest that fits.
	for _, m := range w.mirrors {
		versions, _ := filepath.Glob(filepath.Join(m, "*", "*", "*", "*"))
		fmt.Fprintf(h, "mirror %s %q\n", m, versions)
	}
	// The configuration and the lock file: every file of the directory
	// Terraform reads (init takes the backend, providers and modules from
	// them).
	entries, err := os.ReadDir(w.Dir)
	if err != nil {
		return "", err
	}
	for _, e := range entries {
		n := e.Name()
		if e.Type().IsRegular() && (strings.HasSuffix(n, ".tf") || strings.HasSuffix(n, ".tf.json") || n == ".terraform.lock.hcl") {
			if err := contentInto(h, n, filepath.Join(w.Dir, n)); err != nil {
				return "", err
			}
		}
	}
	// What init left in the data directory: the backend's record and each
	// installed provider's files (by size, time and inode: hashing them is
	// the cost this saves; a changed provider is a new file).
	data := w.dataDirPath()
	record := filepath.Join(data, "terraform.tfstate")
	if err := contentInto(h, record, record); err != nil && !os.IsNotExist(err) {
		return "", err
	}
	providers := filepath.Join(data, "providers")
	if _, err := os.Stat(providers); err != nil {
		return "", err
	}
	err = filepath.WalkDir(providers, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink == 0 {
			return nil
		}
		// An installed package is a link to the mirror's directory.
		to, err := filepath.EvalSymlinks(path)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "package %s -> %s\n", strings.TrimPrefix(path, providers), to)
		files, err := os.ReadDir(to)
		if err != nil {
			return err
		}
		for _, f := range files {
			if err := statInto(h, filepath.Join(to, f.Name())); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// initUnchanged says whether the last successful init's digest is digest.
func (w *Workspace) initUnchanged(digest string) bool {
	last, err := os.ReadFile(filepath.Join(w.dataDirPath(), initMarker))
	return err == nil && strings.TrimSpace(string(last)) == digest
}

// recordInit keeps the digest of the init that just succeeded.
func (w *Workspace) recordInit(backend bool) {
	if digest, err := w.initDigest(backend); err == nil {
		os.WriteFile(filepath.Join(w.dataDirPath(), initMarker), []byte(digest+"\n"), 0o644)
	}
}

// contentInto adds the file at path's bytes to h, under label (its name or
// path, as the digest needs).
func contentInto(h io.Writer, label, path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	fmt.Fprintf(h, "file %s %d\n", label, len(b))
	h.Write(b)
	return nil
}

// statInto adds the file's name, size, modification time and inode.
func statInto(h io.Writer, path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	fmt.Fprintf(h, "stat %s %d %d %v\n", path, fi.Size(), fi.ModTime().UnixNano(), inode(fi))
	return nil
}

// inode is the file's inode number, where the platform has one.
func inode(fi fs.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return st.Ino
	}
	return 0
}
