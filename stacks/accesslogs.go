package stacks

import (
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/platform-team/webstack/constructs/accesslogs"
	"github.com/platform-team/webstack/stacks/config"
)

// accessLogsPart is the load balancer's access-log bucket (always on):
// section access_logs.
type accessLogsPart struct{}

func (accessLogsPart) props(c config.Config, w wiring) (*accesslogs.Props, propKeys) {
	at := key("access_logs")
	forceDestroy := !c.Production
	if c.AccessLogs.ForceDestroy != nil {
		forceDestroy = *c.AccessLogs.ForceDestroy
	}
	p := &accesslogs.Props{
		Namer:         w.namer,
		Region:        w.region.Name,
		AccountID:     w.accountID,
		RetentionDays: c.AccessLogs.RetentionDays,
		ForceDestroy:  forceDestroy,
	}
	return p, newPropKeys("access logs", p,
		wired(&p.Namer), wired(&p.AccountID),
		from(&p.Region, key("region")),
		from(&p.RetentionDays, at.Child("retention_days")),
		from(&p.ForceDestroy, at.Child("force_destroy")),
		unset(&p.Prefix),
		// The emulator target leaves the wait out (emutarget).
		unset(&p.PolicySettleSeconds))
}

func (a accessLogsPart) check(c config.Config, w wiring) config.Problems {
	p, keys := a.props(c, w)
	return keys.problems(p.Validate())
}

func (a accessLogsPart) build(scope constructs.Construct, c config.Config, w *wiring) (err error) {
	p, _ := a.props(c, *w)
	w.logs, err = accesslogs.NewAccessLogs(scope, "access-logs", p)
	return err
}

func (accessLogsPart) outputs(_ config.Config, w wiring, out outputFunc) {
	out("access_logs_bucket", "Bucket receiving the load balancer's access logs", w.logs.BucketName)
}

func (a accessLogsPart) sources(c config.Config, w wiring) []propKeys {
	_, keys := a.props(c, w)
	return []propKeys{keys}
}
