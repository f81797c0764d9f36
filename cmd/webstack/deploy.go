package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/platform-team/webstack/internal/emulator"
	"github.com/platform-team/webstack/internal/emutarget"
	"github.com/platform-team/webstack/internal/tfharness"
	"github.com/platform-team/webstack/stacks/config"
	"github.com/platform-team/webstack/stacks/synth"
)

// Where deploy and destroy keep things unless the environment says
// otherwise: relative to the repository root, where make runs them.
const (
	defaultOutdir   = "cdktf.out"    // CDKTF_OUTDIR, as for the cdktf CLI
	defaultWorkRoot = ".webstack"    // WEBSTACK_WORK_DIR: logs, plans, emulator records
	defaultEnvDir   = "environments" // WEBSTACK_ENV_DIR
)

// newRunner is the runner a command line gets: the settings from the
// environment, each defaulting to the path above.
func newRunner(env, envDir string, verbose bool) *runner {
	return &runner{env: env, envDir: envDir, verbose: verbose, outdir: getenv("CDKTF_OUTDIR", defaultOutdir),
		workRoot: getenv("WEBSTACK_WORK_DIR", defaultWorkRoot), stateDir: getenv("WEBSTACK_STATE_DIR", synth.StateDirDefault)}
}

// runner deploys or destroys one environment.
type runner struct {
	env, envDir, outdir, workRoot, stateDir string
	// verbose streams Terraform's whole output; otherwise it goes to logFile
	// and the terminal gets a plan summary and one line per resource.
	verbose bool
	log     *os.File
	prog    *progress
}

func (r runner) stackDir() string     { return filepath.Join(r.outdir, "stacks", r.env) }
func (r runner) workDir() string      { return filepath.Join(r.workRoot, r.env) }
func (r runner) emulatorFile() string { return filepath.Join(r.workDir(), "emulator.json") }
func (r runner) logFile() string      { return filepath.Join(r.workDir(), "terraform.log") }
func (r runner) planFile() string     { return filepath.Join(r.workDir(), "deploy.tfplan") }

func say(format string, args ...any) { fmt.Printf("==> "+format+"\n", args...) }

// synth writes the stack's cdk.tf.json (only this stack, so deploys of other
// environments can run at the same time) and returns its environment.
func (r *runner) synth() (config.Environment, error) {
	envs, reused, err := synth.SynthOrReuse(synth.Options{EnvDir: r.envDir, Outdir: r.outdir, Only: []string{r.env},
		StateDir: r.stateDir})
	if err != nil {
		return config.Environment{}, synthError(err)
	}
	if reused {
		say("%s: nothing changed since the last synth into %s; its stack stands (%s=off synthesizes anyway)",
			r.env, tfharness.Display(r.outdir), synth.CacheVar)
	} else {
		say("synthesized %s", r.env)
	}
	return envs[0], nil
}

// synthError lists a failed synth's problems or policy violations one per line.
func synthError(err error) error {
	var problems config.Problems
	var violations synth.PolicyViolations
	switch {
	case errors.As(err, &problems):
		return fmt.Errorf("invalid environment files:\n%v", problems)
	case errors.As(err, &violations):
		return fmt.Errorf("security policy violations:\n%v", violations)
	}
	return err
}

// workspace prepares Terraform for the stack directory. Its output goes to
// the log file (and to the terminal when verbose) and through r.prog.
func (r *runner) workspace(ctx context.Context, env config.Environment, endpoint string) (*tfharness.Workspace, error) {
	tf, providers, err := tfharness.Setup(ctx, filepath.Join(r.workRoot, "providers"))
	if err != nil {
		return nil, err
	}
	for _, n := range providers.Notes() {
		say("%s", n)
	}
	if err := os.MkdirAll(r.workDir(), 0o755); err != nil {
		return nil, err
	}
	if r.log, err = os.Create(r.logFile()); err != nil {
		return nil, err
	}
	r.prog = newProgress(os.Stdout)
	sinks := []io.Writer{r.log, r.prog}
	if r.verbose {
		sinks = append(sinks, os.Stdout)
	}
	opts := tfharness.Options{Terraform: tf, Providers: providers, Log: io.MultiWriter(sinks...), Prefix: "    "}
	if env.Config.Target == config.TargetEmulator {
		opts.Env = tfharness.EmulatorEnv(endpoint)
	}
	w, err := tfharness.NewWorkspace(r.stackDir(), opts)
	if err != nil {
		return nil, err
	}
	say("terraform init (Terraform's full output: %s%s)", r.logFile(), map[bool]string{false: "; VERBOSE=1 shows it here", true: ""}[r.verbose])
	if err := w.Init(ctx, true); err != nil {
		return w, r.logged(err)
	}
	if w.InitSkipped() {
		say("terraform init skipped: nothing it reads has changed since the last one")
	}
	return w, nil
}

// logged points a Terraform failure at the log, where its whole output is.
func (r *runner) logged(err error) error {
	if err != nil && !r.verbose {
		return fmt.Errorf("%w\n(Terraform's full output: %s)", err, r.logFile())
	}
	return err
}

func (r *runner) deploy(ctx context.Context) (err error) {
	lock, err := lockRun(r.workDir(), "make deploy ENV="+r.env)
	if err != nil {
		return err
	}
	defer lock.release()
	if err := r.preflight(); err != nil {
		return err
	}
	env, err := r.synth()
	if err != nil {
		return err
	}
	if err := notAtAnEmulator(env, "deploy"); err != nil {
		return err
	}
	var endpoint string
	var started *emulator.Server
	if env.Config.Target == config.TargetEmulator {
		endpoint, started, err = r.emulatorFor(ctx, env)
		if err != nil {
			return err
		}
		if started != nil {
			// A failed first deploy leaves nothing worth keeping in a fresh
			// emulator: stop it rather than leak it. An interrupted one is
			// kept, with its state, so the next deploy carries on.
			defer func() {
				if err != nil && ctx.Err() == nil {
					say("stopping the emulator this deploy started (pid %d)", started.PID)
					started.Stop()
					os.Remove(r.emulatorFile())
				}
			}()
		}
	}
	w, err := r.workspace(ctx, env, endpoint)
	if w != nil {
		defer w.Close()
	}
	if err != nil {
		return err
	}
	defer r.log.Close()
	if err := r.suffixFirst(ctx, w); err != nil {
		if why := r.whyStopped(ctx, env, w, endpoint, err, "deploy"); why != nil {
			return why
		}
		return err
	}
	if err := r.checkOrphans(ctx, w, env, endpoint); err != nil {
		// Reading the state takes its lock: another run may have taken it
		// since the check before synth.
		if why := r.whyStopped(ctx, env, w, endpoint, err, "deploy"); why != nil {
			return why
		}
		return err
	}
	defer os.Remove(filepath.Join(r.stackDir(), importsFile))
	if err := r.planAndApply(ctx, w); err != nil {
		if why := r.whyStopped(ctx, env, w, endpoint, err, "deploy"); why != nil {
			return why
		}
		if started != nil { // stopped on the way out: nothing is kept
			return fmt.Errorf("%w\nnext: fix the cause, then run make deploy ENV=%s again (on a new emulator)", err, r.env)
		}
		return fmt.Errorf("%w\nstate: %s — what was created is in it\nnext: fix the cause, then run make deploy ENV=%s "+
			"again (it carries on from there), or make destroy ENV=%s", err, r.statePlace(env), r.env, r.env)
	}
	outputs, err := w.Outputs(ctx)
	if err != nil {
		return err
	}
	say("%s is deployed; outputs:", r.env)
	names := make([]string, 0, len(outputs))
	for k := range outputs {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		v, _ := json.Marshal(outputs[k])
		fmt.Printf("    %s = %s\n", k, v)
	}
	say("state: %s; Terraform's log: %s", r.statePlace(env), r.logFile())
	if endpoint != "" {
		say("emulator: %s — tear down with: make destroy ENV=%s", endpoint, r.env)
	}
	return nil
}

// statePlace says where env's Terraform state is, as a user would look for
// it: a path relative to the repository, or the S3 object.
func (r *runner) statePlace(env config.Environment) string {
	b := env.Config.Backend
	if b.Type == config.BackendS3 {
		return fmt.Sprintf("s3://%s/%s", b.Bucket, b.Key)
	}
	return filepath.Join(r.stateDir, r.env, b.StatePath())
}

// planAndApply saves a plan, prints its summary and applies exactly that
// plan. The plan file is in the work directory, whatever directory Terraform
// runs in.
func (r *runner) planAndApply(ctx context.Context, w *tfharness.Workspace) error {
	say("terraform plan")
	plan, err := w.SavePlan(ctx, r.planFile())
	if err != nil {
		return r.logged(err)
	}
	defer os.Remove(r.planFile())
	summary, steps := planSummary(plan)
	for _, l := range summary {
		say("%s", l)
	}
	if steps == 0 {
		return nil
	}
	say("terraform apply of that plan (a new load balancer alone takes about a minute)")
	r.prog.total = steps
	return r.logged(w.ApplyPlan(ctx, r.planFile()))
}

// givenEmulator returns the emulator endpoint the caller named in
// AWS_ENDPOINT_URL (what `eval "$(make -s emulator)"` exports), or "".
func givenEmulator() string { return os.Getenv(emutarget.EndpointVar) }

// notAtAnEmulator refuses to deploy or destroy a stack bound for AWS while
// AWS_ENDPOINT_URL is set: Terraform's AWS provider would send every call
// there (to an emulator, after `eval "$(make -s emulator)"`), not to AWS.
func notAtAnEmulator(env config.Environment, command string) error {
	key, url := emutarget.EndpointVar, givenEmulator()
	if env.Config.Target == config.TargetEmulator || url == "" {
		return nil
	}
	return fmt.Errorf("%s targets AWS, but %s=%s is set, so Terraform's calls would go there instead "+
		"(eval \"$(make -s emulator)\" sets it for the emulator); nothing was changed. Unset it "+
		"(unset %s) and run make %s ENV=%s again", env.ID, key, url, key, command, env.ID)
}

// emulatorFor returns the emulator endpoint for env: AWS_ENDPOINT_URL when
// set, else the emulator an earlier deploy of env started, else a new one
// (returned as started, and recorded for destroy).
func (r *runner) emulatorFor(ctx context.Context, env config.Environment) (endpoint string, started *emulator.Server, err error) {
	if url := givenEmulator(); url != "" {
		say("using the emulator at %s=%s", emutarget.EndpointVar, url)
		return url, nil, emulator.Check(ctx, url)
	}
	if s := emulator.Load(ctx, r.emulatorFile()); s != nil {
		say("using the emulator an earlier deploy started: %s (pid %d)", s.URL, s.PID)
		return s.URL, nil, nil
	}
	// State of an emulator that is gone describes nothing: start afresh.
	if env.Config.Backend.Type == config.BackendLocal {
		state := filepath.Join(r.stackDir(), env.Config.Backend.StatePath())
		if real, err := filepath.EvalSymlinks(state); err == nil {
			if fi, err := os.Stat(real); err == nil && fi.Size() > 0 {
				// Never deleted: moved aside, where a user can still look at
				// it; an empty file keeps the link's target in place.
				aside := fmt.Sprintf("%s.emulator-gone-%d", real, time.Now().Unix())
				say("the emulator of the previous deploy is gone, so its state describes nothing; moved it to %s", tfharness.Display(aside))
				if err := os.Rename(real, aside); err != nil {
					return "", nil, err
				}
				if err := os.WriteFile(real, nil, 0o600); err != nil {
					return "", nil, err
				}
			}
		}
	}
	if err := os.MkdirAll(r.workDir(), 0o755); err != nil {
		return "", nil, err
	}
	say("starting moto_server")
	s, err := emulator.Start(ctx, emulator.Options{Detach: true, LogPath: filepath.Join(r.workDir(), "moto.log")})
	if err != nil {
		return "", nil, err
	}
	if err := s.Save(r.emulatorFile()); err != nil {
		s.Stop()
		return "", nil, err
	}
	say("moto_server is up at %s (pid %d, log %s)", s.URL, s.PID, s.LogPath)
	return s.URL, s, nil
}

func (r *runner) destroy(ctx context.Context) error {
	lock, err := lockRun(r.workDir(), "make destroy ENV="+r.env)
	if err != nil {
		return err
	}
	defer lock.release()
	if err := r.preflight(); err != nil {
		return err
	}
	env, err := r.synth()
	if err != nil {
		return err
	}
	if err := notAtAnEmulator(env, "destroy"); err != nil {
		return err
	}
	var endpoint string
	var recorded *emulator.Server
	if env.Config.Target == config.TargetEmulator {
		endpoint = givenEmulator()
		if endpoint == "" {
			if recorded = emulator.Load(ctx, r.emulatorFile()); recorded == nil {
				os.Remove(r.emulatorFile())
				say("no emulator of %s is running: nothing to destroy", r.env)
				return nil
			}
			endpoint = recorded.URL
		}
	}
	w, err := r.workspace(ctx, env, endpoint)
	if w != nil {
		defer w.Close()
	}
	if err != nil {
		return err
	}
	defer r.log.Close()
	// The suffixes, to look for anything left once the state is empty.
	before, _ := w.StatePull(ctx)
	say("terraform destroy")
	if err := w.Destroy(ctx); err != nil {
		if why := r.whyStopped(ctx, env, w, endpoint, err, "destroy"); why != nil {
			return why
		}
		return r.logged(err)
	}
	say("%d resource(s) destroyed", r.prog.done)
	if err := r.checkLeftovers(ctx, env, endpoint, before); err != nil {
		return err
	}
	if recorded != nil {
		say("stopping moto_server (pid %d)", recorded.PID)
		if err := recorded.Stop(); err != nil {
			return err
		}
		os.Remove(r.emulatorFile())
	}
	say("%s is destroyed", r.env)
	return nil
}
