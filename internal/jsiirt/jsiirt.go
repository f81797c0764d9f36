// Package jsiirt stops the jsii runtime (the node process behind cdktf's Go
// bindings) at the end of a program or test binary.
package jsiirt

import (
	"os"

	"github.com/aws/jsii-runtime-go"
)

// Close stops the node process and removes its temp directory. Call it last:
// it leaves standard error pointing at /dev/null.
//
// Why: jsii-runtime-go (v1.111 and later releases alike) waits for the node
// process twice, in a watcher goroutine and in Close. With the pidfd-based
// process wait of current Go, whichever comes second fails with "waitid: no
// child processes" and the watcher prints that as "Runtime process exited
// abnormally" although node exited cleanly. The message is written to
// os.Stderr after shutdown starts, so shutdown is the only thing silenced.
func Close() {
	if devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0); err == nil {
		os.Stderr = devnull
	}
	jsii.Close()
}
