// Package emulator runs moto_server, a local AWS emulator, for deploys and
// tests: bound to 127.0.0.1 on a free port, ready-checked before use, and
// stopped by its PID (its process group) when done.
package emulator

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// ErrNoMoto says moto_server is not on PATH.
var ErrNoMoto = errors.New("moto_server is not on PATH (pip install 'moto[server]')")

// Env is what moto needs to emulate this stack: AWS-managed IAM policies
// (AmazonSSMManagedInstanceCore) and ACM certificates issued at once.
func Env() []string {
	return []string{"MOTO_IAM_LOAD_MANAGED_POLICIES=true", "MOTO_ACM_VALIDATION_WAIT=0"}
}

// Server is a running moto_server.
type Server struct {
	URL     string
	PID     int
	LogPath string
}

// Options configure Start.
type Options struct {
	// LogPath receives moto's output. Default: a file in the temp directory.
	LogPath string
	// Detach leaves the server running after this process exits (make deploy
	// then make destroy). Otherwise the kernel stops it if this process dies.
	Detach bool
	// ReadyTimeout bounds the wait for the first answer. Default: 60s.
	ReadyTimeout time.Duration
}

// Start launches moto_server on a free port of 127.0.0.1, with Env, and waits until it answers.
func Start(ctx context.Context, o Options) (*Server, error) { return start(ctx, o, Env()) }

func start(ctx context.Context, o Options, env []string) (*Server, error) {
	bin, err := exec.LookPath("moto_server")
	if err != nil {
		return nil, ErrNoMoto
	}
	if o.ReadyTimeout == 0 {
		o.ReadyTimeout = 60 * time.Second
	}
	if o.LogPath == "" {
		f, err := os.CreateTemp("", "moto-*.log")
		if err != nil {
			return nil, err
		}
		f.Close()
		o.LogPath = f.Name()
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	logFile, err := os.Create(o.LogPath)
	if err != nil {
		return nil, err
	}
	defer logFile.Close()
	cmd := exec.Command(bin, "-H", "127.0.0.1", "-p", strconv.Itoa(port))
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if !o.Detach {
		cmd.SysProcAttr.Pdeathsig = syscall.SIGTERM
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &Server{URL: fmt.Sprintf("http://127.0.0.1:%d", port), PID: cmd.Process.Pid, LogPath: o.LogPath}
	go cmd.Wait() //nolint:errcheck // reaps the child whenever it exits while this process lives
	if err := s.waitReady(ctx, o.ReadyTimeout); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Ready says whether the server answers.
func (s *Server) Ready(ctx context.Context) bool {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.URL+"/moto-api/", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

func (s *Server) waitReady(ctx context.Context, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if s.Ready(ctx) {
			return nil
		}
		if !s.running() {
			return fmt.Errorf("moto_server exited during start-up; see %s", s.LogPath)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
	return fmt.Errorf("moto_server did not answer on %s within %s; see %s", s.URL, timeout, s.LogPath)
}

// running says whether the process exists and is not a zombie.
func (s *Server) running() bool {
	if syscall.Kill(s.PID, 0) != nil {
		return false
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", s.PID))
	return err != nil || !strings.Contains(string(stat), ") Z ")
}

// Alive says whether the process still runs and is moto_server (a PID from a
// record may have been reused by something else). The command line is read
// only once start-up is over: a pyenv shim execs through several programs.
func (s *Server) Alive() bool {
	cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", s.PID))
	return err == nil && strings.Contains(string(cmdline), "moto_server") && s.running()
}

// Stop terminates the server's process group: SIGTERM, then SIGKILL after 5s.
func (s *Server) Stop() error {
	if s == nil || s.PID == 0 {
		return nil
	}
	if !s.running() {
		return nil
	}
	_ = syscall.Kill(-s.PID, syscall.SIGTERM)
	for i := 0; i < 50 && s.running(); i++ {
		time.Sleep(100 * time.Millisecond)
	}
	if s.running() {
		_ = syscall.Kill(-s.PID, syscall.SIGKILL)
		for i := 0; i < 20 && s.running(); i++ {
			time.Sleep(100 * time.Millisecond)
		}
	}
	if s.running() {
		return fmt.Errorf("moto_server (pid %d) did not stop", s.PID)
	}
	return nil
}

// record is what Save writes, for a later command to find the server.
type record struct {
	URL     string `json:"url"`
	PID     int    `json:"pid"`
	LogPath string `json:"log"`
}

// Save records the server in path.
func (s *Server) Save(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	data, _ := json.MarshalIndent(record{s.URL, s.PID, s.LogPath}, "", "  ")
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// Load returns the server recorded in path, or nil when there is no record
// or the recorded server is no longer running.
func Load(ctx context.Context, path string) *Server {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var r record
	if json.Unmarshal(data, &r) != nil {
		return nil
	}
	s := &Server{URL: r.URL, PID: r.PID, LogPath: r.LogPath}
	if !s.Alive() || !s.Ready(ctx) {
		return nil
	}
	return s
}
