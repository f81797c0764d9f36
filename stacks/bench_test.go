package stacks

import (
	"io"
	"testing"
)

// BenchmarkSynthShippedEnvironments measures one synth of every shipped
// environment (load, validate, build, synthesize, security policy, publish)
// inside a running jsii runtime: `go test -bench Synth -run ^$ ./stacks`.
func BenchmarkSynthShippedEnvironments(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := Synth(SynthOptions{EnvDir: "../environments", Outdir: b.TempDir(), Log: io.Discard}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidate measures loading and validating the shipped environment
// files alone (no jsii).
func BenchmarkValidate(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := LoadDir("../environments"); err != nil {
			b.Fatal(err)
		}
	}
}
