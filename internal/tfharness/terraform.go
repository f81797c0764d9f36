package tfharness

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-exec/tfexec"
	tfjson "github.com/hashicorp/terraform-json"

	"github.com/platform-team/webstack/internal/emutarget"
)

// MinVersion is the oldest Terraform the project supports (S3 lock files).
var minVersion = version.Must(version.NewVersion("1.10.0"))

// ErrNoTerraform says Terraform is not on PATH.
var ErrNoTerraform = errors.New("terraform is not on PATH (install Terraform >= 1.10)")

// FindTerraform returns the path of a Terraform >= 1.10 on PATH.
func FindTerraform(ctx context.Context) (string, error) {
	path, err := exec.LookPath("terraform")
	if err != nil {
		return "", ErrNoTerraform
	}
	tf, err := tfexec.NewTerraform(os.TempDir(), path)
	if err != nil {
		return "", err
	}
	v, _, err := tf.Version(ctx, true)
	if err != nil {
		return "", fmt.Errorf("terraform version: %w", err)
	}
	if v.LessThan(minVersion) {
		return "", fmt.Errorf("terraform %s is too old: webstack needs >= %s", v, minVersion)
	}
	return path, nil
}

// Workspace is one Terraform working directory.
type Workspace struct {
	Dir string
	tf  *tfexec.Terraform
	log io.Writer // where command output goes (nil: discarded)
	// env and dataDir are what Terraform runs with, for the provider server.
	env     []string
	dataDir string
	serve   bool
	server  *providerServer
	// initSkipped says the last Init reused the init before it.
	initSkipped bool
	// mirrors are the filesystem mirrors init installs from.
	mirrors []string
}

// Options configure a Workspace.
type Options struct {
	Terraform string     // path from FindTerraform
	Providers *Providers // from SetupProviders
	// Env is added to the environment Terraform runs with (AWS_ENDPOINT_URL_S3, …).
	Env map[string]string
	// Log receives Terraform's output as it runs, each line prefixed with
	// Prefix. Nil discards it.
	Log    io.Writer
	Prefix string
	// DataDir, when set, is TF_DATA_DIR (to share one init between directories).
	DataDir string
	// Serve has Init start the AWS provider once for the workspace's later
	// commands (providerServer), where one process can serve them. The test
	// harness and make review use it; make deploy and make destroy do not
	// (docs/performance.md: a deploy whose emulator was killed mid-apply
	// hung once with it, under load, where Terraform's own launches fail in
	// about a minute).
	Serve bool
}

// NewWorkspace prepares a workspace in dir.
func NewWorkspace(dir string, o Options) (*Workspace, error) {
	// Absolute, so that paths built from it (plan files, the provider)
	// mean the same to Terraform, which runs in dir.
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	tf, err := tfexec.NewTerraform(dir, o.Terraform)
	if err != nil {
		return nil, err
	}
	env, err := environ(os.Environ(), o)
	if err != nil {
		return nil, err
	}
	if err := tf.SetEnv(env); err != nil {
		return nil, err
	}
	// Cancelling a command sends Terraform an interrupt: it then finishes
	// the operations it started (a load balancer, a capacity wait: minutes)
	// and saves state. Killing it sooner would orphan what it was creating.
	if err := tf.SetWaitDelay(StopGrace); err != nil {
		return nil, err
	}
	ws := &Workspace{Dir: dir, tf: tf, dataDir: env["TF_DATA_DIR"], serve: o.Serve}
	if o.Providers != nil {
		for m := range o.Providers.Mirrors {
			ws.mirrors = append(ws.mirrors, m)
		}
		sort.Strings(ws.mirrors)
	}
	for k, v := range env {
		ws.env = append(ws.env, k+"="+v)
	}
	if o.Log != nil {
		ws.log = prefixLines(o.Log, o.Prefix)
		tf.SetStdout(ws.log)
		tf.SetStderr(ws.log)
	}
	return ws, nil
}

// environ is the environment Terraform runs with: the caller's (base),
// cleaned of what terraform-exec manages, with the workspace's settings.
func environ(base []string, o Options) (map[string]string, error) {
	env := map[string]string{}
	for _, kv := range base {
		k, v, _ := strings.Cut(kv, "=")
		env[k] = v
	}
	env = tfexec.CleanEnv(env)
	env["TF_CLI_CONFIG_FILE"] = o.Providers.CLIConfigFile
	env["CHECKPOINT_DISABLE"] = "1"
	// Terraform and the AWS provider are Go programs that spend a third of
	// their CPU collecting garbage while the provider builds its schema (on
	// every one of the several launches a plan or apply makes). A lighter
	// collector cuts a command's CPU by about 30% for about 25% more peak
	// memory (docs/performance.md); a GOGC the caller set wins.
	if _, set := env["GOGC"]; !set {
		env["GOGC"] = TerraformGOGC
	}
	for k, v := range o.Env {
		env[k] = v
	}
	if o.DataDir != "" {
		dir, err := filepath.Abs(o.DataDir)
		if err != nil {
			return nil, err
		}
		env["TF_DATA_DIR"] = dir
	}
	return env, nil
}

// TerraformGOGC is the GOGC Terraform runs with, unless the caller set one.
const TerraformGOGC = "400"

// StopGrace is how long an interrupted Terraform command may take to finish
// what it started before it is killed: the longest create timeout of the
// stacks (an Auto Scaling group's capacity wait, 10 minutes) and then some.
const StopGrace = 20 * time.Minute

// StateAddresses lists the managed resources in the workspace's state,
// sorted. It reads the state as stored (terraform state pull), which starts
// no provider: terraform show would start every provider for its schema.
func (w *Workspace) StateAddresses(ctx context.Context) ([]string, error) {
	st, err := w.StatePull(ctx)
	if err != nil {
		return nil, err
	}
	return Addresses(st)
}

// Addresses lists the managed resource instances a state (the state file's
// JSON; empty: none) holds, by address, sorted.
func Addresses(state []byte) ([]string, error) {
	if len(bytes.TrimSpace(state)) == 0 {
		return nil, nil
	}
	var st struct {
		Resources []struct {
			Module, Mode, Type, Name string
			Instances                []struct {
				IndexKey any `json:"index_key"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(state, &st); err != nil {
		return nil, fmt.Errorf("reading the state: %w", err)
	}
	var out []string
	for _, r := range st.Resources {
		if r.Mode != "managed" {
			continue
		}
		base := r.Type + "." + r.Name
		if r.Module != "" {
			base = r.Module + "." + base
		}
		for _, i := range r.Instances {
			switch k := i.IndexKey.(type) {
			case nil:
				out = append(out, base)
			case string:
				out = append(out, fmt.Sprintf("%s[%q]", base, k))
			default:
				out = append(out, fmt.Sprintf("%s[%v]", base, k))
			}
		}
	}
	sort.Strings(out)
	return out, nil
}

// StatePull returns the state as Terraform reads it from the backend ("" when
// there is none).
func (w *Workspace) StatePull(ctx context.Context) ([]byte, error) {
	s, err := w.tf.StatePull(ctx)
	return []byte(s), err
}

// ApplyTargets applies only the given resources (terraform apply -target).
func (w *Workspace) ApplyTargets(ctx context.Context, targets []string) error {
	var opts []tfexec.ApplyOption
	for _, t := range targets {
		opts = append(opts, tfexec.Target(t))
	}
	return w.tf.Apply(ctx, attach(w, opts)...)
}

// Init installs providers (upgrading past any lock file, since the stand-in
// may have been rebuilt) and, unless backend is false, configures the
// backend; when nothing init reads has changed since the last successful
// init, it skips the command (initreuse.go). With Options.Serve it then
// starts the AWS provider once for the
// workspace's other commands (providerServer), where one process can serve
// them; Close stops it. Otherwise Terraform launches the provider as usual.
func (w *Workspace) Init(ctx context.Context, backend bool) error {
	w.initSkipped = false
	if digest, err := w.initDigest(backend); err == nil && w.initUnchanged(digest) {
		w.initSkipped = true
		fmt.Fprintln(w.logOrDiscard(), InitSkippedNote)
	} else {
		os.Remove(filepath.Join(w.dataDirPath(), initMarker))
		if err := w.tf.Init(ctx, tfexec.Upgrade(true), tfexec.Backend(backend)); err != nil {
			return err
		}
		w.recordInit(backend)
	}
	if w.server != nil || !w.serve {
		return nil
	}
	if bin := serverBinary(w.Dir, w.dataDir, w.env); bin != "" {
		s, err := startProviderServer(bin, w.Dir, w.env)
		if err != nil {
			// Terraform launching the provider itself works as well, only slower.
			fmt.Fprintf(w.logOrDiscard(), "webstack: %v; Terraform starts the provider itself instead\n", err)
			return nil
		}
		w.server = s
		fmt.Fprintf(w.logOrDiscard(), "%s (pid %d)\n", ServedNote, s.cmd.Process.Pid)
	}
	return nil
}

// InitSkipped says whether the last Init skipped terraform init, nothing
// having changed since the init before.
func (w *Workspace) InitSkipped() bool { return w.initSkipped }

// ServedNote is what Init writes to the workspace's log when one AWS
// provider process serves the workspace's commands.
const ServedNote = "webstack: one AWS provider process serves this workspace's Terraform commands"

// Close stops the workspace's provider server, if Init started one.
func (w *Workspace) Close() {
	w.server.stop()
	w.server = nil
}

func (w *Workspace) logOrDiscard() io.Writer {
	if w.log == nil {
		return io.Discard
	}
	return w.log
}

// attach adds to a command's options the one that points it at the
// provider server, when there is one. O is the command's option type
// (tfexec.ApplyOption, PlanOption, DestroyOption, ShowOption): the reattach
// option is each of them.
func attach[O any](w *Workspace, opts []O) []O {
	if w.server == nil {
		return opts
	}
	return append(opts, any(tfexec.Reattach(w.server.reattach)).(O))
}

// Validate runs terraform validate and returns its diagnostics as an error.
func (w *Workspace) Validate(ctx context.Context) error {
	out, err := w.tf.Validate(ctx)
	if err != nil {
		return err
	}
	if !out.Valid {
		var msgs []string
		for _, d := range out.Diagnostics {
			if d.Severity != tfjson.DiagnosticSeverityError {
				continue // warnings do not make it invalid
			}
			where := ""
			if d.Range != nil {
				where = fmt.Sprintf(" (%s:%d)", d.Range.Filename, d.Range.Start.Line)
			}
			msgs = append(msgs, fmt.Sprintf("%s: %s: %s%s", d.Severity, d.Summary, d.Detail, where))
		}
		return errors.New(strings.Join(msgs, "\n"))
	}
	return nil
}

// Apply creates or updates everything.
func (w *Workspace) Apply(ctx context.Context) error {
	return w.tf.Apply(ctx, attach[tfexec.ApplyOption](w, nil)...)
}

// Destroy removes everything.
func (w *Workspace) Destroy(ctx context.Context) error {
	return w.tf.Destroy(ctx, attach[tfexec.DestroyOption](w, nil)...)
}

// Plan runs terraform plan -detailed-exitcode and returns the saved plan
// (nil when there are no changes). lockTimeout is passed as -lock-timeout
// when set ("0s" fails at once on a held lock).
func (w *Workspace) Plan(ctx context.Context, lockTimeout string) (*tfjson.Plan, error) {
	return w.plan(ctx, lockTimeout, true)
}

// PlanOverState is Plan without refreshing: it compares the configuration
// with the state as recorded, not with what exists now (terraform plan
// -refresh=false), to see what a plan would do over a state written at
// another time.
func (w *Workspace) PlanOverState(ctx context.Context) (*tfjson.Plan, error) {
	return w.plan(ctx, "", false)
}

func (w *Workspace) plan(ctx context.Context, lockTimeout string, refresh bool) (*tfjson.Plan, error) {
	planFile := filepath.Join(w.Dir, "webstack.tfplan")
	opts := attach(w, []tfexec.PlanOption{tfexec.Out(planFile), tfexec.Refresh(refresh)})
	if lockTimeout != "" {
		opts = append(opts, tfexec.LockTimeout(lockTimeout))
	}
	changed, err := w.tf.Plan(ctx, opts...)
	if err != nil {
		return nil, err
	}
	defer os.Remove(planFile)
	if !changed {
		return nil, nil
	}
	return w.tf.ShowPlanFile(ctx, planFile, attach[tfexec.ShowOption](w, nil)...)
}

// SavePlan plans into file and returns the plan, with or without changes.
// A relative file is relative to this process's directory, like every path
// a caller names; Terraform itself runs in w.Dir.
func (w *Workspace) SavePlan(ctx context.Context, file string) (*tfjson.Plan, error) {
	file, err := filepath.Abs(file)
	if err != nil {
		return nil, err
	}
	if _, err := w.tf.Plan(ctx, attach(w, []tfexec.PlanOption{tfexec.Out(file)})...); err != nil {
		return nil, err
	}
	// The plan as JSON is data for the caller, not progress: keep its
	// hundreds of kilobytes out of the log (the plan itself is there).
	w.tf.SetStdout(io.Discard)
	plan, err := w.tf.ShowPlanFile(ctx, file, attach[tfexec.ShowOption](w, nil)...)
	if w.log != nil {
		w.tf.SetStdout(w.log)
	}
	return plan, err
}

// ApplyPlan applies a plan SavePlan saved: exactly what was shown. A
// relative file is relative to this process's directory, as for SavePlan.
func (w *Workspace) ApplyPlan(ctx context.Context, file string) error {
	file, err := filepath.Abs(file)
	if err != nil {
		return err
	}
	return w.tf.Apply(ctx, attach(w, []tfexec.ApplyOption{tfexec.DirOrPlan(file)})...)
}

// Outputs returns the outputs, decoded from JSON.
func (w *Workspace) Outputs(ctx context.Context) (map[string]any, error) {
	// The JSON is data, not progress: keep it out of the log.
	w.tf.SetStdout(io.Discard)
	meta, err := w.tf.Output(ctx)
	if w.log != nil {
		w.tf.SetStdout(w.log)
	}
	if err != nil {
		return nil, err
	}
	out := map[string]any{}
	for k, m := range meta {
		var v any
		if err := json.Unmarshal(m.Value, &v); err != nil {
			return nil, fmt.Errorf("output %s: %w", k, err)
		}
		out[k] = v
	}
	return out, nil
}

// Lines is a writer that hands each whole line written to it, without its
// line end, to Line, one call at a time: what reads a command's output as it
// runs needs lines, not the chunks the command writes.
type Lines struct {
	Line func(line string)
	mu   sync.Mutex
	buf  []byte
}

func (l *Lines) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf = append(l.buf, p...)
	for {
		nl := bytes.IndexByte(l.buf, '\n')
		if nl < 0 {
			return len(p), nil
		}
		line := string(bytes.TrimRight(l.buf[:nl], "\r"))
		l.buf = l.buf[nl+1:]
		l.Line(line)
	}
}

// prefixLines writes every non-blank line to w with prefix, so the output of
// workspaces running side by side stays readable.
func prefixLines(w io.Writer, prefix string) *Lines {
	return &Lines{Line: func(line string) {
		if strings.TrimSpace(line) != "" {
			fmt.Fprintf(w, "%s%s\n", prefix, line)
		}
	}}
}

// EmulatorEnv is the environment that points a stack synthesized with
// target "emulator" at the emulator at endpoint: AWS_ENDPOINT_URL for the
// provider and the S3 backend (emutarget.EndpointVar), and the backend's own
// S3 and STS settings, which older Terraform releases read instead.
func EmulatorEnv(endpoint string) map[string]string {
	return map[string]string{emutarget.EndpointVar: endpoint, "AWS_ENDPOINT_URL_S3": endpoint, "AWS_ENDPOINT_URL_STS": endpoint}
}
