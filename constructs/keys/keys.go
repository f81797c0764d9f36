// Package keys builds the stack's customer-managed KMS key: it encrypts the
// CloudWatch log groups and the alarm topic, with yearly rotation, and a key
// policy that lets exactly those services use it in this account.
//
// It needs the AWS provider in its stack, and in its Props a naming.Namer
// (for the alias), the account id, region and partition. A destroyed key
// stays recoverable DeletionWindowDays (default 30). NewKey validates Props
// first and returns field.Errors that name the prop. A Key exposes its ARN,
// for network.Props.FlowLogKmsKeyArn and alarms.Props.KmsKeyArn.
//
//	key, err := keys.NewKey(stack, "keys", &keys.Props{
//		Namer: namer, AccountID: jsii.String("123456789012"), Region: "eu-west-1", Partition: "aws",
//	})
package keys

import (
	"cmp"
	"fmt"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/kmsalias"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/kmskey"

	"github.com/platform-team/webstack/field"
	"github.com/platform-team/webstack/internal/iamdoc"
	"github.com/platform-team/webstack/internal/regions"
	"github.com/platform-team/webstack/naming"
)

// DefaultDeletionWindowDays is how long a destroyed key can still be recovered.
const DefaultDeletionWindowDays = 30

// Props configures a Key.
type Props struct {
	// Namer builds the alias. Required.
	Namer *naming.Namer
	// AccountID, Region and Partition scope the key policy. Required
	// (AccountID may be a token).
	AccountID *string
	Region    string
	Partition string
	// DeletionWindowDays a destroyed key stays recoverable, 7 to 30. Default: 30.
	DeletionWindowDays *int
}

// Validate returns every problem of p as field.Errors (nil when there is
// none). It needs no jsii runtime.
func (p *Props) Validate() error {
	var c field.Checker
	c.Require("Namer", p.Namer != nil, "builds the alias")
	c.Require("AccountID", p.AccountID != nil, "scopes the key policy")
	c.Require("Region", p.Region != "", "scopes the key policy")
	field.OneOf(&c, "Partition", &p.Partition, regions.Partitions())
	c.IntRange("DeletionWindowDays", p.DeletionWindowDays, 7, 30, "days")
	return c.Errs.Err()
}

// Key exposes the key's ARN for encryption settings.
type Key struct {
	Construct constructs.Construct
	Arn       *string
}

// NewKey builds the key and its alias.
func NewKey(scope constructs.Construct, id string, props *Props) (*Key, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	p := *props
	p.DeletionWindowDays = cmp.Or(p.DeletionWindowDays, new(DefaultDeletionWindowDays))
	c := constructs.NewConstruct(scope, jsii.String(id))
	account := *p.AccountID
	// CloudWatch Logs' principal carries the partition's DNS suffix in China
	// (logs.cn-north-1.amazonaws.com.cn); a key policy naming the commercial
	// form there lets no log group use the key.
	region := regions.Region{Name: p.Region}
	// In a key policy, Resource "*" means this key.
	policy := iamdoc.New(
		iamdoc.Statement{
			Sid:       "AccountAdministersKey",
			Effect:    "Allow",
			Principal: map[string]any{"AWS": fmt.Sprintf("arn:%s:iam::%s:root", p.Partition, account)},
			Action:    []string{"kms:*"},
			Resource:  []string{"*"},
		},
		iamdoc.Statement{
			Sid:       "CloudWatchLogsEncryptsThisAccountsLogGroups",
			Effect:    "Allow",
			Principal: map[string]any{"Service": region.RegionalServicePrincipal("logs")},
			Action:    []string{"kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"},
			Resource:  []string{"*"},
			Condition: map[string]map[string]string{"ArnLike": {
				"kms:EncryptionContext:aws:logs:arn": fmt.Sprintf("arn:%s:logs:%s:%s:log-group:*", p.Partition, p.Region, account),
			}},
		},
		iamdoc.Statement{
			Sid:       "CloudWatchAlarmsPublishToEncryptedTopic",
			Effect:    "Allow",
			Principal: map[string]any{"Service": regions.ServicePrincipal(p.Partition, "cloudwatch")},
			Action:    []string{"kms:Decrypt", "kms:GenerateDataKey*"},
			Resource:  []string{"*"},
			Condition: map[string]map[string]string{"StringEquals": {"aws:SourceAccount": account}},
		},
	)
	key := kmskey.NewKmsKey(c, jsii.String("key"), &kmskey.KmsKeyConfig{
		Description:          jsii.String("webstack: encrypts log groups and the alarm topic"),
		EnableKeyRotation:    jsii.Bool(true),
		DeletionWindowInDays: jsii.Number(float64(*p.DeletionWindowDays)),
		Policy:               jsii.String(policy.JSON()),
		Tags:                 p.Namer.NameTag("key"),
	})
	kmsalias.NewKmsAlias(c, jsii.String("alias"), &kmsalias.KmsAliasConfig{
		Name:        jsii.String(p.Namer.MustName(naming.KMSAlias, "observability")),
		TargetKeyId: key.KeyId(),
	})
	return &Key{Construct: c, Arn: key.Arn()}, nil
}
