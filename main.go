// Command webstack is the cdktf app: it reads every environment file, builds
// one stack per file and synthesizes them into cdktf.out/stacks/<name>/.
//
//	environments/*.json ──► stacks (load, default, validate) ──► constructs ──► cdk.tf.json
//
// Environment variables:
//
//	WEBSTACK_ENV_DIR    directory of environment files (default: environments)
//	CDKTF_OUTDIR        output directory, set by the cdktf CLI (default: cdktf.out)
//	WEBSTACK_STATE_DIR  local Terraform state, one directory per stack (default: state)
//	WEBSTACK_PROVIDER_LOCK  a provider lock file to place in every stack directory
//	                    (set by `eval "$(make -s emulator)"`; see README)
//	WEBSTACK_SYNTH_CACHE  "off" synthesizes even when nothing changed since the
//	                    last synth into the out dir (see synth.Reuse)
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/platform-team/webstack/internal/jsiirt"
	"github.com/platform-team/webstack/stacks/config"
	"github.com/platform-team/webstack/stacks/synth"
)

func main() {
	// `cdktf synth --hcl` asks for native HCL this way. The variable must not
	// reach the jsii runtime: cdktf would then write HCL with its own
	// renderer, which breaks on these stacks, and the policy reads JSON.
	hcl, _ := jsiirt.TakeEnv("SYNTH_HCL_OUTPUT")
	jsiirt.QuietNodeBanner()
	os.Exit(run(hcl == "true"))
}

func run(hcl bool) int {
	opts := synth.Options{
		// Notes (suppressions, warnings, a moved state) are output, not errors:
		// the cdktf CLI shows standard error as [ERROR] lines.
		Log:      os.Stdout,
		EnvDir:   getenv("WEBSTACK_ENV_DIR", "environments"),
		Outdir:   getenv("CDKTF_OUTDIR", "cdktf.out"),
		StateDir: getenv("WEBSTACK_STATE_DIR", synth.StateDirDefault),
		// Set by `make emulator`: the cdktf CLI then finds a lock file and
		// does not ask the unreachable registry for one.
		ProviderLock: os.Getenv("WEBSTACK_PROVIDER_LOCK"),
		HCL:          hcl,
	}
	// Nothing changed since the last synth into the out dir (cdktf diff and
	// deploy synthesize every time): reuse it, without starting the jsii
	// runtime. The key covers the app itself, the options, every environment
	// file and what it names, and the environment variables.
	_, reused, err := synth.SynthOrReuse(opts)
	if reused {
		// No node process was started, but the runtime unpacked itself into
		// a temporary directory when the program started: remove it.
		jsiirt.Discard()
		fmt.Printf("webstack: nothing changed since the last synth into %s; its stacks stand "+
			"(%s=off synthesizes anyway)\n", opts.Outdir, synth.CacheVar)
		return 0
	}
	// Stop the jsii runtime (a node process and a temp dir) before reporting;
	// it is started only if a stack got built.
	defer jsiirt.Close()
	if err == nil {
		return 0
	}
	var problems config.Problems
	if errors.As(err, &problems) {
		report("%d problem(s) in the environment files", problems)
		return 1
	}
	var violations synth.PolicyViolations
	if errors.As(err, &violations) {
		report("%d security policy violation(s)", violations)
		return 1
	}
	fmt.Fprintln(os.Stderr, "webstack: synth failed; no stack was written:", err)
	return 1
}

// report prints a headline and one indented line per item.
func report[T fmt.Stringer](headline string, items []T) {
	fmt.Fprintf(os.Stderr, "webstack: "+headline+"; no stack was written:\n", len(items))
	for _, it := range items {
		fmt.Fprintln(os.Stderr, "  "+it.String())
	}
}

func getenv(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}
