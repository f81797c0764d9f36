package stacks

import (
	"fmt"
	"slices"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/platform-team/webstack/constructs/waf"
	"github.com/platform-team/webstack/field"
)

// WAFMode says what filters requests before the load balancer.
type WAFMode string

const (
	// WAFOff: no web application firewall.
	WAFOff WAFMode = "off"
	// WAFManaged: a web ACL of the stack's own (AWS managed rule groups and a
	// per-IP rate limit, logged to an encrypted log group).
	WAFManaged WAFMode = "managed"
	// WAFExisting: the web ACL at waf.web_acl_arn, associated as it is.
	WAFExisting WAFMode = "existing"
)

// WAFModes lists the valid modes.
func WAFModes() []WAFMode { return []WAFMode{WAFOff, WAFManaged, WAFExisting} }

// WAF is the edge protection of the load balancer.
type WAF struct {
	// Mode is off, managed or existing. Default: managed when production is
	// true, off otherwise.
	Mode *WAFMode `json:"mode"`
	// WebACLArn is the regional web ACL to associate (existing only).
	WebACLArn string `json:"web_acl_arn"`
	// RateLimit is how many requests a client IP may send in 5 minutes
	// before it is blocked (managed only). Default: 2000.
	RateLimit *int `json:"rate_limit"`
}

var wafKeys = keyMap{
	"WebACLArn": "waf.web_acl_arn",
	"RateLimit": "waf.rate_limit",
}

// wafMode is the mode in effect: as set, else managed for production.
func (c Config) wafMode() WAFMode {
	switch {
	case c.WAF.Mode != nil:
		return *c.WAF.Mode
	case c.Production:
		return WAFManaged
	}
	return WAFOff
}

func (c Config) buildWAF(scope constructs.Construct, w *wiring) (err error) {
	if c.wafMode() == WAFOff {
		return nil
	}
	w.waf, err = waf.NewWAF(scope, "waf", c.wafProps(*w))
	return err
}

func (c Config) checkWAF(w wiring) Problems {
	var v validator
	mode := c.wafMode()
	switch {
	case !slices.Contains(WAFModes(), mode):
		v.add("waf.mode", string(mode), field.NotSupported, `must be "off", "managed" (a web ACL of the stack's own) `+
			`or "existing" (the web ACL at waf.web_acl_arn)`)
		return v.problems
	case mode == WAFExisting && c.WAF.WebACLArn == "":
		v.add("waf.web_acl_arn", nil, field.Required, `must name the web ACL to associate when waf.mode is "existing"`)
	case mode != WAFExisting && c.WAF.WebACLArn != "":
		v.add("waf.web_acl_arn", c.WAF.WebACLArn, field.Forbidden, fmt.Sprintf(`is set but waf.mode is %q; set waf.mode to "existing" to use it`, mode))
	}
	if mode != WAFManaged && c.WAF.RateLimit != nil {
		v.add("waf.rate_limit", *c.WAF.RateLimit, field.Forbidden, fmt.Sprintf(`applies to waf.mode "managed", not %q`, mode))
	}
	if len(v.problems) > 0 || mode == WAFOff {
		return v.problems
	}
	return wafKeys.problems("waf", c.wafProps(w).Validate())
}

func (c Config) wafProps(w wiring) *waf.Props {
	p := &waf.Props{Namer: w.namer, LoadBalancerArn: w.web.LoadBalancerArn}
	if c.wafMode() == WAFExisting {
		p.WebACLArn = c.WAF.WebACLArn
		return p
	}
	p.KmsKeyArn, p.RateLimit = w.keyArn, c.WAF.RateLimit
	return p
}
