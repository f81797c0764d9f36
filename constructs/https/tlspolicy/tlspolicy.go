// Package tlspolicy lists the load balancer TLS policies the project allows.
// It has no dependency on cdktf, so the security policy can read it without
// starting the jsii runtime.
package tlspolicy

// Default negotiates TLS 1.3 and 1.2 with forward-secret ciphers only.
const Default = "ELBSecurityPolicy-TLS13-1-2-2021-06"

// Allowed are the listener policies allowed: TLS 1.2 at the lowest.
func Allowed() []string {
	return []string{
		Default,
		"ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
		"ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
		"ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
		"ELBSecurityPolicy-TLS13-1-3-2021-06",
		"ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
		"ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
		"ELBSecurityPolicy-TLS-1-2-2017-01",
		"ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
	}
}
