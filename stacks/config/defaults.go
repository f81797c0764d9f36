package config

import (
	"github.com/platform-team/webstack/naming"
	"github.com/platform-team/webstack/policy"
)

// Fixed values of the stack, documented in the README.
const (
	// SuffixLength is the length of the random suffix every name ends with
	// (naming/random's SuffixLength; a test keeps them equal).
	SuffixLength = 6
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

// Namer is the namer of c's stack, whose names end with suffix (a literal
// of SuffixLength characters, or the token of the stack's random_string)
// and whose log groups sit under LogGroupPath.
func (c Config) Namer(suffix string) (*naming.Namer, error) {
	n, err := naming.New(c.Project, c.Environment, suffix, SuffixLength)
	if err != nil {
		return nil, err
	}
	return n.WithPath(LogGroupPath)
}
