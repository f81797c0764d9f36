package stacks

import (
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	randomprovider "github.com/cdktf/cdktf-provider-random-go/random/v11/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"
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

// defaultTags are the tags every taggable AWS resource gets from the provider.
func defaultTags(c Config) map[string]string {
	tags := map[string]string{
		"Project":     c.Project,
		"Environment": c.Environment,
		"ManagedBy":   ManagedBy,
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
func newProviders(stack cdktf.TerraformStack, c Config) {
	tags := map[string]*string{}
	for k, v := range defaultTags(c) {
		tags[k] = jsii.String(v)
	}
	provider.NewAwsProvider(stack, jsii.String("aws"), &provider.AwsProviderConfig{
		Region:      jsii.String(c.Region),
		DefaultTags: &[]*provider.AwsProviderDefaultTags{{Tags: &tags}},
	})
	randomprovider.NewRandomProvider(stack, jsii.String("random"), &randomprovider.RandomProviderConfig{})

	stack.AddOverride(jsii.String("terraform.required_version"), terraformConstraint)
	stack.AddOverride(jsii.String("terraform.required_providers.aws.source"), awsSource)
	stack.AddOverride(jsii.String("terraform.required_providers.aws.version"), awsConstraint)
	stack.AddOverride(jsii.String("terraform.required_providers.random.source"), randomSource)
	stack.AddOverride(jsii.String("terraform.required_providers.random.version"), randomConstraint)
}

// newBackend says where state lives.
func newBackend(stack cdktf.TerraformStack, b Backend) {
	cdktf.NewLocalBackend(stack, &cdktf.LocalBackendConfig{Path: jsii.String(b.Path)})
}
