// Package instancesim boots a web instance's user data on this machine, in a
// sandbox that stands in for an EC2 instance: its own network, mount and PID
// namespaces (no route out: only loopback and the metadata service's
// address), a metadata service that requires IMDSv2 tokens, real nginx,
// python3 and curl, and stand-ins only for what Amazon Linux 2023 has and
// this machine lacks (systemd's systemctl, dnf, rpm and cloud-init's
// once-per-instance run of the user data). A halt kills everything in the
// sandbox; the next boot starts the units that were enabled and does not run
// the user data again, as on an instance.
//
// It needs root (namespaces, mounts), unshare, ip and nginx. Everything an
// instance writes lands in its own directory, laid over the system paths the
// bootstrap writes; nothing else of the machine is changed.
package instancesim

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

//go:embed sim
var simFiles embed.FS

// Packages says how the package repositories behave for dnf.
type Packages string

const (
	PackagesReachable Packages = "reachable" // dnf installs at once
	PackagesHanging   Packages = "hanging"   // dnf never answers (no route out)
	PackagesRefused   Packages = "refused"   // dnf fails at once
)

// Missing says what this machine lacks to simulate an instance, or nil.
func Missing() error {
	if os.Geteuid() != 0 {
		return errors.New("the instance simulator needs root (namespaces and mounts)")
	}
	for _, tool := range []string{"unshare", "nsenter", "ip", "nginx", "python3", "curl", "ss"} {
		if _, err := exec.LookPath(tool); err != nil {
			return fmt.Errorf("the instance simulator needs %s (apt-get install nginx iproute2 util-linux curl)", tool)
		}
	}
	if _, err := os.Stat("/etc/nginx/mime.types"); err != nil {
		return errors.New("the instance simulator needs nginx's /etc/nginx/mime.types (apt-get install nginx)")
	}
	if out, err := exec.Command("unshare", "--net", "--mount", "--pid", "--fork", "true").CombinedOutput(); err != nil {
		return fmt.Errorf("namespaces are not available here (unshare: %v: %s)", err, bytes.TrimSpace(out))
	}
	return nil
}

// Instance is one simulated instance: its disk persists across boots.
type Instance struct {
	dir      string
	Metadata *Metadata
	boot     *exec.Cmd
	bootDone chan struct{}
	stopIMDS func()
	imdsHost *exec.Cmd
}

// New lays out an instance in dir (which must exist and be empty) with the
// given user data. It does not boot it.
func New(dir string, userData []byte, packages Packages) (*Instance, error) {
	if !bytes.HasPrefix(userData, []byte("#!")) {
		return nil, errors.New("the simulator runs user data that is a script (#!); cloud-config is cloud-init's own")
	}
	for _, d := range []string{"bin", "log", "root"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return nil, err
		}
	}
	files := map[string]string{"boot.sh": "boot.sh", "systemctl": "bin/systemctl", "dnf": "bin/dnf", "rpm": "bin/rpm"}
	for src, dst := range files {
		data, err := simFiles.ReadFile("sim/" + src)
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(dir, dst), data, 0o755); err != nil {
			return nil, err
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "user-data"), userData, 0o755); err != nil {
		return nil, err
	}
	i := &Instance{dir: dir, Metadata: &Metadata{Mode: MetadataOK, InstanceID: "i-0123456789abcdef0", Zone: "us-east-1a"}}
	return i, i.SetPackages(packages)
}

// SetPackages changes how the package repositories behave from now on.
func (i *Instance) SetPackages(p Packages) error {
	return os.WriteFile(filepath.Join(i.dir, "packages"), []byte(p), 0o644)
}

// Boot starts the instance: the first boot runs the user data (in the
// background, as cloud-init does while the machine is up). It returns once
// the sandbox's network exists and the metadata service listens.
func (i *Instance) Boot(ctx context.Context) error {
	if i.boot != nil {
		return errors.New("already running")
	}
	cmd := exec.Command("unshare", "--net", "--mount", "--pid", "--fork", "--mount-proc", "--kill-child",
		"bash", filepath.Join(i.dir, "boot.sh"))
	cmd.Env = append(os.Environ(), "SIM_ROOT="+i.dir)
	log, err := os.OpenFile(filepath.Join(i.dir, "log", "boot.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	defer log.Close()
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return err
	}
	i.boot, i.bootDone = cmd, make(chan struct{})
	go func() { cmd.Wait(); close(i.bootDone) }()

	// The metadata service is another host on the instance's only link, as
	// on EC2 (on the instance's own loopback it would hold port 80 of every
	// address): a namespace of its own, joined to the instance's by a veth
	// pair, and ready before boot.sh sees the link and runs the user data.
	pid, err := i.waitInit(ctx)
	if err == nil {
		err = i.linkMetadataHost(pid)
	}
	if err != nil {
		i.Halt()
		return fmt.Errorf("the sandbox did not come up: %v (see %s)", err, filepath.Join(i.dir, "log", "boot.log"))
	}
	return nil
}

func (i *Instance) waitInit(ctx context.Context) (int, error) {
	deadline := time.Now().Add(10 * time.Second)
	for {
		if pid, err := i.initPID(); err == nil {
			return pid, nil
		}
		if time.Now().After(deadline) {
			return 0, errors.New("no init process")
		}
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// linkMetadataHost starts the metadata service's namespace, links it to the
// instance's (169.254.0.2/16 on the instance, 169.254.169.254 on the
// service) and serves i.Metadata there.
func (i *Instance) linkMetadataHost(instancePID int) error {
	host := exec.Command("unshare", "--net", "sleep", "infinity")
	host.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := host.Start(); err != nil {
		return err
	}
	i.imdsHost = host
	go host.Wait()
	hostPID := host.Process.Pid
	// Wait until unshare has made the namespace.
	own, _ := os.Readlink("/proc/self/ns/net")
	for n := 0; ; n++ {
		if ns, err := os.Readlink(fmt.Sprintf("/proc/%d/ns/net", hostPID)); err == nil && ns != own {
			break
		}
		if n == 200 {
			return errors.New("the metadata service's namespace did not appear")
		}
		time.Sleep(10 * time.Millisecond)
	}
	inst, meta := fmt.Sprintf("wsi%d", instancePID), fmt.Sprintf("wsm%d", instancePID)
	steps := [][]string{
		{"ip", "link", "add", inst, "type", "veth", "peer", "name", meta},
		{"ip", "link", "set", inst, "netns", fmt.Sprint(instancePID)},
		{"ip", "link", "set", meta, "netns", fmt.Sprint(hostPID)},
		{"nsenter", "-t", fmt.Sprint(hostPID), "-n", "ip", "link", "set", "lo", "up"},
		{"nsenter", "-t", fmt.Sprint(hostPID), "-n", "ip", "addr", "add", "169.254.169.254/16", "dev", meta},
		{"nsenter", "-t", fmt.Sprint(hostPID), "-n", "ip", "link", "set", meta, "up"},
		{"nsenter", "-t", fmt.Sprint(instancePID), "-n", "ip", "link", "set", inst, "up"},
	}
	for _, s := range steps {
		if out, err := exec.Command(s[0], s[1:]...).CombinedOutput(); err != nil {
			return fmt.Errorf("%s: %v: %s", strings.Join(s, " "), err, bytes.TrimSpace(out))
		}
	}
	stop, err := serveMetadata(hostPID, i.Metadata)
	if err != nil {
		return err
	}
	i.stopIMDS = stop
	// Last: the address boot.sh waits for, once the service is ready.
	step := []string{"nsenter", "-t", fmt.Sprint(instancePID), "-n", "ip", "addr", "add", "169.254.0.2/16", "dev", inst}
	if out, err := exec.Command(step[0], step[1:]...).CombinedOutput(); err != nil {
		return fmt.Errorf("%s: %v: %s", strings.Join(step, " "), err, bytes.TrimSpace(out))
	}
	return nil
}

// initPID is the PID, seen from here, of the sandbox's PID 1 (unshare's child).
func (i *Instance) initPID() (int, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/children", i.boot.Process.Pid, i.boot.Process.Pid))
	if err != nil {
		return 0, err
	}
	var pid int
	if _, err := fmt.Sscan(string(data), &pid); err != nil {
		return 0, errors.New("no init yet")
	}
	return pid, nil
}

// Halt kills everything in the sandbox, as pulling the plug does.
func (i *Instance) Halt() {
	if i.boot == nil {
		return
	}
	if i.stopIMDS != nil {
		i.stopIMDS()
		i.stopIMDS = nil
	}
	if i.imdsHost != nil { // its namespace, and the veth pair with it, go
		_ = i.imdsHost.Process.Kill()
		i.imdsHost = nil
	}
	_ = syscall.Kill(-i.boot.Process.Pid, syscall.SIGKILL)
	if pid, err := i.initPID(); err == nil {
		_ = syscall.Kill(pid, syscall.SIGKILL) // PID 1 of the namespace: its death ends every process in it
	}
	<-i.bootDone
	i.boot = nil
}

// Reboot halts the instance and boots it again.
func (i *Instance) Reboot(ctx context.Context) error {
	i.Halt()
	return i.Boot(ctx)
}

// Exec runs a command inside the running instance, with the stand-ins on
// PATH, and returns its combined output.
func (i *Instance) Exec(ctx context.Context, name string, args ...string) (string, error) {
	pid, err := i.initPID()
	if err != nil {
		return "", errors.New("the instance is not running")
	}
	full := append([]string{"-t", fmt.Sprint(pid), "-m", "-n", "-p", "--", "env",
		"PATH=" + filepath.Join(i.dir, "bin") + ":" + os.Getenv("PATH"), "SIM_ROOT=" + i.dir,
		"SIM_STATE=/run/sim-systemd", name}, args...)
	out, err := exec.CommandContext(ctx, "nsenter", full...).CombinedOutput()
	return string(out), err
}

// RunUserData runs the user data again inside the running instance (as
// `cloud-init single` or a user re-running it by hand would).
func (i *Instance) RunUserData(ctx context.Context) (string, error) {
	return i.Exec(ctx, filepath.Join(i.dir, "user-data"))
}

// Listeners counts the listening sockets on TCP port inside the instance: one
// per server (nginx's master and workers share one).
func (i *Instance) Listeners(ctx context.Context, port int) (int, error) {
	out, err := i.Exec(ctx, "ss", "-Hltn", fmt.Sprintf("sport = :%d", port))
	if err != nil {
		return 0, fmt.Errorf("ss: %v: %s", err, out)
	}
	n := 0
	for _, l := range strings.Split(out, "\n") {
		if strings.TrimSpace(l) != "" {
			n++
		}
	}
	return n, nil
}

// Response is what an HTTP GET from inside the instance's network returned.
type Response struct {
	Status int
	Server string
	Body   string
}

// Get requests path on port from inside the instance's network, as the load
// balancer would, with a short timeout.
func (i *Instance) Get(port int, path string) (Response, error) {
	pid, err := i.initPID()
	if err != nil {
		return Response{}, errors.New("the instance is not running")
	}
	conn, err := dialIn(pid, fmt.Sprintf("127.0.0.1:%d", port), time.Second)
	if err != nil {
		return Response{}, err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(2 * time.Second))
	req, _ := http.NewRequest(http.MethodGet, "http://instance"+path, nil)
	req.Header.Set("User-Agent", "ELB-HealthChecker/2.0")
	req.Close = true
	if err := req.Write(conn); err != nil {
		return Response{}, err
	}
	resp, err := http.ReadResponse(newReader(conn), req)
	if err != nil {
		return Response{}, err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	return Response{Status: resp.StatusCode, Server: resp.Header.Get("Server"), Body: string(body)}, nil
}

// WaitFor polls path on port until ok accepts a response or timeout passes,
// and returns how long that took.
func (i *Instance) WaitFor(ctx context.Context, port int, path string, timeout time.Duration, ok func(Response) bool) (time.Duration, Response, error) {
	start := time.Now()
	var last Response
	var lastErr error
	for time.Since(start) < timeout {
		r, err := i.Get(port, path)
		if err == nil && ok(r) {
			return time.Since(start), r, nil
		}
		last, lastErr = r, err
		select {
		case <-ctx.Done():
			return time.Since(start), last, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	if lastErr != nil {
		return time.Since(start), last, fmt.Errorf("not within %s: %v", timeout, lastErr)
	}
	return time.Since(start), last, fmt.Errorf("not within %s: last answer %d (%s) %q", timeout, last.Status, last.Server, last.Body)
}

// File reads a file the instance wrote, by its path inside the instance (one
// of the persistent system paths, or the simulator's logs under /log).
func (i *Instance) File(path string) ([]byte, error) {
	if strings.HasPrefix(path, "/log/") {
		return os.ReadFile(filepath.Join(i.dir, path))
	}
	return os.ReadFile(filepath.Join(i.dir, "root", path))
}

// Logs is the end of every log the instance wrote: cloud-init's output and
// each unit's.
func (i *Instance) Logs() string {
	var b strings.Builder
	files, _ := filepath.Glob(filepath.Join(i.dir, "log", "*"))
	for _, f := range files {
		data, _ := os.ReadFile(f)
		lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
		fmt.Fprintf(&b, "--- %s (last %d lines)\n%s\n", filepath.Base(f), min(len(lines), 15),
			strings.Join(lines[max(0, len(lines)-15):], "\n"))
	}
	return b.String()
}

// WaitUserData waits until the first boot's run of the user data has ended
// and returns its exit status (as cloud-init's output records it).
func (i *Instance) WaitUserData(ctx context.Context, timeout time.Duration) (int, error) {
	deadline := time.Now().Add(timeout)
	for {
		log, _ := os.ReadFile(filepath.Join(i.dir, "log", "cloud-init-output.log"))
		if _, rest, ok := strings.Cut(string(log), "\nexit "); ok || strings.HasPrefix(string(log), "exit ") {
			if !ok {
				rest = strings.TrimPrefix(string(log), "exit ")
			}
			var code int
			fmt.Sscan(rest, &code)
			return code, nil
		}
		if time.Now().After(deadline) {
			return 0, fmt.Errorf("the user data did not end within %s", timeout)
		}
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// UnitEnabled says whether unit is enabled (starts at boot) in the running instance.
func (i *Instance) UnitEnabled(ctx context.Context, unit string) bool {
	_, err := i.Exec(ctx, "systemctl", "is-enabled", "--quiet", unit)
	return err == nil
}
