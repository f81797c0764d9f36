package stacks

import (
	"github.com/platform-team/webstack/naming"
	"github.com/platform-team/webstack/policy"
)

// Fixed values of the stack, documented in the README.
const (
	// SuffixLength is the length of the random suffix every name ends with.
	SuffixLength = naming.RandomSuffixLength
	// ManagedBy is the value of the ManagedBy tag.
	ManagedBy = "webstack"
	// LogGroupPath groups the stacks' log groups: /webstack/<name>.
	LogGroupPath = "webstack"

	// Deployment targets.
	TargetAWS      = "aws"
	TargetEmulator = "emulator"

	// DefaultStatePath is the local backend's state file in the stack directory.
	DefaultStatePath = "terraform.tfstate"
)

// Defaults returns the configuration of an empty environment file named name.
// It sets the keys of the stack itself; keys that configure a construct stay
// unset, so the construct's own default applies (the one place each default
// lives).
func Defaults(name string) Config {
	return Config{
		Project:     "webstack",
		Environment: name,
		Region:      "us-east-1",
		Owner:       "unassigned",
		CostCenter:  "unassigned",
		Tags:        map[string]string{},
		Target:      TargetAWS,
		Policy:      Policy{Suppressions: []policy.Suppression{}},
		Backend:     Backend{Type: BackendLocal},
	}
}

// stackNamer is a stack's namer: n, with its log groups under LogGroupPath.
// It takes New's or NewRandom's results as they come, so validation and
// NewStack name things the same way.
func stackNamer(n *naming.Namer, err error) (*naming.Namer, error) {
	if err != nil {
		return nil, err
	}
	return n.WithPath(LogGroupPath)
}
