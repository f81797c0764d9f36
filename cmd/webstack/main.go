// Command webstack holds the project's tools beside the cdktf app (main.go):
//
//	webstack rules                 print the security policy's rule table
//	webstack deploy  -env <name>   synthesize and apply one stack, print its outputs
//	webstack destroy -env <name>   destroy what deploy made (and stop its emulator)
//	webstack hcl [-out hcl]        write every stack as plain Terraform (HCL)
//	webstack emulator              start (or reuse) an emulator for the cdktf CLI; print export lines
//	webstack emulator-stop         stop it
//	webstack review [flags]        what a change does to every variant (make review)
//
// deploy and destroy run Terraform through internal/tfharness in the stack's
// directory, cdktf.out/stacks/<name>/ (where `cdktf deploy` runs it too), and
// keep their own files in .webstack/<name>/ (WEBSTACK_WORK_DIR overrides .webstack). For an environment with
// "target": "emulator" they use the emulator at AWS_ENDPOINT_URL (what
// `eval "$(make -s emulator)"` sets) when set, and otherwise start
// moto_server and leave it running for destroy, which stops it. Either way
// the emulator is checked before Terraform runs. An environment bound for
// AWS is refused while AWS_ENDPOINT_URL is set.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/platform-team/webstack/internal/jsiirt"
	"github.com/platform-team/webstack/policy"
	"github.com/platform-team/webstack/policy/rules"
	"github.com/platform-team/webstack/stacks/synth"
)

const usage = `usage: webstack <command> [flags]

commands:
  rules                print the security policy's rules (id, severity, description, control ids)
  deploy  -env <name>  synthesize environments/<name>.json and apply it; print the outputs
  destroy -env <name>  destroy the stack deploy applied (and stop the emulator deploy started)
  hcl [-out <dir>]     write every stack as plain Terraform into <dir>/<stack>/main.tf (default hcl)
  emulator             start (or reuse) an emulator for the cdktf CLI and print the export lines:
                         eval "$(go run ./cmd/webstack emulator)"
  emulator-stop        stop the emulator that emulator started
  review [flags]       compare the base revision's goldens with a fresh synth of the working tree
                         -base <rev>  -base-dir <dir>  -plan  -format text|markdown  -fail-on <list>
                         -variants <ids>  -parallel <n>`

func main() {
	jsiirt.QuietNodeBanner()
	os.Exit(run())
}

func run() int {
	// The cdktf packages start the jsii runtime when loaded; stop it on every path.
	defer jsiirt.Close()
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, usage)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// The first interrupt asks Terraform to stop (it finishes what it started
	// and saves state); more of them are not passed on, only answered.
	more := make(chan os.Signal, 4)
	signal.Notify(more, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(more)
	go func() {
		n := 0
		for range more {
			if n++; n > 1 {
				fmt.Fprintln(os.Stderr, "webstack: still stopping safely: Terraform is finishing what it started and "+
					"saving the state; killing it now could leave what it created out of the state")
			}
		}
	}()
	var err error
	switch cmd := os.Args[1]; cmd {
	case "rules":
		fmt.Print(policy.Table(rules.All()))
		return 0
	case "hcl":
		fs := flag.NewFlagSet(cmd, flag.ExitOnError)
		out := fs.String("out", "hcl", "directory to write into, one subdirectory per stack")
		envDir := fs.String("env-dir", getenv("WEBSTACK_ENV_DIR", defaultEnvDir), "environment directory")
		fs.Parse(os.Args[2:])
		err = hclExport{envDir: *envDir, out: *out, stateDir: getenv("WEBSTACK_STATE_DIR", synth.StateDirDefault),
			log: os.Stdout}.run()
	case "emulator", "emulator-stop":
		s := session{workRoot: getenv("WEBSTACK_WORK_DIR", defaultWorkRoot), out: os.Stdout, log: os.Stderr}
		if cmd == "emulator" {
			err = s.start(ctx)
		} else {
			err = s.stop(ctx)
		}
	case "review":
		return runReview(ctx, os.Args[2:])
	case "deploy", "destroy":
		fs := flag.NewFlagSet(cmd, flag.ExitOnError)
		env := fs.String("env", "local", "environment (file name in the environment directory, without .json)")
		envDir := fs.String("env-dir", getenv("WEBSTACK_ENV_DIR", defaultEnvDir), "environment directory")
		verbose := fs.Bool("v", os.Getenv("VERBOSE") == "1", "show Terraform's whole output (default: VERBOSE=1)")
		fs.Parse(os.Args[2:])
		r := newRunner(*env, *envDir, *verbose)
		if cmd == "deploy" {
			err = r.deploy(ctx)
		} else {
			err = r.destroy(ctx)
		}
	default:
		fmt.Fprintln(os.Stderr, usage)
		return 2
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "webstack:", err)
		return 1
	}
	return 0
}

func getenv(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}
