// Command bench is make bench: what a synth costs against the floor, the
// cost any Go cdktf app with webstack's providers pays (the fixture in
// floor/: start Node.js, load the providers' jsii assemblies, synthesize one
// resource). It builds the app and the floor, runs each case once to warm
// up, then Rounds rounds of every case side by side (the floor first in
// each), and prints each case's median wall time, its ratio to the floor's,
// and the peak resident memory of its largest process (the node process),
// then the targets of issue 22 with a verdict each. make unit is measured
// after the synths (compiling its tests first, then -unit-rounds runs). It exits 1 when a
// target is missed.
//
//	go run ./internal/bench [-rounds 4] [-unit-rounds 1]
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"
)

// A case is one command measured: its name and how to run it in dir.
type benchCase struct {
	name string
	argv []string
	env  []string
	envs int // environment files synthesized (0: not a synth)
}

// sample is one run of a case.
type sample struct {
	wall, cpu time.Duration // cpu: user and system time of the process and the children it reaped
	maxKB     int64
	out       string
}

func main() {
	rounds := flag.Int("rounds", 4, "measured rounds of the synths after the warm-up (medians are taken over them)")
	unitRounds := flag.Int("unit-rounds", 1, "measured runs of make unit after its warm-up (it takes about a minute; 0: none)")
	flag.Parse()
	if err := run(*rounds, *unitRounds); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(rounds, unitRounds int) error {
	start := time.Now()
	tmp, err := os.MkdirTemp("", "webstack-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin := func(name, pkg string) (string, error) {
		out := filepath.Join(tmp, name)
		b, err := exec.Command("go", "build", "-o", out, pkg).CombinedOutput()
		if err != nil {
			return "", fmt.Errorf("go build %s: %v\n%s", pkg, err, b)
		}
		return out, nil
	}
	app, err := bin("webstack", ".")
	if err != nil {
		return err
	}
	floor, err := bin("floor", "./internal/bench/floor")
	if err != nil {
		return err
	}
	synth := func(name, envDir string, n int) benchCase {
		out := filepath.Join(tmp, "out-"+name)
		return benchCase{name: name, argv: []string{app}, envs: n, env: []string{
			"WEBSTACK_ENV_DIR=" + envDir, "CDKTF_OUTDIR=" + out, "WEBSTACK_STATE_DIR=" + filepath.Join(tmp, "state-"+name),
			"WEBSTACK_SYNTH_CACHE=off"}}
	}
	shipped, err := filepath.Glob("environments/*.json")
	if err != nil || len(shipped) == 0 {
		return fmt.Errorf("no environments/*.json here: run make bench from the repository root")
	}
	cases := []benchCase{
		{name: "floor", argv: []string{floor}, env: []string{"CDKTF_OUTDIR=" + filepath.Join(tmp, "out-floor")}},
		synth(fmt.Sprintf("synth: the %d shipped environments", len(shipped)), "environments", len(shipped)),
	}
	for _, n := range []int{1, 4, 16} {
		dir, err := generated(tmp, n)
		if err != nil {
			return err
		}
		cases = append(cases, synth(fmt.Sprintf("synth: %d generated environment(s)", n), dir, n))
	}
	fmt.Printf("webstack bench: %s, %d CPU(s), %s; %d round(s) after a warm-up, medians\n",
		runtime.GOOS+"/"+runtime.GOARCH, runtime.NumCPU(), nodeVersion(), rounds)
	samples := make([][]sample, len(cases))
	for round := 0; round <= rounds; round++ {
		for i, c := range cases {
			s, err := measure(c)
			if err != nil {
				return err
			}
			if round > 0 { // round 0 warms the caches up
				samples[i] = append(samples[i], s)
			}
		}
	}
	// make unit takes a minute: it runs after the synths, warm-up first,
	// unitRounds times.
	// The same make synth again with nothing changed: it reuses the last
	// synth (its warm-up run writes it) without starting the jsii runtime.
	again := len(cases)
	cases = append(cases, benchCase{name: "make synth again, nothing changed", argv: []string{"make", "-s", "synth"},
		env: []string{"CDKTF_OUTDIR=" + filepath.Join(tmp, "out-again"), "WEBSTACK_STATE_DIR=" + filepath.Join(tmp, "state-again")}})
	s, err := measure(cases[again])
	if err != nil {
		return err
	}
	if strings.Contains(s.out, "nothing changed") {
		return fmt.Errorf("the first make synth into a new out dir reused something:\n%s", s.out)
	}
	samples = append(samples, nil)
	for i := 0; i < rounds; i++ {
		s, err := measure(cases[again])
		if err != nil {
			return err
		}
		if !strings.Contains(s.out, "nothing changed") {
			return fmt.Errorf("make synth with nothing changed synthesized again:\n%s", s.out)
		}
		samples[again] = append(samples[again], s)
	}
	if unitRounds > 0 {
		// The warm-up compiles every test binary and runs no test.
		warm := benchCase{name: "compiling the tests", argv: []string{"bash", "-c",
			`go test -count=1 -short -run '^$' $(go list ./... | grep -v /node_modules/) >/dev/null`}}
		if _, err := measure(warm); err != nil {
			return err
		}
		unit := benchCase{name: "make unit", argv: []string{"make", "-s", "unit"}}
		var runs []sample
		for i := 0; i < unitRounds; i++ {
			s, err := measure(unit)
			if err != nil {
				return err
			}
			runs = append(runs, s)
		}
		cases, samples = append(cases, unit), append(samples, runs)
	}
	med := make([]sample, len(cases))
	for i := range cases {
		med[i] = median(samples[i])
	}
	base := med[0]
	fmt.Printf("\n%-40s %8s %8s %8s %8s %10s %8s\n", "case", "wall", "× floor", "CPU", "× floor", "peak RSS", "× floor")
	for i, c := range cases {
		fmt.Printf("%-40s %7.2fs %7.2f× %7.2fs %7.2f× %6d MiB %7.2f×\n", c.name, med[i].wall.Seconds(),
			ratio(med[i].wall, base.wall), med[i].cpu.Seconds(), ratio(med[i].cpu, base.cpu),
			med[i].maxKB/1024, float64(med[i].maxKB)/float64(base.maxKB))
	}
	// The cost of one more environment: the slope from 1 to 16.
	one, sixteen := med[2], med[4]
	perEnv := (sixteen.wall - one.wall) / 15
	full := ratio(med[1].wall, base.wall)
	peak := 0.0
	for i, c := range cases {
		if c.envs > 0 {
			peak = max(peak, float64(med[i].maxKB)/float64(base.maxKB))
		}
	}
	fmt.Printf("\neach added environment: %.3fs = %.1f%% of the floor (1 → 16 environments)\n",
		perEnv.Seconds(), 100*perEnv.Seconds()/base.wall.Seconds())
	missed := 0
	verdict := func(ok bool, format string, args ...any) {
		mark := "ok    "
		if !ok {
			mark, missed = "MISSED", missed+1
		}
		fmt.Printf("  %s "+format+"\n", append([]any{mark}, args...)...)
	}
	fmt.Println("targets:")
	verdict(full <= 1.1, "full synth of the shipped environments ≤ 1.10× the floor: %.2f×", full)
	verdict(perEnv.Seconds() <= 0.02*base.wall.Seconds(), "each added environment ≤ 2%% of the floor: %.1f%%",
		100*perEnv.Seconds()/base.wall.Seconds())
	verdict(ratio(med[again].wall, base.wall) <= 0.1, "make synth with nothing changed ≤ 0.10× the floor: %.3f×",
		ratio(med[again].wall, base.wall))
	verdict(peak <= 1.1, "node peak memory ≤ 1.10× the floor's: %.2f× (the largest of the synths)", peak)
	fmt.Printf("(bench took %s)\n", time.Since(start).Round(time.Second))
	if missed > 0 {
		return fmt.Errorf("%d target(s) missed", missed)
	}
	return nil
}

// generated writes n environment files with nothing in them but their name
// (the defaults: a secure public web tier) to a directory of their own.
func generated(tmp string, n int) (string, error) {
	dir := filepath.Join(tmp, fmt.Sprintf("envs-%d", n))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	for i := 1; i <= n; i++ {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("gen%02d.json", i)), []byte("{}\n"), 0o644); err != nil {
			return "", err
		}
	}
	return dir, nil
}

// measure runs c and returns its wall time and the peak resident memory of
// the largest process it ran (wait4 reports the largest of a process and
// the children it reaped: the app reaps its node process).
func measure(c benchCase) (sample, error) {
	cmd := exec.Command(c.argv[0], c.argv[1:]...)
	cmd.Env = append(os.Environ(), c.env...)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	t0 := time.Now()
	err := cmd.Run()
	wall := time.Since(t0)
	if err != nil {
		return sample{}, fmt.Errorf("%s: %v\n%s", c.name, err, out.String())
	}
	ru, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	var kb int64
	var cpu time.Duration
	if ru != nil {
		kb = ru.Maxrss
		cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	return sample{wall: wall, cpu: cpu, maxKB: kb, out: out.String()}, nil
}

// median is the middle sample of each measure (of an even count, the mean
// of the two in the middle).
func median(s []sample) sample {
	walls, cpus := make([]time.Duration, len(s)), make([]time.Duration, len(s))
	kbs := make([]int64, len(s))
	for i, x := range s {
		walls[i], cpus[i], kbs[i] = x.wall, x.cpu, x.maxKB
	}
	slices.Sort(walls)
	slices.Sort(cpus)
	slices.Sort(kbs)
	mid := func(n int) (int, int) { return (n - 1) / 2, n / 2 }
	a, b := mid(len(s))
	return sample{wall: (walls[a] + walls[b]) / 2, cpu: (cpus[a] + cpus[b]) / 2, maxKB: (kbs[a] + kbs[b]) / 2}
}

func ratio(a, b time.Duration) float64 { return a.Seconds() / b.Seconds() }

func nodeVersion() string {
	out, err := exec.Command("node", "--version").Output()
	if err != nil {
		return "node: not found"
	}
	return "node " + strings.TrimSpace(string(out))
}
