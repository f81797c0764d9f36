// Package random makes a stack's naming.Namer whose suffix is a
// random_string drawn at the first apply: what lets any number of copies of a
// stack share an account. It is apart from package naming, which builds
// names without the jsii runtime.
package random

import (
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-random-go/random/v11/stringresource"

	"github.com/platform-team/webstack/naming"
)

// SuffixLength is the length of NewNamer's suffix: 36^6 ≈ 2·10⁹
// values, short enough to leave room in 32-character names.
const SuffixLength = 6

// NewNamer adds to scope (a stack) a random_string of SuffixLength
// lowercase letters and digits, id "suffix", and returns the Namer whose
// names end with it. The string is drawn at the first apply and kept in
// state (no keepers), so every copy of the stack gets its own names and
// keeps them. The stack needs the random provider
// (cdktf-provider-random-go's provider.NewRandomProvider); without it,
// synth stops with cdktf's "resources without a matching provider" error.
func NewNamer(scope constructs.Construct, project, environment string) (*naming.Namer, error) {
	suffix := stringresource.NewStringResource(scope, jsii.String("suffix"), &stringresource.StringResourceConfig{
		Length:  jsii.Number(SuffixLength),
		Lower:   jsii.Bool(true),
		Upper:   jsii.Bool(false),
		Numeric: jsii.Bool(true),
		Special: jsii.Bool(false),
	})
	return naming.New(project, environment, *suffix.Result(), SuffixLength)
}
