package synth

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, dir, name, body string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A configuration the policy refuses (production without deletion
// protection) fails synth with the rule, and writes nothing.
func TestPolicyErrorFailsSynth(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	write(t, dir, "live.json", `{"production": true, "alb_deletion_protection": false}`)
	var log bytes.Buffer
	_, err := Synth(Options{EnvDir: dir, Outdir: out, Log: &log})
	var violations PolicyViolations
	if !errors.As(err, &violations) {
		t.Fatalf("want PolicyViolations, got %v", err)
	}
	msg := err.Error()
	for _, want := range []string{"live: WS-ALB-2 [MEDIUM] webtier/alb", "the environment is production",
		"Fix: set alb_deletion_protection to true"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "stacks", "live")); !os.IsNotExist(err) {
		t.Error("a stack was written although it violates the policy")
	}
}

// A warning-level finding (flow logs kept 30 days) is printed once, in the
// stack's summary, and synth goes on; a suppression silences it and is
// printed instead. An error-level finding can be suppressed the same way.
func TestWarningsPrintAndSuppressionsWorkForBothLevels(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	write(t, dir, "short.json", `{"flow_logs": {"retention_days": 30}}`)
	write(t, dir, "quiet.json", `{"flow_logs": {"retention_days": 30}, "production": true, "alb_deletion_protection": false,
	  "policy": {"suppressions": [
	    {"rule": "WS-LOG-1", "resource": "network/flow-log-group", "reason": "test copy, torn down daily"},
	    {"rule": "WS-ALB-2", "resource": "webtier/alb", "reason": "load test environment, rebuilt each run"},
	    {"rule": "WS-ALB-9", "resource": "webtier/alb", "reason": "load test environment, no domain of its own"}]}}`)
	var log bytes.Buffer
	if _, err := Synth(Options{EnvDir: dir, Outdir: out, Log: &log}); err != nil {
		t.Fatalf("warnings and suppressed errors must not fail synth: %v", err)
	}
	got := log.String()
	for _, want := range []string{
		"short: 1 policy warning(s); synth goes on",
		"WS-LOG-1 [MEDIUM] network/flow-log-group", "retention is 30 days", "Fix: set flow_logs.retention_days to 365",
		"quiet: WS-LOG-1 suppressed on network/flow-log-group", "quiet: WS-ALB-2 suppressed on webtier/alb",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("log lacks %q:\n%s", want, got)
		}
	}
	if strings.Count(got, "policy warning(s)") != 1 || strings.Contains(got, "quiet: 1 policy warning") {
		t.Errorf("one summary for the stack with an unsuppressed warning, none for the other:\n%s", got)
	}
	for _, id := range []string{"short", "quiet"} {
		if _, err := os.Stat(filepath.Join(out, "stacks", id, "cdk.tf.json")); err != nil {
			t.Errorf("%s not written: %v", id, err)
		}
	}
}
