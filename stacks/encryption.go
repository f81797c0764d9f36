package stacks

import (
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/platform-team/webstack/constructs/keys"
	"github.com/platform-team/webstack/stacks/config"
)

// keyPart is the stack's KMS key, which encrypts its logs, alarm topic and
// WAF log group. No key of the file configures it.
type keyPart struct{}

func (keyPart) props(c config.Config, w wiring) (*keys.Props, propKeys) {
	p := &keys.Props{Namer: w.namer, AccountID: w.accountID, Region: w.region.Name, Partition: w.region.Partition()}
	return p, newPropKeys("keys", p,
		wired(&p.Namer), wired(&p.AccountID), wired(&p.Partition),
		from(&p.Region, key("region")),
		unset(&p.DeletionWindowDays))
}

func (k keyPart) check(c config.Config, w wiring) config.Problems {
	p, keys := k.props(c, w)
	return keys.problems(p.Validate())
}

func (k keyPart) build(scope constructs.Construct, c config.Config, w *wiring) error {
	p, _ := k.props(c, *w)
	key, err := keys.NewKey(scope, "keys", p)
	if err == nil {
		w.keyArn = key.Arn
	}
	return err
}

func (keyPart) outputs(config.Config, wiring, outputFunc) {}

func (k keyPart) sources(c config.Config, w wiring) []propKeys {
	_, keys := k.props(c, w)
	return []propKeys{keys}
}
