// Package stacks composes the web stack of one environment from its parts
// (stacks/parts.go lists them; a part's file owns its section of the
// configuration): package config reads and checks environment files,
// NewStack builds the constructs, and package stacks/synth turns the stacks
// into published Terraform configurations.
package stacks

import (
	"fmt"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawscalleridentity"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/constructs/accesslogs"
	"github.com/platform-team/webstack/constructs/alarms"
	"github.com/platform-team/webstack/constructs/https"
	"github.com/platform-team/webstack/constructs/network"
	"github.com/platform-team/webstack/constructs/waf"
	"github.com/platform-team/webstack/constructs/webtier"
	"github.com/platform-team/webstack/internal/regions"
	"github.com/platform-team/webstack/naming/random"
	"github.com/platform-team/webstack/stacks/config"
)

// Stack is the web stack of one environment.
type Stack struct {
	// Stack is the cdktf stack (a jsii object: kept as a field, since jsii
	// cannot pass a Go struct that embeds one as a scope).
	Stack      cdktf.TerraformStack
	Suffix     *string // the random suffix every name ends with (a token)
	Network    *network.Network
	WebTier    *webtier.WebTier
	HTTPS      *https.HTTPS
	AccessLogs *accesslogs.AccessLogs
	Alarms     *alarms.Alarms
	WAF        *waf.WAF // nil without one
}

// NewStack composes the parts of env into a stack whose id is env.ID, for
// AWS: a stack whose target is the emulator is pointed at it when
// synthesized (see Synthesize). env must come from LoadDir or Parse, which
// check it with the same props this builds, so a construct error here is a
// bug, not bad input.
func NewStack(scope constructs.Construct, env config.Environment) (*Stack, error) {
	c := env.Config
	region, _ := regions.Lookup(c.Region)
	stack := cdktf.NewTerraformStack(scope, jsii.String(env.ID))
	newProviders(stack, c)
	newBackend(stack, c)

	// One suffix per stack, fixed at the first apply: what lets any number
	// of copies share an account.
	drawn, err := random.NewNamer(stack, c.Project, c.Environment)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", env.File, err)
	}
	namer, err := c.Namer(drawn.Suffix())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", env.File, err)
	}
	account := dataawscalleridentity.NewDataAwsCallerIdentity(stack, jsii.String("account"), nil)
	w := wiring{namer: namer, region: region, accountID: account.AccountId()}
	for _, p := range parts {
		if err := p.build(stack, c, &w); err != nil {
			return nil, fmt.Errorf("%s: %w", env.File, err)
		}
	}
	out := outputsOf(stack)
	out("name_suffix", "Random suffix every resource name of this stack ends with", jsii.String(namer.Suffix()))
	for _, p := range parts {
		p.outputs(c, w, out)
	}
	return &Stack{Stack: stack, Suffix: jsii.String(namer.Suffix()), Network: w.net, WebTier: w.web, HTTPS: w.https,
		AccessLogs: w.logs, Alarms: w.alarms, WAF: w.waf}, nil
}
