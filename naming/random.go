package naming

import (
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-random-go/random/v11/stringresource"
)

// RandomSuffixLength is the length of NewRandom's suffix: 36^6 ≈ 2·10⁹
// values, short enough to leave room in 32-character names.
const RandomSuffixLength = 6

// NewRandom adds to scope (a stack) a random_string of RandomSuffixLength
// lowercase letters and digits, id "suffix", and returns the Namer whose
// names end with it. The string is drawn at the first apply and kept in
// state (no keepers), so every copy of the stack gets its own names and
// keeps them. The stack needs the random provider
// (cdktf-provider-random-go's provider.NewRandomProvider); without it,
// synth stops with cdktf's "resources without a matching provider" error.
func NewRandom(scope constructs.Construct, project, environment string) (*Namer, error) {
	suffix := stringresource.NewStringResource(scope, jsii.String("suffix"), &stringresource.StringResourceConfig{
		Length:  jsii.Number(RandomSuffixLength),
		Lower:   jsii.Bool(true),
		Upper:   jsii.Bool(false),
		Numeric: jsii.Bool(true),
		Special: jsii.Bool(false),
	})
	return New(project, environment, *suffix.Result(), RandomSuffixLength)
}

// Suffix is what every name ends with: a literal, or the token of a
// random_string's result.
func (n *Namer) Suffix() string { return n.suffix }
