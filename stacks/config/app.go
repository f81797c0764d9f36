package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/platform-team/webstack/field"
)

// App is the application the web instances run.
type App struct {
	// UserData names a script ("#!") or cloud-init file ("#cloud-config")
	// in the repository, relative to its root (the directory holding
	// cdktf.json): it replaces the default bootstrap and is embedded in the
	// launch template at synth, so the synthesized configuration refers to no
	// file. It must serve health_check.path on app_port. Default: "" — the
	// bootstrap, which serves the health check and a page.
	UserData string `json:"user_data"`

	// script is the file's content, read when the environment is loaded.
	script *string
}

// userDataKey is app.user_data's path.
var userDataKey = field.NewPath("app", "user_data")

// Script is the content of the file UserData names, as Parse read it: nil
// when UserData is empty, or when the configuration was not made by Parse.
func (a App) Script() *string { return a.script }

// MaxUserDataBytes is the most user data EC2 takes (MaxUserDataBytes;
// a test keeps them equal): a larger file is refused unread.
const MaxUserDataBytes = 16384

// ProjectRoot is the root of the repository an environment file belongs to:
// the nearest directory at or above the file's that holds cdktf.json, or
// the file's own directory when none does. Files an environment names are
// relative to it and must stay inside it.
func ProjectRoot(envFile string) string {
	dir, err := filepath.Abs(filepath.Dir(envFile))
	if err != nil {
		return filepath.Dir(envFile)
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "cdktf.json")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return dir
		}
	}
}

// readApp reads the file app.user_data names, relative to root, into the
// configuration. What the content must be (a script or cloud-config, UTF-8,
// within EC2's size limit) is the web tier's check; this one is about the
// file: a path inside the repository, to a regular file that exists.
func (c *Config) readApp(root string) Problems {
	name := c.App.UserData
	if name == "" {
		return nil
	}
	bad := func(kind field.Kind, msg string) Problems {
		return Problems{{Field: userDataKey, Value: name, Kind: kind, Msg: msg}}
	}
	if filepath.IsAbs(name) || !filepath.IsLocal(filepath.FromSlash(name)) {
		return bad(field.Invalid, "must be a path relative to the repository root, inside it (e.g. apps/web/user-data.sh)")
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return bad(field.Invalid, fmt.Sprintf("the repository root %s cannot be read: %v", root, err))
	}
	path, err := filepath.EvalSymlinks(filepath.Join(realRoot, filepath.FromSlash(name)))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return bad(field.NotFound, fmt.Sprintf("no such file in the repository (%s)", root))
	case err != nil:
		return bad(field.Invalid, err.Error())
	}
	if rel, err := filepath.Rel(realRoot, path); err != nil || !filepath.IsLocal(rel) {
		return bad(field.Invalid, "links to a file outside the repository; the application must be part of it")
	}
	info, err := os.Stat(path)
	if err != nil {
		return bad(field.Invalid, err.Error())
	}
	if !info.Mode().IsRegular() {
		return bad(field.Invalid, "is not a regular file")
	}
	if info.Size() > MaxUserDataBytes {
		return bad(field.TooLong, fmt.Sprintf("is %d bytes; EC2 takes at most %d bytes of user data", info.Size(), MaxUserDataBytes))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return bad(field.Invalid, err.Error())
	}
	script := string(data)
	c.App.script = &script
	return nil
}
