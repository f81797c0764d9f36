// Package cidrspace judges source ranges by the address space they cover
// together, not by their spelling: 0.0.0.0/1 and 128.0.0.0/1 are the whole
// internet as surely as 0.0.0.0/0 is. Only public addresses count; private,
// shared, loopback, link-local, documentation, benchmarking, multicast and
// reserved ranges (IANA's special-purpose registries, RFC 6890) reach no one
// on the internet.
package cidrspace

import (
	"net/netip"
	"slices"
)

// InternetWideShare is the share of the public address space above which a
// set of ranges counts as internet-wide: more than a /8's worth of public
// IPv4 (1/256 of it).
const InternetWideShare = 1.0 / 256

// Special-purpose IPv4 ranges: not reachable from the internet.
var specialV4 = prefixes("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
	"172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
	"198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4")

// IPv6's public space is global unicast (2000::/3) without the documentation
// range; it is counted in /64 networks.
var (
	globalV6 = netip.MustParsePrefix("2000::/3")
	docV6    = netip.MustParsePrefix("2001:db8::/32")
)

func prefixes(list ...string) []netip.Prefix {
	out := make([]netip.Prefix, len(list))
	for i, s := range list {
		out[i] = netip.MustParsePrefix(s)
	}
	return out
}

// span is an inclusive range of addresses (IPv4) or /64 networks (IPv6).
type span struct{ lo, hi uint64 }

func v4span(p netip.Prefix) span {
	b := p.Masked().Addr().As4()
	lo := uint64(b[0])<<24 | uint64(b[1])<<16 | uint64(b[2])<<8 | uint64(b[3])
	return span{lo, lo + (1 << (32 - p.Bits())) - 1}
}

func v6span(p netip.Prefix) span {
	b := p.Masked().Addr().As16()
	var lo uint64
	for _, x := range b[:8] {
		lo = lo<<8 | uint64(x)
	}
	bits := min(p.Bits(), 64)
	if bits == 0 {
		return span{0, ^uint64(0)}
	}
	return span{lo, lo + (uint64(1) << (64 - bits)) - 1}
}

// union merges spans into sorted, disjoint ones.
func union(spans []span) []span {
	slices.SortFunc(spans, func(a, b span) int {
		switch {
		case a.lo < b.lo:
			return -1
		case a.lo > b.lo:
			return 1
		}
		return 0
	})
	var out []span
	for _, s := range spans {
		if n := len(out); n > 0 && (s.lo <= out[n-1].hi || s.lo == out[n-1].hi+1) {
			out[n-1].hi = max(out[n-1].hi, s.hi)
			continue
		}
		out = append(out, s)
	}
	return out
}

// size counts the addresses of covered within public but outside excluded,
// all of them disjoint after union.
func size(covered, public, excluded []span) float64 {
	var n float64
	for _, c := range union(covered) {
		for _, p := range public {
			lo, hi := max(c.lo, p.lo), min(c.hi, p.hi)
			if lo > hi {
				continue
			}
			n += float64(hi-lo) + 1
			for _, e := range union(excluded) {
				if l, h := max(lo, e.lo), min(hi, e.hi); l <= h {
					n -= float64(h-l) + 1
				}
			}
		}
	}
	return n
}

// Share returns the shares of the public IPv4 and IPv6 space that cidrs
// cover together. Strings that are not CIDRs (or hold Terraform references)
// are skipped.
func Share(cidrs []string) (v4, v6 float64) {
	var s4, s6 []span
	for _, c := range cidrs {
		p, err := netip.ParsePrefix(c)
		if err != nil {
			continue
		}
		if p.Addr().Is4() {
			s4 = append(s4, v4span(p))
		} else {
			s6 = append(s6, v6span(p))
		}
	}
	var special []span
	for _, p := range specialV4 {
		special = append(special, v4span(p))
	}
	all4 := []span{{0, 1<<32 - 1}}
	v4 = size(s4, all4, special) / size(all4, all4, special)
	public6 := []span{v6span(globalV6)}
	doc := []span{v6span(docV6)}
	v6 = size(s6, public6, doc) / size(public6, public6, doc)
	return v4, v6
}

// InternetWide says whether cidrs together cover more than InternetWideShare
// of the public IPv4 or IPv6 space.
func InternetWide(cidrs []string) bool {
	v4, v6 := Share(cidrs)
	return v4 > InternetWideShare || v6 > InternetWideShare
}
