package network

import (
	"fmt"
	"net/netip"
)

// Address plan. The layout does not depend on how many AZs are in use, so
// adding an AZ later never renumbers (and so never replaces) existing subnets:
//
//	VPC /n   ─ eighths 0..5  → private subnet of AZ 0..5   (/n+3, most of the space)
//	         ─ eighth 7      → split in eight again → public subnet of AZ 0..5 (/n+6)
//	         ─ eighth 6, and public slots 6..7, stay free for later use
const (
	// MaxAZs is the largest AzCount the plan has room for.
	MaxAZs = 6
	// MinPrefix and MaxPrefix bound the VPC size: AWS allows /16 to /28, and
	// public subnets (the smallest, /n+6) must not be smaller than /28.
	MinPrefix = 16
	MaxPrefix = 22

	privateBits = 3
	publicBits  = 6
	publicBlock = 7 // the eighth that holds the public subnets
)

// SubnetPlan is the CIDR of every subnet, per AZ index.
type SubnetPlan struct {
	Public  []netip.Prefix
	Private []netip.Prefix
}

// ParseVpcCidr returns the VPC range or an error saying what is wrong with it.
func ParseVpcCidr(s string) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(s)
	if err != nil || !p.Addr().Is4() {
		return netip.Prefix{}, fmt.Errorf("not a valid IPv4 CIDR")
	}
	if p.Masked() != p {
		return netip.Prefix{}, fmt.Errorf("host bits are set; the network address is %s", p.Masked())
	}
	if p.String() != s {
		return netip.Prefix{}, fmt.Errorf("write it as %s", p)
	}
	for _, r := range unusableRanges {
		if r.Overlaps(p) {
			return netip.Prefix{}, fmt.Errorf("overlaps %s, which AWS does not allow in a VPC (loopback, link-local, multicast or reserved)", r)
		}
	}
	if p.Bits() < MinPrefix || p.Bits() > MaxPrefix {
		return netip.Prefix{}, fmt.Errorf("prefix /%d: must be /%d to /%d (AWS allows /16 at the largest; "+
			"/%d leaves public subnets at the /28 minimum)", p.Bits(), MinPrefix, MaxPrefix, MaxPrefix)
	}
	return p, nil
}

// unusableRanges are IPv4 ranges a VPC cannot take: "this network",
// loopback, link-local (the instance metadata service lives there), and
// multicast and reserved space.
var unusableRanges = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("127.0.0.0/8"),
	netip.MustParsePrefix("169.254.0.0/16"),
	netip.MustParsePrefix("224.0.0.0/3"),
}

// PlanSubnets splits vpc into azCount public and private subnets.
func PlanSubnets(vpc netip.Prefix, azCount int) (SubnetPlan, error) {
	if azCount < 1 || azCount > MaxAZs {
		return SubnetPlan{}, fmt.Errorf("az count %d: must be between 1 and %d", azCount, MaxAZs)
	}
	if vpc.Bits() < MinPrefix || vpc.Bits() > MaxPrefix {
		return SubnetPlan{}, fmt.Errorf("VPC %s: prefix must be /%d to /%d", vpc, MinPrefix, MaxPrefix)
	}
	var plan SubnetPlan
	for i := 0; i < azCount; i++ {
		plan.Private = append(plan.Private, cidrSubnet(vpc, privateBits, i))
		plan.Public = append(plan.Public, cidrSubnet(cidrSubnet(vpc, privateBits, publicBlock), publicBits-privateBits, i))
	}
	return plan, nil
}

// cidrSubnet is Terraform's cidrsubnet for IPv4: the index-th block of prefix
// extended by newBits bits.
func cidrSubnet(prefix netip.Prefix, newBits, index int) netip.Prefix {
	bits := prefix.Bits() + newBits
	a := prefix.Masked().Addr().As4()
	base := uint32(a[0])<<24 | uint32(a[1])<<16 | uint32(a[2])<<8 | uint32(a[3])
	base |= uint32(index) << (32 - bits)
	addr := netip.AddrFrom4([4]byte{byte(base >> 24), byte(base >> 16), byte(base >> 8), byte(base)})
	return netip.PrefixFrom(addr, bits)
}
