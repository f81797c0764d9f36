// Package regions knows the AWS regions this project can deploy to: their
// partition (for ARNs) and who delivers Elastic Load Balancing access logs
// there. It is data, looked up at synth time so that the generated
// configuration needs no data source for either.
package regions

import (
	"sort"
	"strings"
)

// Region is one AWS region.
type Region struct {
	Name string
	// ELBAccount is the Elastic Load Balancing account that writes access
	// logs in regions opened before ap-southeast-3 (Jakarta, December 2021).
	// Empty in later regions, where the log-delivery service principal is
	// granted instead.
	ELBAccount string
}

// LogDeliveryPrincipal is the service principal that writes ALB access logs in
// regions that have no ELB account.
const LogDeliveryPrincipal = "logdelivery.elasticloadbalancing.amazonaws.com"

// table is read-only; Lookup and Names hand out copies.
var table = map[string]string{
	"us-east-1":      "127311923021",
	"us-east-2":      "033677994240",
	"us-west-1":      "027434742980",
	"us-west-2":      "797873946194",
	"af-south-1":     "098369216593",
	"ap-east-1":      "754344448648",
	"ap-south-1":     "718504428378",
	"ap-northeast-1": "582318560864",
	"ap-northeast-2": "600734575887",
	"ap-northeast-3": "383597477331",
	"ap-southeast-1": "114774131450",
	"ap-southeast-2": "783225319266",
	"ca-central-1":   "985666609251",
	"eu-central-1":   "054676820928",
	"eu-west-1":      "156460612806",
	"eu-west-2":      "652711504416",
	"eu-west-3":      "009996457667",
	"eu-south-1":     "635631232127",
	"eu-north-1":     "897822967062",
	"me-south-1":     "076674570225",
	"sa-east-1":      "507241528517",
	"us-gov-west-1":  "048591011584",
	"us-gov-east-1":  "190560391635",
	"cn-north-1":     "638102146993",
	"cn-northwest-1": "037604701340",
	// Opened since December 2021: access logs go through the service principal.
	"ap-southeast-3": "",
	"ap-southeast-4": "",
	"ap-southeast-5": "",
	"ap-southeast-7": "",
	"ap-south-2":     "",
	"ap-east-2":      "",
	"ca-west-1":      "",
	"eu-central-2":   "",
	"eu-south-2":     "",
	"il-central-1":   "",
	"me-central-1":   "",
	"mx-central-1":   "",
}

// Lookup returns the region called name.
func Lookup(name string) (Region, bool) {
	acct, ok := table[name]
	return Region{Name: name, ELBAccount: acct}, ok
}

// Names lists every known region, sorted.
func Names() []string {
	names := make([]string, 0, len(table))
	for n := range table {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Partition is the ARN partition of the region: aws, aws-cn or aws-us-gov.
func (r Region) Partition() string {
	switch {
	case strings.HasPrefix(r.Name, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(r.Name, "us-gov-"):
		return "aws-us-gov"
	default:
		return "aws"
	}
}

// Partitions are the ARN partitions a region can be in.
func Partitions() []string { return []string{"aws", "aws-cn", "aws-us-gov"} }

// EndpointService is the name of the VPC endpoint service of an AWS service
// (s3, ssm, …) in region r: com.amazonaws.<region>.<service>, except where
// AWS named it otherwise. In cn-northwest-1, S3 (and ECR's API and STS)
// carry the prefix cn.com.amazonaws (the exceptions aws-cdk's
// InterfaceVpcEndpointAwsService keeps, read from describe-vpc-endpoint-services).
func (r Region) EndpointService(service string) string {
	prefix := "com.amazonaws"
	if r.Name == "cn-northwest-1" && (service == "s3" || service == "ecr.api" || service == "sts") {
		prefix = "cn.com.amazonaws"
	}
	return prefix + "." + r.Name + "." + service
}
