package policy

import "github.com/platform-team/webstack/internal/cidrspace"

// SGRule is a security-group rule, whichever resource type declared it:
// aws_vpc_security_group_ingress_rule / _egress_rule, aws_security_group_rule,
// or an inline ingress/egress block of aws_security_group.
type SGRule struct {
	Source      Resource // the resource that declares the rule
	Group       string   // reference to (or id of) the security group it belongs to
	Ingress     bool
	Protocol    string // "tcp", "udp", "icmp", "-1" (all)
	FromPort    int
	ToPort      int
	Cidrs       []string // IPv4 and IPv6 CIDRs
	PeerGroup   string   // referenced security group, when the peer is a group
	Description string
}

// AllPorts says whether the rule covers every port (protocol -1 or 0-65535).
func (r SGRule) AllPorts() bool {
	return r.Protocol == "-1" || r.Protocol == "all" || (r.FromPort <= 0 && r.ToPort >= 65535)
}

// Covers says whether port is within the rule.
func (r SGRule) Covers(port int) bool {
	return r.AllPorts() || (r.FromPort <= port && port <= r.ToPort)
}

// SGRulesOf returns the rules declared by r, if r declares any.
func SGRulesOf(r Resource) []SGRule {
	num := func(a Attrs, k string) int { n, _ := a.Num(k); return int(n) }
	switch r.Type {
	case "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule":
		a := r.Attrs
		rule := SGRule{Source: r, Group: a.Str("security_group_id"), Ingress: r.Type == "aws_vpc_security_group_ingress_rule",
			Protocol: a.Str("ip_protocol"), FromPort: num(a, "from_port"), ToPort: num(a, "to_port"),
			PeerGroup: a.Str("referenced_security_group_id"), Description: a.Str("description")}
		for _, k := range []string{"cidr_ipv4", "cidr_ipv6"} {
			if c := a.Str(k); c != "" {
				rule.Cidrs = append(rule.Cidrs, c)
			}
		}
		return []SGRule{rule}
	case "aws_security_group_rule":
		a := r.Attrs
		rule := SGRule{Source: r, Group: a.Str("security_group_id"), Ingress: a.Str("type") == "ingress",
			Protocol: a.Str("protocol"), FromPort: num(a, "from_port"), ToPort: num(a, "to_port"),
			PeerGroup: a.Str("source_security_group_id"), Description: a.Str("description"),
			Cidrs: append(a.Strings("cidr_blocks"), a.Strings("ipv6_cidr_blocks")...)}
		return []SGRule{rule}
	case "aws_security_group":
		var out []SGRule
		for _, dir := range []string{"ingress", "egress"} {
			for _, b := range r.Attrs.Blocks(dir) {
				rule := SGRule{Source: r, Group: r.Ref("id"), Ingress: dir == "ingress", Protocol: b.Str("protocol"),
					FromPort: num(b, "from_port"), ToPort: num(b, "to_port"), Description: b.Str("description"),
					Cidrs: append(b.Strings("cidr_blocks"), b.Strings("ipv6_cidr_blocks")...)}
				if groups := b.Strings("security_groups"); len(groups) > 0 {
					rule.PeerGroup = groups[0]
				}
				out = append(out, rule)
			}
		}
		return out
	}
	return nil
}

// SGRuleTypes are the resource types SGRulesOf understands.
func SGRuleTypes() []string {
	return []string{"aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule",
		"aws_security_group_rule", "aws_security_group"}
}

// IsWorld says whether a CIDR is the whole IPv4 or IPv6 internet.
func IsWorld(cidr string) bool { return cidr == "0.0.0.0/0" || cidr == "::/0" }

// OpenToInternet says whether rule, taken together with the other rules of
// its group in its direction that match as well, reaches the internet: their
// CIDRs cover more than a /8's worth of public addresses (cidrspace), however
// they are spelled (two /1 rules are a /0). It returns the share covered.
// A rule whose own CIDRs reach no public address does not count as open.
func OpenToInternet(s *Stack, rule SGRule, match func(SGRule) bool) (bool, float64) {
	if v4, v6 := cidrspace.Share(rule.Cidrs); v4 == 0 && v6 == 0 {
		return false, 0
	}
	var cidrs []string
	for _, other := range RulesOfGroup(s, rule.Group, rule.Ingress) {
		if match(other) {
			cidrs = append(cidrs, other.Cidrs...)
		}
	}
	if rule.Group == "" || len(cidrs) == 0 { // a rule with no group found: judged alone
		cidrs = rule.Cidrs
	}
	v4, v6 := cidrspace.Share(cidrs)
	return cidrspace.InternetWide(cidrs), max(v4, v6)
}

// RulesOfGroup returns the rules of every kind, inbound or outbound, that
// belong to group.
func RulesOfGroup(s *Stack, group string, ingress bool) []SGRule {
	var out []SGRule
	for _, typ := range SGRuleTypes() {
		for _, r := range s.OfType(typ) {
			for _, rule := range SGRulesOf(r) {
				if rule.Ingress == ingress && rule.Group == group {
					out = append(out, rule)
				}
			}
		}
	}
	return out
}

// IngressRulesOfGroup returns the inbound rules of every kind that belong to
// group (a reference such as "${aws_security_group.x.id}").
func IngressRulesOfGroup(s *Stack, group string) []SGRule { return RulesOfGroup(s, group, true) }
