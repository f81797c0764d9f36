package stacks

import (
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	randomprovider "github.com/cdktf/cdktf-provider-random-go/random/v11/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/stacks/config"
)

// Version constraints written into required_providers. The bindings were
// generated from AWS provider 5.99.1 and random 3.7.2; anything newer in the
// same major version keeps their schema, so users may run a later 5.x.
const (
	awsSource        = "hashicorp/aws"
	awsConstraint    = ">= 5.99.1, < 6.0.0"
	randomSource     = "hashicorp/random"
	randomConstraint = ">= 3.6.0, < 4.0.0"
	// terraformConstraint: 1.10 brought S3 state locking without DynamoDB.
	terraformConstraint = ">= 1.10.0"
)

// ProviderRequirement is one entry of a stack's required_providers.
type ProviderRequirement struct{ Source, Constraint string }

// ProviderRequirements returns the required_providers every stack declares,
// by local name: what a provider lock file for these stacks must cover.
func ProviderRequirements() map[string]ProviderRequirement {
	return map[string]ProviderRequirement{
		"aws":    {awsSource, awsConstraint},
		"random": {randomSource, randomConstraint},
	}
}

// defaultTags are the tags every taggable AWS resource gets from the provider.
func defaultTags(c config.Config) map[string]string {
	tags := map[string]string{
		"Project":     c.Project,
		"Environment": c.Environment,
		"ManagedBy":   config.ManagedBy,
		"Owner":       c.Owner,
		"CostCenter":  c.CostCenter,
	}
	for k, v := range c.Tags { // validation keeps users off the keys above
		tags[k] = v
	}
	return tags
}

// newProviders configures the AWS and random providers and pins them with
// fully qualified sources, so Terraform and OpenTofu resolve the same plugins.
func newProviders(stack cdktf.TerraformStack, c config.Config) {
	tags := map[string]*string{}
	for k, v := range defaultTags(c) {
		tags[k] = jsii.String(v)
	}
	cfg := &provider.AwsProviderConfig{
		Region:      jsii.String(c.Region),
		DefaultTags: &[]*provider.AwsProviderDefaultTags{{Tags: &tags}},
	}
	provider.NewAwsProvider(stack, jsii.String("aws"), cfg)
	randomprovider.NewRandomProvider(stack, jsii.String("random"), &randomprovider.RandomProviderConfig{})

	stack.AddOverride(jsii.String("terraform.required_version"), terraformConstraint)
	stack.AddOverride(jsii.String("terraform.required_providers.aws.source"), awsSource)
	stack.AddOverride(jsii.String("terraform.required_providers.aws.version"), awsConstraint)
	stack.AddOverride(jsii.String("terraform.required_providers.random.source"), randomSource)
	stack.AddOverride(jsii.String("terraform.required_providers.random.version"), randomConstraint)
}

// newBackend says where state lives.
func newBackend(stack cdktf.TerraformStack, c config.Config) {
	b := c.Backend
	if b.Type == config.BackendLocal {
		cdktf.NewLocalBackend(stack, &cdktf.LocalBackendConfig{Path: jsii.String(b.StatePath())})
		return
	}
	region := b.Region
	if region == "" {
		region = c.Region
	}
	s3 := &cdktf.S3BackendConfig{
		Bucket:  jsii.String(b.Bucket),
		Key:     jsii.String(b.Key),
		Region:  jsii.String(region),
		Encrypt: jsii.Bool(true),
	}
	cdktf.NewS3Backend(stack, s3)
	// use_lockfile (Terraform 1.10) is newer than cdktf 0.20's backend binding.
	stack.AddOverride(jsii.String("terraform.backend.s3.use_lockfile"), *cmpOr(b.UseLockfile, true))
}
