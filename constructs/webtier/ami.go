package webtier

import (
	"regexp"
	"strings"
)

// graviton matches instance families built on AWS Graviton (arm64):
// a1, t4g, m7g, c7gn, r8gd, im4gn, x2gd, hpc7g, …
var graviton = regexp.MustCompile(`^(a1|[a-z]+[0-9]+g[a-z]*)$`)

// Architecture returns the CPU architecture of an instance type as AMI names
// spell it: arm64 or x86_64.
func Architecture(instanceType string) string {
	family, _, _ := strings.Cut(instanceType, ".")
	family, _, _ = strings.Cut(family, "-") // "m7i-flex" → "m7i"
	if graviton.MatchString(family) {
		return "arm64"
	}
	return "x86_64"
}

// AmazonLinuxParameter is the public SSM parameter that always holds the
// latest Amazon Linux 2023 image for the architecture of instanceType.
func AmazonLinuxParameter(instanceType string) string {
	return "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-" + Architecture(instanceType)
}

// AmazonLinuxRootDevice is the root device name of Amazon Linux 2023 images.
const AmazonLinuxRootDevice = "/dev/xvda"
