//go:build unix

package jsiirt

import (
	"os"
	"syscall"
)

// silenceVar silences jsii's end-of-life banner for the Node.js majors it lists.
const silenceVar = "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION"

// supportedEndOfLifeNodes are the Node.js majors past end of life that this
// project still runs on (README: Node.js 20+). jsii prints a screen-wide
// banner for them on every start, in which a user can act on nothing.
const supportedEndOfLifeNodes = "20"

// QuietNodeBanner silences that banner, unless the user set the variable.
// Call it first thing in main. jsii-runtime-go takes the environment of its
// node process while packages initialize, before main runs, so setting the
// variable is not enough: the program runs itself again with it set. No node
// process exists yet at that point (it starts on the first construct built),
// so nothing is left behind; if the exec fails, the program goes on as it is.
func QuietNodeBanner() {
	if _, set := os.LookupEnv(silenceVar); set {
		return
	}
	exe, err := os.Executable()
	if err != nil {
		return
	}
	os.Setenv(silenceVar, supportedEndOfLifeNodes)
	syscall.Exec(exe, os.Args, os.Environ()) // returns only on failure
}
