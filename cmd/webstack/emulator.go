package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/platform-team/webstack/internal/emulator"
	"github.com/platform-team/webstack/internal/emutarget"
	"github.com/platform-team/webstack/internal/tfharness"
	"github.com/platform-team/webstack/stacks"
)

// session is the emulator `webstack emulator` starts for the cdktf CLI, and
// the provider setup that lets `cdktf diff|deploy|destroy` run with no registry.
type session struct {
	workRoot string
	out, log io.Writer // out: the export lines (eval'd by the shell); log: notes
}

func (s session) dir() string    { return filepath.Join(s.workRoot, "emulator") }
func (s session) record() string { return filepath.Join(s.dir(), "emulator.json") }
func (s session) lockFile() string {
	return filepath.Join(s.workRoot, "providers", "terraform.lock.hcl")
}
func (s session) note(f string, a ...any) { fmt.Fprintf(s.log, "webstack: "+f+"\n", a...) }

// start starts the emulator (or reuses the one an earlier call started),
// prepares the provider mirror, CLI configuration and lock file, and prints
// the export lines that point the cdktf CLI and Terraform at them.
func (s session) start(ctx context.Context) error {
	tf, providers, err := tfharness.Setup(ctx, filepath.Join(s.workRoot, "providers"))
	if err != nil {
		return err
	}
	reqs := map[string]tfharness.Requirement{}
	for name, r := range stacks.ProviderRequirements() {
		reqs[name] = tfharness.Requirement{Source: r.Source, Constraint: r.Constraint}
	}
	if err := tfharness.WriteLockFile(ctx, tf, providers, s.lockFile(), reqs); err != nil {
		return err
	}

	srv := emulator.Load(ctx, s.record())
	if srv != nil {
		s.note("reusing the emulator at %s (pid %d, log %s)", srv.URL, srv.PID, srv.LogPath)
	} else {
		if err := os.MkdirAll(s.dir(), 0o755); err != nil {
			return err
		}
		srv, err = emulator.Start(ctx, emulator.Options{Detach: true, LogPath: filepath.Join(s.dir(), "moto.log")})
		if err != nil {
			return err
		}
		if err := srv.Save(s.record()); err != nil {
			srv.Stop()
			return err
		}
		s.note("started the emulator at %s (pid %d, log %s)", srv.URL, srv.PID, srv.LogPath)
	}
	if err := emulator.Check(ctx, srv.URL); err != nil {
		return err
	}

	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			return p
		}
		return a
	}
	// The cdktf CLI points Terraform at a plugin cache in the home directory
	// unless TF_PLUGIN_CACHE_DIR is set, and Terraform caches a package from
	// a local mirror as a link into it: the stand-in built in this checkout
	// would then serve every other checkout, and break them all when this
	// one is deleted. A cache of this checkout's own keeps the links inside it.
	cache := filepath.Join(s.workRoot, "providers", "plugin-cache")
	if err := os.MkdirAll(cache, 0o755); err != nil {
		return err
	}
	exports := [][2]string{
		{"TF_CLI_CONFIG_FILE", providers.CLIConfigFile},
		{"TF_PLUGIN_CACHE_DIR", abs(cache)},
		{"WEBSTACK_PROVIDER_LOCK", abs(s.lockFile())},
		{emutarget.EndpointVar, srv.URL},
		{"CHECKPOINT_DISABLE", "1"},
	}
	for _, e := range exports {
		fmt.Fprintf(s.out, "export %s=%s\n", e[0], shellQuote(e[1]))
	}
	s.note("exported TF_CLI_CONFIG_FILE, TF_PLUGIN_CACHE_DIR, WEBSTACK_PROVIDER_LOCK, " + emutarget.EndpointVar +
		" (every AWS call from this shell now goes to the emulator); now: npx cdktf deploy local; " +
		"stop with: make emulator-stop, then unset " + emutarget.EndpointVar)
	return nil
}

// stop stops the emulator start started, if it runs.
func (s session) stop(ctx context.Context) error {
	srv := emulator.Load(ctx, s.record())
	if srv == nil {
		os.Remove(s.record())
		s.note("no emulator started by make emulator is running")
		return nil
	}
	if err := srv.Stop(); err != nil {
		return err
	}
	os.Remove(s.record())
	s.note("stopped the emulator at %s (pid %d); anything still deployed to it went with it", srv.URL, srv.PID)
	return nil
}

// shellQuote quotes v for a POSIX shell.
func shellQuote(v string) string {
	return "'" + strings.ReplaceAll(v, "'", `'\''`) + "'"
}
