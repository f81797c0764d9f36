// Package random is a stand-in for the hashicorp/random Terraform provider,
// for machines that cannot download it. It implements the part of the
// provider's schema this project uses — random_string, with the same
// arguments, computed attributes and replacement behaviour (every argument,
// keepers included, forces a new value) — and draws from crypto/rand.
//
// The harness installs it under the real provider's address only when no real
// hashicorp/random is available, and says so; the synthesized configuration
// does not change.
package random

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Address is the registry address the stand-in answers for.
const Address = "registry.terraform.io/hashicorp/random"

// Version is the version the stand-in reports: within the project's
// constraint (>= 3.6.0, < 4.0.0) and one no real release has, so a lock file
// or log shows at a glance which provider ran.
const Version = "3.99.0"

type randomProvider struct{}

// New returns the provider, as providerserver.Serve wants it.
func New() provider.Provider { return &randomProvider{} }

func (p *randomProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "random"
	resp.Version = Version
}

func (p *randomProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{Description: "Stand-in for hashicorp/random (random_string only)."}
}

func (p *randomProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p *randomProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{newStringResource}
}

func (p *randomProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }
