// Package jsiirt stops the jsii runtime (the node process behind cdktf's Go
// bindings) at the end of a program, a test binary, or a synth inside a
// longer-running command.
package jsiirt

import (
	"os"
	"time"

	"github.com/aws/jsii-runtime-go"
)

// quietFor is how long standard error stays silenced after the runtime stops:
// long enough for the runtime's watcher goroutine to have written (or not)
// its message once the node process is reaped.
const quietFor = 200 * time.Millisecond

// Close stops the node process and removes its temp directory.
//
// Why the silence: jsii-runtime-go (v1.111 and later releases alike) waits for
// the node process twice, in a watcher goroutine and in Close. With the
// pidfd-based process wait of current Go, whichever comes second fails with
// "waitid: no child processes", and the watcher prints that as "Runtime
// process exited abnormally" although node exited cleanly. Standard error is
// pointed at /dev/null for the shutdown only, then restored.
func Close() {
	stderr := os.Stderr
	if devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0); err == nil {
		os.Stderr = devnull
		defer func() {
			time.Sleep(quietFor)
			os.Stderr = stderr
			devnull.Close()
		}()
	}
	jsii.Close()
}

// Discard removes the runtime's temporary directory when no construct was
// built (so no node process runs): nothing can write after it, so standard
// error is not silenced and the program does not wait.
func Discard() { jsii.Close() }
