package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/platform-team/webstack/internal/synthtest"
)

// The test binary links the app, whose packages start the jsii runtime when
// loaded: stop it when the tests end.
func TestMain(m *testing.M) { synthtest.Main(m) }

// app is the app built once for all tests of this binary (a link costs
// seconds of CPU), in the tests' temporary directory, which synthtest.Main
// removes.
var app struct {
	once sync.Once
	bin  string
	err  error
}

// buildApp compiles the app once per test binary.
func buildApp(t *testing.T) string {
	t.Helper()
	app.once.Do(func() {
		dir, err := os.MkdirTemp("", "app-")
		if err != nil {
			app.err = err
			return
		}
		app.bin = filepath.Join(dir, "webstack")
		if out, err := exec.Command("go", "build", "-o", app.bin, ".").CombinedOutput(); err != nil {
			app.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if app.err != nil {
		t.Fatal(app.err)
	}
	return app.bin
}

// runApp runs the app with its own TMPDIR so a leaked jsii runtime is visible.
func runApp(t *testing.T, bin string, env ...string) (code int, stderr string, tmp string) {
	code, _, stderr, tmp = runAppOut(t, bin, env...)
	return code, stderr, tmp
}

// runAppOut is runApp with standard output too, where notes go.
func runAppOut(t *testing.T, bin string, env ...string) (code int, stdout, stderr string, tmp string) {
	t.Helper()
	tmp = t.TempDir()
	cmd := exec.Command(bin)
	// State links go to a directory of the test's unless it names one. The
	// Makefile's banner setting is left out: the app must quiet it itself.
	var base []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=") {
			base = append(base, kv)
		}
	}
	// Each run synthesizes, unless the test is about reusing a synth.
	base = append(base, "WEBSTACK_SYNTH_CACHE=off")
	cmd.Env = append(append(base, "WEBSTACK_STATE_DIR="+t.TempDir()), append(env, "TMPDIR="+tmp)...)
	var outb, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &outb, &errb
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), outb.String(), errb.String(), tmp
	} else if err != nil {
		t.Fatal(err)
	}
	return 0, outb.String(), errb.String(), tmp
}
