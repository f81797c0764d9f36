package tfharness

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestServerOnlyWhereOneProcessCanServe: the provider server serves a
// workspace whose JSON has one AWS provider configuration and no modules,
// with the provider terraform init installed, bound for a plain-HTTP
// endpoint (the emulator); not an aliased second configuration (a process of
// its own each), a module tree, HCL, AWS itself or an HTTPS endpoint, or with
// WEBSTACK_PROVIDER_SERVER=off.
func TestServerOnlyWhereOneProcessCanServe(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, ".terraform", "providers", awsProvider, "5.100.0", "linux_amd64", "terraform-provider-aws_v5.100.0_x5")
	if err := os.MkdirAll(filepath.Dir(bin), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, nil, 0o755); err != nil {
		t.Fatal(err)
	}
	for config, want := range map[string]string{
		`{"provider": {"aws": [{"region": "us-east-1"}], "random": [{}]}}`:                         bin,
		`{"provider": {"aws": [{"region": "us-east-1"}, {"alias": "us", "region": "us-west-2"}]}}`: "",
		`{"provider": {"aws": [{"region": "us-east-1"}]}, "module": {"m": {"source": "./m"}}}`:     "",
		`{"provider": {"random": [{}]}}`:                                                           "",
		`not json`:                                                                                 "",
	} {
		if err := os.WriteFile(filepath.Join(dir, "cdk.tf.json"), []byte(config), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := serverBinary(dir, "", emulator); got != want {
			t.Errorf("%s: server binary %q, want %q", config, got, want)
		}
	}
	os.WriteFile(filepath.Join(dir, "cdk.tf.json"), []byte(`{"provider": {"aws": [{}]}}`), 0o644)
	for _, env := range [][]string{
		{"HOME=/root"}, // AWS itself
		{"AWS_ENDPOINT_URL="},
		{"AWS_ENDPOINT_URL=https://localhost.localstack.cloud:4566"},
		{"AWS_ENDPOINT_URL=http://127.0.0.1:5000", "AWS_ENDPOINT_URL_S3=https://s3.example.com"},
		{"AWS_ENDPOINT_URL_S3=http://127.0.0.1:5000"}, // the rest to AWS
	} {
		if got := serverBinary(dir, "", env); got != "" {
			t.Errorf("a workspace with %q is served by %q", env, got)
		}
	}
	t.Setenv(ServerVar, "off")
	if got := serverBinary(dir, "", emulator); got != "" {
		t.Errorf("%s=off still serves %q", ServerVar, got)
	}
	os.Remove(filepath.Join(dir, "cdk.tf.json"))
	t.Setenv(ServerVar, "")
	if got := serverBinary(dir, "", emulator); got != "" {
		t.Errorf("a directory without cdk.tf.json (HCL) is served by %q", got)
	}
}

// emulator is the environment of a workspace bound for the emulator.
var emulator = []string{"HOME=/root", "AWS_ENDPOINT_URL=http://127.0.0.1:5000", "AWS_ENDPOINT_URL_S3=http://127.0.0.1:5000"}

// TestProviderServerLifecycle: Init of a one-provider workspace (in a
// relative directory) starts the AWS provider once, in a process group of
// its own (a terminal's Ctrl-C is for Terraform); commands attach to it, each
// configuring it again, also with a CA bundle set (CI machines set
// AWS_CA_BUNDLE); Close stops it, leaving no socket.
func TestProviderServerLifecycle(t *testing.T) {
	t.Setenv(ServerVar, "")
	tf, providers := setupForTest(t)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where the server opens its socket
	dir := t.TempDir()
	stack := `{"terraform": {"required_providers": {"aws": {"source": "hashicorp/aws"}}},
	  "provider": {"aws": [{"region": "us-east-1", "access_key": "test", "secret_key": "test",
	    "skip_credentials_validation": true, "skip_requesting_account_id": true, "skip_metadata_api_check": "true"}]},
	  "data": {"aws_partition": {"current": {}}},
	  "output": {"partition": {"value": "${data.aws_partition.current.partition}"}}}`
	if err := os.WriteFile(filepath.Join(dir, "cdk.tf.json"), []byte(stack), 0o644); err != nil {
		t.Fatal(err)
	}
	// Children started the way terraform-exec starts Terraform (SIGKILL when
	// the starting thread ends), from threads the server may later take: the
	// server must not end any thread when it stops.
	var others []*exec.Cmd
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := exec.Command("sleep", "300")
			c.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
			if err := c.Start(); err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			others = append(others, c)
			mu.Unlock()
		}()
	}
	wg.Wait()
	defer func() {
		for _, c := range others {
			c.Process.Kill()
			c.Wait()
		}
	}()
	// aws_partition calls no API: nothing needs to listen at the endpoint,
	// but the provider must be configured, with the bundle, for it.
	t.Setenv(caBundleVar, writeCABundle(t))
	// A directory relative to the working directory, as make's default out
	// directory is (the server once failed to start there).
	t.Chdir(filepath.Dir(dir))
	var log strings.Builder
	w, err := NewWorkspace(filepath.Base(dir), Options{Terraform: tf, Providers: providers, Log: &log, Serve: true,
		Env: map[string]string{"AWS_ENDPOINT_URL": "http://127.0.0.1:9"}})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.Init(t.Context(), true); err != nil {
		t.Fatal(err)
	}
	if w.server == nil || !strings.Contains(log.String(), ServedNote) {
		t.Fatalf("Init started no provider server for a one-provider workspace:\n%s", log.String())
	}
	pid := w.server.cmd.Process.Pid
	if pgid, err := syscall.Getpgid(pid); err != nil || pgid != pid {
		t.Errorf("the server runs in process group %d (%v), not one of its own", pgid, err)
	}
	before := cpuTicks(t, pid)
	for i := range 2 {
		if _, err := w.PlanOverState(t.Context()); err != nil {
			t.Fatalf("plan %d attached to the server: %v", i+1, err)
		}
	}
	if after := cpuTicks(t, pid); after <= before {
		t.Errorf("the server did no work during the plan (CPU ticks %d, then %d): Terraform did not attach to it", before, after)
	}
	w.Close()
	if err := syscall.Kill(pid, 0); err == nil {
		t.Errorf("Close left the provider server (pid %d) running", pid)
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("the stopped server left %s in TMPDIR", left[0].Name())
	}
	time.Sleep(200 * time.Millisecond) // a parent-death signal is delivered at once
	for _, c := range others {
		// A killed child is a zombie until waited for: read its state.
		stat, err := os.ReadFile("/proc/" + strconv.Itoa(c.Process.Pid) + "/stat")
		if err != nil || strings.Fields(string(stat)[strings.LastIndexByte(string(stat), ')')+2:])[0] == "Z" {
			t.Fatalf("stopping the server killed another child of this process (pid %d): it ended a thread", c.Process.Pid)
		}
	}
}

// cpuTicks is the user and system time process pid has used, in clock ticks.
func cpuTicks(t *testing.T, pid int) int {
	t.Helper()
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		t.Fatal(err)
	}
	// The fields after the command name (in parentheses, which may hold spaces).
	f := strings.Fields(string(data)[strings.LastIndexByte(string(data), ')')+2:])
	utime, _ := strconv.Atoi(f[11])
	stime, _ := strconv.Atoi(f[12])
	return utime + stime
}

// writeCABundle writes a PEM bundle holding one self-signed CA certificate
// and returns its path.
func writeCABundle(t *testing.T) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ca := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "webstack test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, ca, ca, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
