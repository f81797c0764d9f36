package naming

// Kind is a resource kind with its AWS name-length limit. Every kind accepts
// lowercase letters, digits and hyphens, which is all Sanitize produces.
type Kind struct {
	Label  string // what the error messages call it
	MaxLen int    // the AWS limit on the whole name, Prefix included
	Prefix string // a fixed start the name must have (e.g. "alias/")
	// Reserved lists starts AWS refuses for this kind (S3 keeps "sthree-"
	// for itself; an ALB named "internal-…" is taken for an internal one),
	// after Prefix.
	Reserved []string
	// ReservedSuffixes lists ends AWS refuses (S3 keeps "-s3alias" for
	// access point aliases).
	ReservedSuffixes []string
	// Hierarchical kinds put the Namer's path (WithPath) after Prefix.
	Hierarchical bool
}

// The kinds the constructs name, with the limits AWS documents for them.
var (
	LoadBalancer     = Kind{Label: "load balancer", MaxLen: 32, Reserved: []string{"internal-"}}
	TargetGroup      = Kind{Label: "target group", MaxLen: 32}
	IAMRole          = Kind{Label: "IAM role", MaxLen: 64}
	IAMPolicy        = Kind{Label: "IAM policy", MaxLen: 128}
	InstanceProfile  = Kind{Label: "instance profile", MaxLen: 128}
	SecurityGroup    = Kind{Label: "security group", MaxLen: 255, Reserved: []string{"sg-"}}
	LaunchTemplate   = Kind{Label: "launch template", MaxLen: 128}
	AutoScalingGroup = Kind{Label: "Auto Scaling group", MaxLen: 255}
	ScalingPolicy    = Kind{Label: "scaling policy", MaxLen: 255}
	S3Bucket         = Kind{Label: "S3 bucket", MaxLen: 63, Reserved: []string{"sthree-", "amzn-s3-demo-", "xn--"},
		ReservedSuffixes: []string{"-s3alias", "--ol-s3", "--x-s3", "--table-s3", ".mrap"}}
	SNSTopic = Kind{Label: "SNS topic", MaxLen: 256}
	KMSAlias = Kind{Label: "KMS alias", MaxLen: 256, Prefix: "alias/", Reserved: []string{"aws/"}}
	LogGroup = Kind{Label: "log group", MaxLen: 512, Prefix: "/", Hierarchical: true}
	Alarm    = Kind{Label: "CloudWatch alarm", MaxLen: 255}
	WebACL   = Kind{Label: "web ACL", MaxLen: 128}
	// WAFLogGroup: WAF logs only to a log group whose name starts
	// "aws-waf-logs-".
	WAFLogGroup = Kind{Label: "WAF log group", MaxLen: 512, Prefix: "aws-waf-logs-"}
	Tag         = Kind{Label: "Name tag", MaxLen: 256}
)

// Kinds lists every kind above, so configuration validation can prove that a
// project and environment fit all of them before anything is built.
func Kinds() []Kind {
	return []Kind{LoadBalancer, TargetGroup, IAMRole, IAMPolicy, InstanceProfile, SecurityGroup, LaunchTemplate,
		AutoScalingGroup, ScalingPolicy, S3Bucket, SNSTopic, KMSAlias, LogGroup, Alarm, WebACL, WAFLogGroup, Tag}
}
