// Package policy is the synth-time security policy: it reads a synthesized
// stack as plain data and runs rules over it. Rules live in policy/rules, one
// per file; this package knows nothing about any rule.
package policy
