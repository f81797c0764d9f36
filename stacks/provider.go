package stacks

import (
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawsiampolicy"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	randomprovider "github.com/cdktf/cdktf-provider-random-go/random/v11/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/internal/emulator"
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
	cfg := &provider.AwsProviderConfig{
		Region:      jsii.String(c.Region),
		DefaultTags: &[]*provider.AwsProviderDefaultTags{{Tags: &tags}},
	}
	if c.Target == TargetEmulator {
		emulatorWiring(stack, cfg)
	}
	provider.NewAwsProvider(stack, jsii.String("aws"), cfg)
	randomprovider.NewRandomProvider(stack, jsii.String("random"), &randomprovider.RandomProviderConfig{})

	stack.AddOverride(jsii.String("terraform.required_version"), terraformConstraint)
	stack.AddOverride(jsii.String("terraform.required_providers.aws.source"), awsSource)
	stack.AddOverride(jsii.String("terraform.required_providers.aws.version"), awsConstraint)
	stack.AddOverride(jsii.String("terraform.required_providers.random.source"), randomSource)
	stack.AddOverride(jsii.String("terraform.required_providers.random.version"), randomConstraint)
}

// emulatorWiring points the provider at a local AWS emulator: every service
// the stack uses goes to var.emulator_endpoint, with the emulator's dummy
// credentials. Nothing else about the stack changes. The account id is still
// asked of the emulator's STS: skipping that makes rules that reference
// another security group re-plan forever.
func emulatorWiring(stack cdktf.TerraformStack, cfg *provider.AwsProviderConfig) {
	endpoint := cdktf.NewTerraformVariable(stack, jsii.String("emulator_endpoint"), &cdktf.TerraformVariableConfig{
		Type:        jsii.String("string"),
		Default:     DefaultEmulatorEndpoint,
		Description: jsii.String("URL of the AWS emulator (moto_server) this stack deploys to"),
	}).StringValue()
	cfg.AccessKey, cfg.SecretKey = jsii.String("test"), jsii.String("test") // what emulators accept; not a secret
	cfg.SkipCredentialsValidation = jsii.Bool(true)
	cfg.SkipMetadataApiCheck = jsii.String("true")
	cfg.SkipRegionValidation = jsii.Bool(true)
	cfg.S3UsePathStyle = jsii.Bool(true) // bucket.localhost names do not resolve
	// Read at plan time, before anything is created: an emulator started
	// without the settings the stack needs fails here, by this name, instead
	// of half-way through an apply.
	preflight := dataawsiampolicy.NewDataAwsIamPolicy(stack, jsii.String("emulator-preflight"), &dataawsiampolicy.DataAwsIamPolicyConfig{
		Arn: jsii.String(emulator.ManagedPolicyProbe),
	})
	preflight.OverrideLogicalId(jsii.String("emulator_needs_MOTO_IAM_LOAD_MANAGED_POLICIES"))
	cfg.Endpoints = &[]*provider.AwsProviderEndpoints{{
		Acm: endpoint, Autoscaling: endpoint, Cloudwatch: endpoint, Cloudwatchlogs: endpoint, Ec2: endpoint,
		Elbv2: endpoint, Iam: endpoint, Kms: endpoint, Route53: endpoint, S3: endpoint, Sns: endpoint,
		Ssm: endpoint, Sts: endpoint, Wafv2: endpoint,
	}}
}

// newBackend says where state lives.
func newBackend(stack cdktf.TerraformStack, c Config) {
	b := c.Backend
	if b.Type == BackendLocal {
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
	if c.Target == TargetEmulator {
		// A backend block cannot read variables: the harness gives the
		// emulator's address in AWS_ENDPOINT_URL_S3.
		s3.AccessKey, s3.SecretKey = jsii.String("test"), jsii.String("test")
		s3.SkipCredentialsValidation = jsii.Bool(true)
		s3.SkipRequestingAccountId = jsii.Bool(true)
		s3.SkipMetadataApiCheck = jsii.Bool(true)
		s3.SkipRegionValidation = jsii.Bool(true)
		s3.UsePathStyle = jsii.Bool(true)
	}
	cdktf.NewS3Backend(stack, s3)
	// use_lockfile (Terraform 1.10) is newer than cdktf 0.20's backend binding.
	stack.AddOverride(jsii.String("terraform.backend.s3.use_lockfile"), derefOr(b.UseLockfile, true))
}
