package instancesim

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// healthBound is how soon after boot an instance launched from our template
// must answer its health check, whatever the network and the metadata
// service do: the README promises it, and the internal variant's grace
// period of 0 needs it.
const healthBound = 5 * time.Second

// launchUserData is the user data of every launch template in the goldens,
// decoded from the synthesized JSON: what an instance gets. Variants sharing
// one script are listed together.
type launchUserData struct {
	Script   []byte
	Variants []string
	Port     int
	Health   string // the health check's path
	Matcher  string
}

func goldenUserData(t *testing.T) []*launchUserData {
	t.Helper()
	files, _ := filepath.Glob("../../__snapshots__/*.json")
	if len(files) == 0 {
		t.Fatal("no goldens in __snapshots__")
	}
	byScript := map[string]*launchUserData{}
	for _, f := range files {
		var stack struct {
			Resource map[string]map[string]map[string]any `json:"resource"`
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &stack); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		variant := strings.TrimSuffix(filepath.Base(f), ".json")
		var tg map[string]any
		for _, r := range stack.Resource["aws_lb_target_group"] {
			tg = r
		}
		for _, lt := range stack.Resource["aws_launch_template"] {
			script, err := base64.StdEncoding.DecodeString(fmt.Sprint(lt["user_data"]))
			if err != nil {
				t.Fatalf("%s: user_data is not base64: %v", variant, err)
			}
			u := byScript[string(script)]
			if u == nil {
				port, _ := strconv.Atoi(fmt.Sprint(tg["port"]))
				hc, _ := tg["health_check"].(map[string]any)
				u = &launchUserData{Script: script, Port: port, Health: fmt.Sprint(hc["path"]), Matcher: fmt.Sprint(hc["matcher"])}
				byScript[string(script)] = u
			}
			u.Variants = append(u.Variants, variant)
		}
	}
	var all []*launchUserData
	for _, u := range byScript {
		all = append(all, u)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Variants[0] < all[j].Variants[0] })
	return all
}

// bootstrap says whether the script is the web tier's own bootstrap (not an
// application a user brought).
func (u *launchUserData) bootstrap() bool {
	return strings.Contains(string(u.Script), "\n# webstack web tier bootstrap:")
}

// matches says whether status is in an ALB matcher ("200", "200-299", "200,302").
func matches(matcher string, status int) bool {
	for _, part := range strings.Split(matcher, ",") {
		lo, hi, found := strings.Cut(part, "-")
		a, _ := strconv.Atoi(lo)
		b := a
		if found {
			b, _ = strconv.Atoi(hi)
		}
		if status >= a && status <= b {
			return true
		}
	}
	return false
}

func needsSandbox(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("boots simulated instances")
	}
	if err := Missing(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and %v", err)
		}
		t.Skipf("skipping: %v", err)
	}
}

// boot lays out and boots an instance of u, halting it when the test ends.
func boot(t *testing.T, u *launchUserData, p Packages, m MetadataMode) *Instance {
	t.Helper()
	i, err := New(t.TempDir(), u.Script, p)
	if err != nil {
		t.Fatal(err)
	}
	i.Metadata.Mode = m
	if err := i.Boot(t.Context()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		i.Halt()
		if t.Failed() {
			t.Logf("the instance's logs:\n%s", i.Logs())
		}
	})
	return i
}

// healthy waits up to bound for the health check to answer the matcher and
// returns the answer.
func healthy(t *testing.T, i *Instance, u *launchUserData, bound time.Duration, what string) Response {
	t.Helper()
	took, r, err := i.WaitFor(t.Context(), u.Port, u.Health, bound, func(r Response) bool { return matches(u.Matcher, r.Status) })
	if err != nil {
		t.Fatalf("%s: the health check %s on port %d did not answer %s: %v", what, u.Health, u.Port, u.Matcher, err)
	}
	t.Logf("%s: %s answered %d (%s) after %v", what, u.Health, r.Status, r.Server, took.Round(10*time.Millisecond))
	return r
}

func oneServer(t *testing.T, i *Instance, port int, what string) {
	t.Helper()
	n, err := i.Listeners(t.Context(), port)
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		out, _ := i.Exec(t.Context(), "ss", "-ltnp")
		t.Errorf("%s: %d servers listen on port %d; want exactly one\n%s", what, n, port, out)
	}
}

// Without a route out the package manager hangs: the health check answers
// within the bound anyway, for the script of every variant (every NAT mode
// among them), and the Python server keeps serving.
func TestServesWithoutARouteOut(t *testing.T) {
	needsSandbox(t)
	scripts := goldenUserData(t)
	var covered []string
	for _, u := range scripts {
		covered = append(covered, u.Variants...)
	}
	for _, v := range []string{"nat-none", "nat-single", "nat-per-az", "internal", "local", "app"} {
		if !slices.Contains(covered, v) {
			t.Errorf("no golden of variant %s carries a launch template", v)
		}
	}
	for _, u := range scripts {
		t.Run(strings.Join(u.Variants, ","), func(t *testing.T) {
			t.Parallel()
			i := boot(t, u, PackagesHanging, MetadataOK)
			r := healthy(t, i, u, healthBound, "packages hanging")
			oneServer(t, i, u.Port, "packages hanging")
			if !u.bootstrap() {
				t.Logf("an application of the user's (%s): served by %q", strings.Join(u.Variants, ","), r.Server)
				return
			}
			if !strings.HasPrefix(r.Server, "SimpleHTTP") {
				t.Errorf("served by %q; want Python's server while nginx cannot be installed", r.Server)
			}
			page, _, err := i.WaitFor(t.Context(), u.Port, "/", 10*time.Second, func(r Response) bool {
				return strings.Contains(r.Body, "i-0123456789abcdef0 in us-east-1a")
			})
			if err != nil {
				t.Errorf("the page never named the instance and its zone (%v)", err)
			} else {
				t.Logf("the page named the instance after %v", page.Round(10*time.Millisecond))
			}
		})
	}
}

// With the package repositories reachable, nginx takes the port over from
// Python; a reboot serves with nginx at once; running the user data again
// keeps exactly one server on the port.
func TestNginxTakesOverAndSurvivesReboot(t *testing.T) {
	needsSandbox(t)
	u := scriptOf(t, "local")
	t.Parallel()
	i := boot(t, u, PackagesReachable, MetadataOK)
	healthy(t, i, u, healthBound, "first boot")
	r := nginxTakesOver(t, i, u, "on the first boot")
	if !matches(u.Matcher, r.Status) {
		t.Errorf("nginx answers the health check with %d", r.Status)
	}
	oneServer(t, i, u.Port, "after the takeover")

	if out, err := i.RunUserData(t.Context()); err != nil {
		t.Fatalf("running the user data again: %v\n%s", err, out)
	}
	oneServer(t, i, u.Port, "after running the user data again")
	if r := healthy(t, i, u, healthBound, "after running the user data again"); r.Server != "nginx" {
		t.Errorf("after running the user data again, served by %q; want nginx", r.Server)
	}

	if err := i.Reboot(t.Context()); err != nil {
		t.Fatal(err)
	}
	if r := healthy(t, i, u, healthBound, "after a reboot"); r.Server != "nginx" {
		t.Errorf("after a reboot, served by %q; want nginx", r.Server)
	}
	oneServer(t, i, u.Port, "after a reboot")
	shellcheck(t, i.dir+"/root/usr/local/sbin/webstack-nginx")
}

// With no route out, a reboot serves with Python again, and the nginx
// installer tries again; once the repositories answer, nginx takes over.
func TestRebootWithoutARouteOut(t *testing.T) {
	needsSandbox(t)
	u := scriptOf(t, "nat-none")
	t.Parallel()
	i := boot(t, u, PackagesRefused, MetadataOK)
	healthy(t, i, u, healthBound, "first boot")
	if code, err := i.WaitUserData(t.Context(), 30*time.Second); err != nil || code != 0 {
		t.Fatalf("the user data: exit %d, %v", code, err)
	}
	if err := i.Reboot(t.Context()); err != nil {
		t.Fatal(err)
	}
	healthy(t, i, u, healthBound, "after a reboot")
	oneServer(t, i, u.Port, "after a reboot")
	if err := i.SetPackages(PackagesReachable); err != nil {
		t.Fatal(err)
	}
	if err := i.Reboot(t.Context()); err != nil {
		t.Fatal(err)
	}
	nginxTakesOver(t, i, u, "after a reboot, once the repositories answered")
	oneServer(t, i, u.Port, "nginx after a reboot")
}

// Whatever the metadata service does, the health check answers within the
// bound, the page says it does not know the instance, and the user data ends
// within its own bound.
func TestServesWhateverTheMetadataServiceDoes(t *testing.T) {
	needsSandbox(t)
	u := scriptOf(t, "local")
	for _, m := range []MetadataMode{MetadataRefused, MetadataStalled, MetadataErroring} {
		t.Run(string(m), func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			i := boot(t, u, PackagesHanging, m)
			healthy(t, i, u, healthBound, "metadata "+string(m))
			if code, err := i.WaitUserData(t.Context(), 30*time.Second); err != nil || code != 0 {
				t.Fatalf("the user data: exit %d, %v", code, err)
			}
			t.Logf("the user data ended after %v", time.Since(start).Round(100*time.Millisecond))
			r, err := i.Get(u.Port, "/")
			if err != nil || !strings.Contains(r.Body, "(unknown)") {
				t.Errorf("the page does not say the instance is unknown: %v %q", err, r.Body)
			}
			oneServer(t, i, u.Port, "metadata "+string(m))
		})
	}
}

// Every script an instance runs passes shellcheck: each variant's user data
// and the simulator's own stand-ins.
func TestScriptsPassShellcheck(t *testing.T) {
	if _, err := exec.LookPath("shellcheck"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true and shellcheck is not installed (apt-get install shellcheck)")
		}
		t.Skip("skipping: shellcheck is not installed")
	}
	for _, u := range goldenUserData(t) {
		f := filepath.Join(t.TempDir(), "user-data")
		if err := os.WriteFile(f, u.Script, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Run(strings.Join(u.Variants, ","), func(t *testing.T) { shellcheck(t, f) })
	}
	sims, _ := filepath.Glob("sim/*")
	for _, f := range sims {
		shellcheck(t, f)
	}
}

// nginxTakesOver waits up to 30 s for nginx to answer the health check, then
// for the handover to finish, and returns nginx's answer.
func nginxTakesOver(t *testing.T, i *Instance, u *launchUserData, when string) Response {
	t.Helper()
	took, r, err := i.WaitFor(t.Context(), u.Port, u.Health, 30*time.Second, func(r Response) bool { return r.Server == "nginx" })
	if err != nil {
		t.Fatalf("%s: nginx did not take over: %v", when, err)
	}
	t.Logf("%s: nginx serves after %v", when, took.Round(10*time.Millisecond))
	waitHandover(t, i)
	return r
}

// waitHandover waits until the nginx installer has finished the handover
// (it disables itself last), as a later reboot would find it.
func waitHandover(t *testing.T, i *Instance) {
	t.Helper()
	for start := time.Now(); i.UnitEnabled(t.Context(), "webstack-nginx.service"); {
		if time.Since(start) > 10*time.Second {
			t.Fatal("the nginx installer is still enabled 10 s after nginx took over")
		}
		time.Sleep(100 * time.Millisecond)
	}
	if i.UnitEnabled(t.Context(), "webstack-http.service") || !i.UnitEnabled(t.Context(), "nginx.service") {
		t.Error("after the handover, the Python unit is enabled or nginx is not")
	}
}

func shellcheck(t *testing.T, file string) {
	t.Helper()
	if _, err := exec.LookPath("shellcheck"); err != nil {
		return // TestScriptsPassShellcheck reports it
	}
	if out, err := exec.Command("shellcheck", "-s", "bash", file).CombinedOutput(); err != nil {
		t.Errorf("shellcheck %s: %v\n%s", filepath.Base(file), err, out)
	}
}

func scriptOf(t *testing.T, variant string) *launchUserData {
	t.Helper()
	for _, u := range goldenUserData(t) {
		if slices.Contains(u.Variants, variant) {
			return u
		}
	}
	t.Fatalf("no golden of variant %s", variant)
	return nil
}
