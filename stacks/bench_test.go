package stacks

import "testing"

// BenchmarkValidate measures loading and validating the shipped environment
// files alone (no jsii).
func BenchmarkValidate(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := LoadDir("../environments"); err != nil {
			b.Fatal(err)
		}
	}
}
