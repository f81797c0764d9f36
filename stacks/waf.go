package stacks

import (
	"fmt"
	"slices"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/platform-team/webstack/constructs/waf"
	"github.com/platform-team/webstack/field"
	"github.com/platform-team/webstack/stacks/config"
)

// wafPart is the edge protection of the load balancer: section waf. Off by
// default, a managed web ACL by default for production (config.WAFMode).
type wafPart struct{}

func (wafPart) props(c config.Config, w wiring) (*waf.Props, propKeys) {
	at := key("waf")
	p := &waf.Props{Namer: w.namer, LoadBalancerArn: w.web.LoadBalancerArn}
	if c.WAFMode() == config.WAFExisting {
		p.WebACLArn = c.WAF.WebACLArn
	} else {
		p.KmsKeyArn, p.RateLimit = w.keyArn, c.WAF.RateLimit
	}
	return p, newPropKeys("waf", p,
		wired(&p.Namer), wired(&p.LoadBalancerArn), wired(&p.KmsKeyArn),
		from(&p.WebACLArn, at.Child("web_acl_arn")),
		from(&p.RateLimit, at.Child("rate_limit")),
		unset(&p.LogRetentionDays))
}

func (f wafPart) check(c config.Config, w wiring) config.Problems {
	at := key("waf")
	var ps config.Problems
	add := func(key field.Path, value any, kind field.Kind, msg string) {
		ps = append(ps, config.Problem{Field: key, Value: value, Kind: kind, Msg: msg})
	}
	mode := c.WAFMode()
	switch {
	case !slices.Contains(config.WAFModes(), mode):
		add(at.Child("mode"), string(mode), field.NotSupported, `must be "off", "managed" (a web ACL of the stack's own) `+
			`or "existing" (the web ACL at waf.web_acl_arn)`)
		return ps
	case mode == config.WAFExisting && c.WAF.WebACLArn == "":
		add(at.Child("web_acl_arn"), nil, field.Required, `must name the web ACL to associate when waf.mode is "existing"`)
	case mode != config.WAFExisting && c.WAF.WebACLArn != "":
		add(at.Child("web_acl_arn"), c.WAF.WebACLArn, field.Forbidden,
			fmt.Sprintf(`is set but waf.mode is %q; set waf.mode to "existing" to use it`, mode))
	}
	if mode != config.WAFManaged && c.WAF.RateLimit != nil {
		add(at.Child("rate_limit"), *c.WAF.RateLimit, field.Forbidden, fmt.Sprintf(`applies to waf.mode "managed", not %q`, mode))
	}
	if len(ps) > 0 || mode == config.WAFOff {
		return ps
	}
	p, keys := f.props(c, w)
	return keys.problems(p.Validate())
}

func (f wafPart) build(scope constructs.Construct, c config.Config, w *wiring) (err error) {
	if c.WAFMode() == config.WAFOff {
		return nil
	}
	p, _ := f.props(c, *w)
	w.waf, err = waf.NewWAF(scope, "waf", p)
	return err
}

func (wafPart) outputs(_ config.Config, w wiring, out outputFunc) {
	if w.waf != nil {
		out("web_acl_arn", "Web ACL (AWS WAF) in front of the load balancer", w.waf.WebACLArn)
	}
}

func (f wafPart) sources(c config.Config, w wiring) []propKeys {
	_, keys := f.props(c, w)
	return []propKeys{keys}
}
