package tfharness

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"
)

// ServerVar turns the provider server off when set to "off": Terraform then
// starts the AWS provider itself, several times per command.
const ServerVar = "WEBSTACK_PROVIDER_SERVER"

// awsProvider is the provider a workspace serves from one process.
const awsProvider = "registry.terraform.io/hashicorp/aws"

// A providerServer is the AWS provider started once for all of a
// workspace's commands, which Terraform attaches to (TF_REATTACH_PROVIDERS)
// instead of launching it itself. Launched, it costs each command a hash of
// its 700 MB package (Terraform checks it against the lock file: 0.8 s of
// CPU) and two or three starts, each building the provider's schema again: a
// plan of the local stack took 5.3 s of CPU launched and 3.3 s attached
// (docs/performance.md). Terraform's lock-file check does not apply to an
// attached provider, so the server is the binary terraform init installed
// and verified in the workspace.
type providerServer struct {
	cmd      *exec.Cmd
	reattach tfexec.ReattachInfo
	exited   chan struct{}
	stderr   *tail
}

// reattachLine is how the provider, started with -debug, says where it
// listens.
var reattachLine = regexp.MustCompile(`TF_REATTACH_PROVIDERS='(\{.*\})'`)

// serverStartTimeout bounds the wait for a started provider to say where it
// listens (it answers in a fraction of a second).
const serverStartTimeout = time.Minute

// caBundleVar is the AWS SDK's setting for extra trusted CA certificates.
const caBundleVar = "AWS_CA_BUNDLE"

// startProviderServer starts binary in debug mode, with env and dir as
// Terraform would give it, and returns once it listens. The server is given
// no CA bundle: it serves only plain-HTTP endpoints (serverBinary), where the
// bundle verifies nothing, and with one the AWS provider (5.100) fails every
// configuration after its first ("unable to add custom RootCAs HTTPClient,
// has no WithTransportOptions"): it keeps the HTTP client it built the first
// time, which the SDK can no longer add the bundle to.
func startProviderServer(binary, dir string, env []string) (*providerServer, error) {
	s := &providerServer{exited: make(chan struct{}), stderr: &tail{max: 4 << 10}}
	env = slices.DeleteFunc(slices.Clone(env), func(kv string) bool { return strings.HasPrefix(kv, caBundleVar+"=") })
	ready := make(chan error, 1)
	go func() {
		// The server dies with this process (Pdeathsig), even when it is
		// killed; Linux sends that signal when the thread that started the
		// child ends, so this goroutine keeps its thread until the child is
		// gone. SIGINT is the server's own way out: it stops listening and
		// removes its socket. The thread is then handed back, not ended:
		// ending it would signal every other child it started before, such
		// as Terraform, which terraform-exec starts with a parent-death
		// SIGKILL.
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		defer close(s.exited)
		cmd := exec.Command(binary, "-debug")
		cmd.Dir, cmd.Env, cmd.Stderr = dir, env, s.stderr
		// A process group of its own: Ctrl-C in a terminal reaches
		// Terraform, which stops its operations through the provider and
		// saves the state; the provider must outlive that.
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGINT}
		out, err := cmd.StdoutPipe()
		if err != nil {
			ready <- err
			return
		}
		if err := cmd.Start(); err != nil {
			ready <- err
			return
		}
		s.cmd = cmd
		found := false
		lines := bufio.NewScanner(out)
		lines.Buffer(make([]byte, 64<<10), 1<<20)
		for lines.Scan() {
			if found {
				continue // drained until the server exits
			}
			if m := reattachLine.FindSubmatch(lines.Bytes()); m != nil {
				found = true
				ready <- json.Unmarshal(m[1], &s.reattach)
			}
		}
		werr := cmd.Wait()
		if !found {
			ready <- fmt.Errorf("the AWS provider (%s -debug) exited without saying where it listens (%v): %s", binary, werr, s.stderr)
		}
	}()
	select {
	case err := <-ready:
		if err == nil {
			if _, ok := s.reattach[awsProvider]; !ok {
				err = fmt.Errorf("the AWS provider's debug server names no %s", awsProvider)
			}
		}
		if err != nil {
			s.stop()
			return nil, err
		}
		return s, nil
	case <-time.After(serverStartTimeout):
		s.stop()
		return nil, fmt.Errorf("the AWS provider (%s -debug) did not say where it listens within %s", binary, serverStartTimeout)
	}
}

// stop asks the server to finish (SIGINT), and kills it if it has not
// within a few seconds.
func (s *providerServer) stop() {
	if s == nil || s.cmd == nil || s.cmd.Process == nil {
		return
	}
	s.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-s.exited:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-s.exited
	}
}

// serverBinary is the AWS provider terraform init installed for the
// workspace, when the workspace can be served by one provider process: its
// configuration is cdktf's JSON with one AWS provider configuration and no
// modules (each configuration is a process of its own; one process serves
// one), and env (Terraform's) sends every AWS call to a plain-HTTP endpoint,
// the emulator. Otherwise "".
//
// Terraform configures a provider process once; a server is configured by
// every command, which the AWS provider is not built for (see
// startProviderServer for the failure a CA bundle meets). Against AWS itself,
// where a deploy waits minutes on the API anyway, Terraform launches the
// provider as it always does.
func serverBinary(dir, dataDir string, env []string) string {
	if os.Getenv(ServerVar) == "off" || !plainHTTPEndpoints(env) {
		return ""
	}
	data, err := os.ReadFile(filepath.Join(dir, "cdk.tf.json"))
	if err != nil {
		return ""
	}
	var c struct {
		Provider map[string][]json.RawMessage `json:"provider"`
		Module   json.RawMessage              `json:"module"`
	}
	if json.Unmarshal(data, &c) != nil || len(c.Provider["aws"]) != 1 || c.Module != nil {
		return ""
	}
	if dataDir == "" {
		dataDir = filepath.Join(dir, ".terraform")
	}
	found, _ := filepath.Glob(filepath.Join(dataDir, "providers", awsProvider, "*", runtime.GOOS+"_"+runtime.GOARCH, "terraform-provider-aws*"))
	if len(found) != 1 {
		return ""
	}
	// Absolute: the server starts in dir, where a path relative to the
	// caller's directory (make's default out dir is) names nothing.
	abs, err := filepath.Abs(found[0])
	if err != nil {
		return ""
	}
	return abs
}

// plainHTTPEndpoints reports whether env sets AWS_ENDPOINT_URL and every
// AWS endpoint it sets (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>) is
// plain HTTP.
func plainHTTPEndpoints(env []string) bool {
	general := false
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		if k != "AWS_ENDPOINT_URL" && !strings.HasPrefix(k, "AWS_ENDPOINT_URL_") {
			continue
		}
		if !strings.HasPrefix(v, "http://") {
			return false
		}
		general = general || k == "AWS_ENDPOINT_URL"
	}
	return general
}

// tail keeps the last max bytes written to it.
type tail struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - t.max; over > 0 {
		t.buf = t.buf[over:]
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}
