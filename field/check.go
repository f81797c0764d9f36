package field

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/platform-team/webstack/internal/cidrspace"
)

// Checker collects errors; its methods check one prop each and do nothing
// for a nil (not set) pointer, so a props struct's Validate reads as a list
// of the rules.
type Checker struct{ Errs Errors }

// Add records a problem.
func (c *Checker) Add(path string, kind Kind, value any, detail string) {
	c.Errs = append(c.Errs, &Error{Path: path, Kind: kind, Value: value, Detail: detail})
}

// Merge records errs under prefix.
func (c *Checker) Merge(prefix string, errs Errors) {
	c.Errs = append(c.Errs, errs.Prefixed(prefix)...)
}

// Require records a Required error on path unless set; why says what the
// prop is for.
func (c *Checker) Require(path string, set bool, why string) {
	if !set {
		c.Add(path, Required, nil, why)
	}
}

// IntRange checks lo <= *v <= hi; unit ("seconds", "GiB") and why may be empty.
func (c *Checker) IntRange(path string, v *int, lo, hi int, unit string) {
	if v == nil || (*v >= lo && *v <= hi) {
		return
	}
	detail := fmt.Sprintf("must be between %d and %d", lo, hi)
	if unit != "" {
		detail += " " + unit
	}
	c.Add(path, OutOfRange, *v, detail)
}

// OneOf checks that *v is one of allowed.
func OneOf[T ~string](c *Checker, path string, v *T, allowed []T) {
	if v == nil || slices.Contains(allowed, *v) {
		return
	}
	quoted := make([]string, len(allowed))
	for i, a := range allowed {
		quoted[i] = fmt.Sprintf("%q", a)
	}
	c.Add(path, NotSupported, string(*v), "must be one of "+strings.Join(quoted, ", "))
}

// CidrOptions says which CIDRs a list accepts.
type CidrOptions struct {
	// World allows 0.0.0.0/0 and ::/0.
	World bool
	// IPv4Only refuses IPv6 ranges, saying why (IPv6Why), for a list whose
	// rules would reach only IPv4 addresses.
	IPv4Only bool
	IPv6Why  string
	// NonEmpty refuses a list that is set but empty (nil is "not set").
	NonEmpty bool
	// Max is the most items AWS allows in the place the list ends up (0: no limit).
	Max int
	// Why explains Max or World in errors.
	Why string
}

// IsToken says whether s holds a Terraform reference or a cdktf token
// ("${...}"), whose value is known only at apply: checks skip it.
func IsToken(s string) bool { return strings.Contains(s, "${") }

// Cidrs checks a list of CIDRs as AWS stores them (tokens are skipped): each a network address in
// its canonical form (AWS returns the canonical form, so another spelling,
// such as upper-case IPv6, would show a change on every plan), no two the same
// (AWS refuses a duplicate security-group rule), at most o.Max of them.
func (c *Checker) Cidrs(path string, list []string, o CidrOptions) {
	if o.NonEmpty && list != nil && len(list) == 0 {
		c.Add(path, Required, list, `must list at least one CIDR (["0.0.0.0/0"] admits everyone)`)
	}
	if o.Max > 0 && len(list) > o.Max {
		c.Add(path, TooMany, nil, fmt.Sprintf("has %d entries; at most %d (%s)", len(list), o.Max, o.Why))
	}
	seen := map[netip.Prefix]int{}
	var valid []string
	for i, s := range list {
		if IsToken(s) {
			continue
		}
		p := Index(path, i)
		pfx, err := netip.ParsePrefix(s)
		switch {
		case err != nil:
			c.Add(p, Invalid, s, "not a CIDR (e.g. 203.0.113.0/24 or 2001:db8::/32)")
		case pfx.Addr().Zone() != "" || pfx.Addr().Is4In6():
			c.Add(p, Invalid, s, "not a plain IPv4 or IPv6 CIDR")
		case o.IPv4Only && pfx.Addr().Is6():
			c.Add(p, NotSupported, s, strings.TrimSuffix("must be an IPv4 CIDR: "+o.IPv6Why, ": "))
		case pfx.Masked() != pfx:
			c.Add(p, Invalid, s, fmt.Sprintf("host bits are set; the network address is %s", pfx.Masked()))
		case pfx.String() != s:
			c.Add(p, Invalid, s, fmt.Sprintf("write it as %s, the form AWS stores (any other spelling shows as a change on every plan)", pfx))
		case pfx.Bits() == 0 && !o.World:
			c.Add(p, Forbidden, s, "the whole internet is not allowed here: "+o.Why)
		default:
			if j, dup := seen[pfx]; dup {
				c.Add(p, Duplicate, s, fmt.Sprintf("repeats item %d; AWS refuses the same rule twice", j))
			}
			seen[pfx] = i
			valid = append(valid, s)
			continue
		}
	}
	// Judged together, by the public addresses they reach: two /1s are the
	// whole internet as surely as a /0.
	if !o.World && cidrspace.InternetWide(valid) {
		v4, v6 := cidrspace.Share(valid)
		what := "together these ranges cover"
		if len(valid) == 1 {
			what = "this range covers"
		}
		c.Add(path, Forbidden, list, fmt.Sprintf("%s %s of the internet's public addresses, more than a /8's worth "+
			"(1/256): %s", what, share(max(v4, v6)), o.Why))
	}
}

// share prints a share of the address space as a percentage.
func share(f float64) string {
	if f >= 0.995 {
		return "all"
	}
	return strconv.FormatFloat(100*f, 'f', 1, 64) + "%"
}

// LogRetentionDays are the retention periods CloudWatch Logs accepts.
func LogRetentionDays() []int {
	return []int{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192,
		2557, 2922, 3288, 3653}
}

// LogRetention checks a log group retention (nil: not set).
func LogRetention(c *Checker, path string, days *int) {
	if days != nil && !slices.Contains(LogRetentionDays(), *days) {
		var list []string
		for _, d := range LogRetentionDays() {
			list = append(list, strconv.Itoa(d))
		}
		c.Add(path, NotSupported, *days, "must be a retention CloudWatch Logs accepts: "+strings.Join(list, ", "))
	}
}
