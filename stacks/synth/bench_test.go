package synth

import (
	"io"
	"testing"
)

// BenchmarkSynthShippedEnvironments measures one synth of every shipped
// environment (load, validate, build, synthesize, security policy, publish)
// inside a running jsii runtime: `go test -bench Synth -run ^$ ./stacks/synth`.
func BenchmarkSynthShippedEnvironments(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := Synth(Options{EnvDir: "../../environments", Outdir: b.TempDir(), Log: io.Discard}); err != nil {
			b.Fatal(err)
		}
	}
}
