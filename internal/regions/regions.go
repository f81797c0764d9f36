// Package regions knows the AWS regions this project can deploy to: their
// partition (for ARNs and service principals) and who delivers Elastic Load
// Balancing access logs there (elb_log_writers.tsv, AWS's table with its
// sources). It is data, looked up at synth time so that the generated
// configuration needs no data source for either.
package regions

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"
)

// Region is one AWS region.
type Region struct {
	Name string
	// ELBAccount is the Elastic Load Balancing account that writes access
	// logs in regions available before August 2022; empty in later ones.
	ELBAccount string
	// LogDeliveryService says the log-delivery service principal writes
	// access logs (regions available as of August 2022 or later, and, with
	// ELBAccount too, where the sources disagree).
	LogDeliveryService bool
}

// LogDeliveryPrincipal is the service principal that writes ALB access logs in
// regions that have no ELB account.
const LogDeliveryPrincipal = "logdelivery.elasticloadbalancing.amazonaws.com"

// logWriters is AWS's table of access-log writers, with its sources and the
// day it was read; every region this project deploys to is in it.
//
//go:embed elb_log_writers.tsv
var logWriters string

// table is read-only; Lookup and Names hand out copies.
var table = parseTable(logWriters)

// parseTable reads elb_log_writers.tsv. The file is part of the build, so a
// malformed line is a programming error.
func parseTable(text string) map[string]Region {
	out := map[string]Region{}
	for i, line := range strings.Split(text, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			panic(fmt.Sprintf("elb_log_writers.tsv:%d: want region, writer and name", i+1))
		}
		r := Region{Name: f[0]}
		for _, w := range strings.Split(f[1], "+") {
			switch {
			case w == "service":
				r.LogDeliveryService = true
			case len(w) == 12 && strings.Trim(w, "0123456789") == "":
				r.ELBAccount = w
			default:
				panic(fmt.Sprintf("elb_log_writers.tsv:%d: writer %q is neither an account nor \"service\"", i+1, w))
			}
		}
		if _, dup := out[r.Name]; dup {
			panic(fmt.Sprintf("elb_log_writers.tsv:%d: %s twice", i+1, r.Name))
		}
		out[r.Name] = r
	}
	return out
}

// Lookup returns the region called name.
func Lookup(name string) (Region, bool) {
	r, ok := table[name]
	return r, ok
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

// LogWriters are the principals that must be allowed to write the region's
// access logs, as a policy statement's Principal: the ELB account's root
// (in the region's partition), the log-delivery service, or both.
func (r Region) LogWriters() map[string]any {
	p := map[string]any{}
	if r.ELBAccount != "" {
		p["AWS"] = fmt.Sprintf("arn:%s:iam::%s:root", r.Partition(), r.ELBAccount)
	}
	if r.LogDeliveryService || r.ELBAccount == "" {
		p["Service"] = LogDeliveryPrincipal
	}
	return p
}

// ServicePrincipal is the principal of an AWS service ("ec2",
// "vpc-flow-logs") in an ARN partition: service.amazonaws.com, except for
// the services that take the partition's own DNS suffix there (in China:
// CloudWatch Logs, CodeDeploy and EMR; the rule aws-cdk's region-info and the
// AWS provider's aws_service_principal data source share).
func ServicePrincipal(partition, service string) string {
	return service + "." + principalSuffix(partition, service)
}

// RegionalServicePrincipal is the region-qualified form
// (logs.eu-west-1.amazonaws.com), which some key policies require.
func (r Region) RegionalServicePrincipal(service string) string {
	return service + "." + r.Name + "." + principalSuffix(r.Partition(), service)
}

func principalSuffix(partition, service string) string {
	if partition == "aws-cn" {
		switch service {
		case "logs", "codedeploy", "elasticmapreduce":
			return "amazonaws.com.cn"
		}
	}
	return "amazonaws.com"
}
