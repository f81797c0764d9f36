// Package accesslogs builds the S3 bucket that receives a load balancer's
// access logs: private (all four public-access blocks, ACLs off), encrypted
// with SSE-S3 (the only encryption ALB log delivery supports), versioned,
// TLS-only, expiring after a retention period, and writable by Elastic Load
// Balancing log delivery for this account's prefix only (the region's ELB
// account in regions available before August 2022, the log-delivery service
// principal in later ones, both where AWS's sources disagree).
//
// It needs, in its stack, the AWS provider and the random provider, and in
// its Props a naming.Namer (see package naming/random), the region's name and the
// account id. Logs are kept DefaultRetentionDays under DefaultPrefix;
// ForceDestroy is off, so destroy fails while the bucket holds logs.
// NewAccessLogs validates Props first and returns field.Errors that name
// the prop.
//
// An AccessLogs exposes the bucket name, the prefix and Ready, what a load
// balancer must depend on (webtier.Props.AccessLogs takes all three).
//
// In a stack with both providers (Example, run by go test, builds it):
//
//	logs, err := accesslogs.NewAccessLogs(stack, "access-logs", &accesslogs.Props{
//		Namer: namer, Region: "eu-west-1", AccountID: jsii.String("123456789012"),
//		RetentionDays: new(90),
//	})
//	// then webtier.Props{AccessLogs: &webtier.AccessLogs{Bucket: logs.BucketName, Prefix: logs.Prefix, DependsOn: logs.Ready}}
package accesslogs

import (
	"cmp"
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3bucket"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3bucketlifecycleconfiguration"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3bucketownershipcontrols"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3bucketpolicy"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3bucketpublicaccessblock"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3bucketserversideencryptionconfiguration"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3bucketversioning"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/field"
	"github.com/platform-team/webstack/internal/iamdoc"
	"github.com/platform-team/webstack/internal/regions"
	"github.com/platform-team/webstack/naming"
)

// Defaults, exported so the stack configuration documents the same values.
const (
	DefaultRetentionDays = 365
	DefaultPrefix        = "alb"
	// DefaultPolicySettleSeconds is how long a load balancer waits after the
	// bucket policy is written: ELB checks it can write the bucket when
	// access logs are switched on, and S3 may not yet apply a policy written
	// seconds earlier ("Access Denied for bucket", terraform-provider-aws
	// #12010, where 30 s was reported too short and 60 s enough).
	DefaultPolicySettleSeconds = 60
	// noncurrentDays: logs are never overwritten, so old versions only come
	// from expiry and deletes; keep them briefly for recovery.
	noncurrentDays = 30
)

// Props configures the bucket. Optional settings are pointers: nil takes
// the documented default, and any other value, zero included, is used as given.
type Props struct {
	// Namer builds the bucket name. Required.
	Namer *naming.Namer
	// Region is the name of the stack's region ("eu-west-1"): it decides who
	// delivers the logs (the region's ELB account or, in regions available
	// as of August 2022, a service principal). Required.
	Region string
	// AccountID is the account whose load balancers write here. Required (a token is fine).
	AccountID *string
	// RetentionDays before log objects expire, 1 to 3650. Default: 365.
	RetentionDays *int
	// ForceDestroy lets Terraform delete the bucket with its logs. Default:
	// false (destroy fails while the bucket holds logs).
	ForceDestroy bool
	// Prefix of the log objects: "" (none), or up to 200 characters of
	// letters, digits and ! - _ . * ' ( ) /, neither starting nor ending with
	// "/" and without "AWSLogs" (which ELB adds itself). Default: "alb".
	Prefix *string
	// PolicySettleSeconds, 0 to 600, is how long Ready waits after the
	// bucket policy is written, the first time and whenever the bucket is
	// replaced. The wait is a terraform_data resource whose local-exec
	// provisioner runs sleep (a POSIX shell command: Linux, macOS, WSL); it
	// needs no provider. 0 skips the wait, as for an emulator.
	// Default: DefaultPolicySettleSeconds.
	PolicySettleSeconds *int
}

var prefixChars = regexp.MustCompile(`^[A-Za-z0-9!_.*'()/-]*$`)

func (p Props) withDefaults() Props {
	p.RetentionDays = cmp.Or(p.RetentionDays, new(DefaultRetentionDays))
	p.Prefix = cmp.Or(p.Prefix, new(DefaultPrefix))
	p.PolicySettleSeconds = cmp.Or(p.PolicySettleSeconds, new(DefaultPolicySettleSeconds))
	return p
}

// Validate returns every problem of p as field.Errors (nil when there is
// none). It needs no jsii runtime.
func (p *Props) Validate() error {
	var c field.Checker
	c.Require("Namer", p.Namer != nil, "builds the bucket name")
	c.Require("AccountID", p.AccountID != nil, "the account whose load balancers log here")
	if _, ok := regions.Lookup(p.Region); !ok {
		c.Add("Region", field.NotSupported, p.Region, "not an AWS region name; it decides who delivers the logs")
	}
	c.IntRange("RetentionDays", p.RetentionDays, 1, 3650, "days")
	c.IntRange("PolicySettleSeconds", p.PolicySettleSeconds, 0, 600, "seconds")
	if p.Prefix != nil {
		v := *p.Prefix
		switch {
		case len(v) > 200 || !prefixChars.MatchString(v):
			c.Add("Prefix", field.Invalid, v, "at most 200 letters, digits and ! - _ . * ' ( ) /")
		case strings.HasPrefix(v, "/") || strings.HasSuffix(v, "/") || strings.Contains(v, "//"):
			c.Add("Prefix", field.Invalid, v, `must not start or end with "/" or hold "//"`)
		case strings.Contains(v, "AWSLogs"):
			c.Add("Prefix", field.Invalid, v, `must not hold "AWSLogs": load balancers add it themselves`)
		}
	}
	return c.Errs.Err()
}

// AccessLogs exposes what the load balancer needs.
type AccessLogs struct {
	Construct  constructs.Construct
	BucketName *string
	Prefix     string
	// Ready are the resources that must exist before a load balancer logs
	// here (its policy, encryption and ownership settings).
	Ready []cdktf.ITerraformDependable
}

// NewAccessLogs builds the bucket and its settings.
func NewAccessLogs(scope constructs.Construct, id string, props *Props) (*AccessLogs, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	p := props.withDefaults()
	c := constructs.NewConstruct(scope, jsii.String(id))
	bucket := s3bucket.NewS3Bucket(c, jsii.String("bucket"), &s3bucket.S3BucketConfig{
		Bucket:       jsii.String(p.Namer.MustName(naming.S3Bucket, "alb-logs")),
		ForceDestroy: jsii.Bool(p.ForceDestroy),
		Tags:         p.Namer.NameTag("alb-logs"),
	})
	block := s3bucketpublicaccessblock.NewS3BucketPublicAccessBlock(c, jsii.String("public-access-block"),
		&s3bucketpublicaccessblock.S3BucketPublicAccessBlockConfig{
			Bucket:                bucket.Id(),
			BlockPublicAcls:       jsii.Bool(true),
			BlockPublicPolicy:     jsii.Bool(true),
			IgnorePublicAcls:      jsii.Bool(true),
			RestrictPublicBuckets: jsii.Bool(true),
		})
	ownership := s3bucketownershipcontrols.NewS3BucketOwnershipControls(c, jsii.String("ownership"),
		&s3bucketownershipcontrols.S3BucketOwnershipControlsConfig{
			Bucket: bucket.Id(),
			Rule:   &s3bucketownershipcontrols.S3BucketOwnershipControlsRule{ObjectOwnership: jsii.String("BucketOwnerEnforced")},
		})
	encryption := s3bucketserversideencryptionconfiguration.NewS3BucketServerSideEncryptionConfigurationA(c, jsii.String("encryption"),
		&s3bucketserversideencryptionconfiguration.S3BucketServerSideEncryptionConfigurationAConfig{
			Bucket: bucket.Id(),
			Rule: &[]*s3bucketserversideencryptionconfiguration.S3BucketServerSideEncryptionConfigurationRuleA{{
				ApplyServerSideEncryptionByDefault: &s3bucketserversideencryptionconfiguration.S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA{
					SseAlgorithm: jsii.String("AES256"), // ALB log delivery cannot write with a KMS key
				},
			}},
		})
	s3bucketversioning.NewS3BucketVersioningA(c, jsii.String("versioning"), &s3bucketversioning.S3BucketVersioningAConfig{
		Bucket:                  bucket.Id(),
		VersioningConfiguration: &s3bucketversioning.S3BucketVersioningVersioningConfiguration{Status: jsii.String("Enabled")},
	})
	s3bucketlifecycleconfiguration.NewS3BucketLifecycleConfiguration(c, jsii.String("lifecycle"),
		&s3bucketlifecycleconfiguration.S3BucketLifecycleConfigurationConfig{
			Bucket: bucket.Id(),
			Rule: &[]*s3bucketlifecycleconfiguration.S3BucketLifecycleConfigurationRule{{
				Id:     jsii.String("expire-access-logs"),
				Status: jsii.String("Enabled"),
				Filter: &[]*s3bucketlifecycleconfiguration.S3BucketLifecycleConfigurationRuleFilter{{Prefix: jsii.String("")}},
				Expiration: &[]*s3bucketlifecycleconfiguration.S3BucketLifecycleConfigurationRuleExpiration{{
					Days: jsii.Number(float64(*p.RetentionDays)),
				}},
				NoncurrentVersionExpiration: &[]*s3bucketlifecycleconfiguration.S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration{{
					NoncurrentDays: jsii.Number(noncurrentDays),
				}},
				AbortIncompleteMultipartUpload: &[]*s3bucketlifecycleconfiguration.S3BucketLifecycleConfigurationRuleAbortIncompleteMultipartUpload{{
					DaysAfterInitiation: jsii.Number(7),
				}},
			}},
		})
	policy := s3bucketpolicy.NewS3BucketPolicy(c, jsii.String("policy"), &s3bucketpolicy.S3BucketPolicyConfig{
		Bucket: bucket.Id(),
		Policy: jsii.String(bucketPolicy(p, *bucket.Arn()).JSON()),
		// S3 refuses a policy while the public-access block is being set.
		DependsOn: &[]cdktf.ITerraformDependable{block},
	})
	return &AccessLogs{
		Construct:  c,
		BucketName: bucket.Id(),
		Prefix:     *p.Prefix,
		Ready:      []cdktf.ITerraformDependable{settle(c, policy, *p.PolicySettleSeconds), encryption, ownership},
	}, nil
}

// settle is what a load balancer waits for: the policy, then seconds more.
// A terraform_data resource sleeps in its provisioner, which runs when it is
// created and again when the bucket changes (triggers_replace); the time
// provider's time_sleep would do the same at the cost of one more provider
// to download, pin and mirror.
func settle(c constructs.Construct, policy s3bucketpolicy.S3BucketPolicy, seconds int) cdktf.ITerraformDependable {
	if seconds == 0 {
		return policy
	}
	return cdktf.NewDataResource(c, jsii.String("policy-settles"), &cdktf.DataConfig{
		TriggersReplace: &map[string]interface{}{"bucket": policy.Bucket()},
		DependsOn:       &[]cdktf.ITerraformDependable{policy},
		Provisioners: &[]interface{}{&cdktf.LocalExecProvisioner{
			Type:    jsii.String("local-exec"),
			Command: jsii.String(fmt.Sprintf("sleep %d", seconds)),
		}},
	})
}

// bucketPolicy lets log delivery write this account's logs under the prefix,
// and refuses any request not made over TLS.
func bucketPolicy(p Props, bucketArn string) iamdoc.Document {
	// Who writes is AWS's per-region table (regions/elb_log_writers.tsv).
	r, _ := regions.Lookup(p.Region) // validated
	writer := r.LogWriters()
	return iamdoc.New(
		iamdoc.Statement{
			Sid:       "ElasticLoadBalancingWritesAccessLogs",
			Effect:    "Allow",
			Principal: writer,
			Action:    []string{"s3:PutObject"},
			Resource:  []string{logObjects(bucketArn, *p.Prefix, *p.AccountID)},
		},
		iamdoc.Statement{
			Sid:       "DenyInsecureTransport",
			Effect:    "Deny",
			Principal: map[string]any{"AWS": "*"},
			Action:    []string{"s3:*"},
			Resource:  []string{bucketArn, bucketArn + "/*"},
			Condition: map[string]map[string]string{"Bool": {"aws:SecureTransport": "false"}},
		},
	)
}

// logObjects is the ARN pattern of the log objects of account under prefix.
func logObjects(bucketArn, prefix, account string) string {
	if prefix == "" {
		return fmt.Sprintf("%s/AWSLogs/%s/*", bucketArn, account)
	}
	return fmt.Sprintf("%s/%s/AWSLogs/%s/*", bucketArn, prefix, account)
}
