package synth

import (
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/platform-team/webstack/stacks/config"
)

// recordFile, in the out dir, says what the last synth into it was made from
// (its key) and what it wrote (each file's digest).
const recordFile = ".webstack-synth.json"

// record is recordFile's content.
type record struct {
	Key   string            `json:"key"`
	Files map[string]string `json:"files"` // path below the out dir → sha256
}

// volatileEnv are variables that change between runs of one command without
// changing what synth writes: the shell's and make's bookkeeping, and where
// temporary files go.
var volatileEnv = []string{"_", "OLDPWD", "PWD", "SHLVL", "MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKE_TERMOUT",
	"MAKE_TERMERR", "TERM", "COLUMNS", "LINES", "SSH_CLIENT", "SSH_CONNECTION", "SSH_TTY", "WINDOWID", "DISPLAY", "TMPDIR"}

// Key is what a synth with opts is made from: the app (appID, its build id),
// the options, every environment file and every file one names, and every
// environment variable (but volatileEnv). Two synths with one key write the
// same files. It fails when the environment files cannot be read, which a
// synth then reports.
func Key(opts Options, appID string) (string, error) {
	if appID == "" {
		return "", errors.New("no app identity")
	}
	h := sha256.New()
	field := func(name string, value []byte) {
		fmt.Fprintf(h, "%s %d\n", name, len(value))
		h.Write(value)
	}
	field("app", []byte(appID))
	abs := func(p string) string {
		if p == "" {
			return ""
		}
		a, err := filepath.Abs(p)
		if err != nil {
			return p
		}
		return a
	}
	field("outdir", []byte(abs(opts.Outdir)))
	field("statedir", []byte(abs(opts.StateDir)))
	field("hcl", []byte(fmt.Sprint(opts.HCL, opts.KeepPolicyViolations)))
	field("only", []byte(strings.Join(opts.Only, ",")))
	if opts.ProviderLock != "" {
		data, err := os.ReadFile(opts.ProviderLock)
		if err != nil {
			return "", err
		}
		field("lock "+abs(opts.ProviderLock), data)
	}
	files, err := envFiles(opts)
	if err != nil {
		return "", err
	}
	if len(opts.Files) == 0 {
		field("envdir", []byte(abs(opts.EnvDir)))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		field("env "+abs(f), data)
	}
	// The files environments name (app.user_data), as read.
	envs, err := config.LoadFiles(files)
	if err != nil {
		return "", err
	}
	for _, e := range envs {
		if s := e.Config.App.Script(); s != nil {
			field("app.user_data "+e.ID, []byte(*s))
		}
	}
	vars := os.Environ()
	sort.Strings(vars)
	for _, kv := range vars {
		if k, _, _ := strings.Cut(kv, "="); !slices.Contains(volatileEnv, k) {
			field("env-var", []byte(kv))
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Reuse says whether the out dir holds, complete and unchanged, what the
// last synth wrote with the same key: then synthesizing again would write
// the same files, and the caller can skip it. The state links are made again
// (they are cheap and outside the out dir's files). Anything missing,
// changed, or unreadable means no.
func Reuse(opts Options, key string) bool {
	_, ok := reuse(opts, key)
	return ok
}

// reuse is Reuse, returning the environments it loaded to redo the state
// links, so SynthOrReuse need not load them again.
func reuse(opts Options, key string) ([]config.Environment, bool) {
	data, err := os.ReadFile(filepath.Join(opts.Outdir, recordFile))
	if err != nil {
		return nil, false
	}
	var r record
	if json.Unmarshal(data, &r) != nil || r.Key != key || len(r.Files) == 0 {
		return nil, false
	}
	for path, sum := range r.Files {
		if got, err := digest(filepath.Join(opts.Outdir, path)); err != nil || got != sum {
			return nil, false
		}
	}
	// A stack directory that holds the other format too is not what synth left.
	for path := range r.Files {
		if other := otherFormat(filepath.Base(path)); other != "" {
			if _, err := os.Stat(filepath.Join(opts.Outdir, filepath.Dir(path), other)); err == nil {
				return nil, false
			}
		}
	}
	// What synth does after publishing, it does again: it is cheap, and
	// Terraform may have changed the lock file since.
	envs, err := loadEnvs(opts)
	if err != nil {
		return nil, false
	}
	for _, env := range envs {
		dir := filepath.Join(opts.Outdir, "stacks", env.ID)
		if opts.ProviderLock != "" && seedLockFile(opts.ProviderLock, dir) != nil {
			return nil, false
		}
		if opts.StateDir != "" && keepState(dir, opts.StateDir, env, io.Discard) != nil {
			return nil, false
		}
	}
	return envs, true
}

// Remember records, after a synth with key, what it wrote into the out dir:
// the synthesized files of the stacks envs and the manifest. It writes the
// record last, and atomically, so a synth interrupted before it leaves none.
func Remember(opts Options, key string, envs []config.Environment) error {
	r := record{Key: key, Files: map[string]string{}}
	add := func(rel string) error {
		sum, err := digest(filepath.Join(opts.Outdir, rel))
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		r.Files[rel] = sum
		return nil
	}
	if err := add("manifest.json"); err != nil {
		return err
	}
	for _, env := range envs {
		for _, name := range []string{jsonFile, hclFile} {
			if err := add(filepath.Join("stacks", env.ID, name)); err != nil {
				return err
			}
		}
	}
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(opts.Outdir, recordFile+".tmp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(opts.Outdir, recordFile))
}

// Forget removes the record: the out dir is about to change.
func Forget(outdir string) { os.Remove(filepath.Join(outdir, recordFile)) }

func digest(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// loadEnvs reads opts' environment files without the parts' checks (no
// jsii): what Reuse needs to link state.
func loadEnvs(opts Options) ([]config.Environment, error) {
	files, err := envFiles(opts)
	if err != nil {
		return nil, err
	}
	envs, err := config.LoadFiles(files)
	if err != nil || len(opts.Only) == 0 {
		return envs, err
	}
	var picked []config.Environment
	for _, e := range envs {
		if slices.Contains(opts.Only, e.ID) {
			picked = append(picked, e)
		}
	}
	return picked, nil
}

// envFiles are the environment files opts synthesizes, sorted: Files, or
// every *.json in EnvDir (as LoadDir reads them).
func envFiles(opts Options) ([]string, error) {
	files := slices.Clone(opts.Files)
	if len(files) == 0 {
		var err error
		if files, err = filepath.Glob(filepath.Join(opts.EnvDir, "*.json")); err != nil {
			return nil, err
		}
	}
	sort.Strings(files)
	return files, nil
}

// CacheVar set to "off" makes SynthOrReuse synthesize every time.
const CacheVar = "WEBSTACK_SYNTH_CACHE"

// SynthOrReuse is Synth, unless the out dir holds what a synth with the same
// key (Key, with the running program's AppID) wrote and nothing changed it
// (Reuse): then it only loads the environments, without starting the jsii
// runtime, and reused says so. cdktf diff and deploy, and make deploy and
// destroy, synthesize on every run, though most runs change nothing.
func SynthOrReuse(opts Options) (envs []config.Environment, reused bool, err error) {
	key, keyErr := Key(opts, AppID())
	if os.Getenv(CacheVar) == "off" {
		keyErr = errors.New(CacheVar + "=off")
	}
	if keyErr == nil {
		if envs, ok := reuse(opts, key); ok {
			return envs, true, nil
		}
	}
	envs, err = Synth(opts)
	if err == nil && keyErr == nil {
		if err := Remember(opts, key, envs); err != nil && opts.Log != nil {
			fmt.Fprintln(opts.Log, "webstack: the next synth will not know this one:", err)
		}
	}
	return envs, false, err
}

// AppID identifies the running program's build: its Go build id, which
// changes with any change to its code or its dependencies ("" when it
// cannot be read, and then nothing is reused).
func AppID() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := elf.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	if s := f.Section(".note.go.buildid"); s != nil {
		if data, err := s.Data(); err == nil && len(data) > 16 {
			return string(data)
		}
	}
	return ""
}
