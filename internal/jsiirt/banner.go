package jsiirt

import (
	"os"

	"github.com/aws/jsii-runtime-go"
)

// silenceVar silences jsii's end-of-life banner for the Node.js majors it lists.
const silenceVar = "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION"

// supportedEndOfLifeNodes are the Node.js majors past end of life that this
// project still runs on (README: Node.js 20+). jsii prints a screen-wide
// banner for them on every start, in which a user can act on nothing.
const supportedEndOfLifeNodes = "20"

// QuietNodeBanner silences that banner, unless the user set the variable.
// Call it first thing in main. jsii-runtime-go prepares its node process, and
// takes its environment, while packages initialize; the process starts only
// with the first construct built. So the prepared client is discarded (that
// removes its temp directory) and the next one, made on first use, takes the
// environment with the variable set.
func QuietNodeBanner() {
	if _, set := os.LookupEnv(silenceVar); set {
		return
	}
	os.Setenv(silenceVar, supportedEndOfLifeNodes)
	jsii.Close()
}

// TakeEnv removes key from the environment the jsii runtime starts with and
// returns what it held. Call it in main, before any construct is built; like
// QuietNodeBanner, it discards the client prepared at init, which took the
// environment as it was.
func TakeEnv(key string) (value string, set bool) {
	value, set = os.LookupEnv(key)
	if set {
		os.Unsetenv(key)
		jsii.Close()
	}
	return value, set
}
