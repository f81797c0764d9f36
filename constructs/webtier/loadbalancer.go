package webtier

import (
	"strconv"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/lb"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/lbtargetgroup"
	"github.com/cdktf/cdktf-provider-random-go/random/v11/stringresource"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/naming"
)

func newLoadBalancer(c constructs.Construct, p Props, w *WebTier) {
	cfg := &lb.LbConfig{
		Name:                     jsii.String(p.Namer.MustName(naming.LoadBalancer, "web")),
		Internal:                 jsii.Bool(*p.Scheme == Internal),
		LoadBalancerType:         jsii.String("application"),
		SecurityGroups:           &[]*string{w.AlbSecurityGroupID},
		Subnets:                  loadBalancerSubnets(p),
		DropInvalidHeaderFields:  jsii.Bool(true),
		EnableDeletionProtection: jsii.Bool(p.DeletionProtection),
		IdleTimeout:              jsii.Number(float64(*p.IdleTimeoutSeconds)),
		Tags:                     p.Namer.NameTag("alb"),
	}
	if p.AccessLogs != nil {
		cfg.AccessLogs = &lb.LbAccessLogs{
			Bucket:  p.AccessLogs.Bucket,
			Prefix:  jsii.String(p.AccessLogs.Prefix),
			Enabled: jsii.Bool(true),
		}
		cfg.DependsOn = &p.AccessLogs.DependsOn
	}
	alb := lb.NewLb(c, jsii.String("alb"), cfg)
	w.LoadBalancerArn, w.LoadBalancerArnSuffix = alb.Arn(), alb.ArnSuffix()
	w.LoadBalancerDNSName, w.LoadBalancerZoneID = alb.DnsName(), alb.ZoneId()
}

// newTargetGroup builds the target group. Changing its port, protocol or VPC
// replaces it; a listener still points at the old one then, so it is created
// before the old one is destroyed, under a name of its own: its suffix comes
// from a random_string kept by exactly those arguments.
func newTargetGroup(c constructs.Construct, p Props, w *WebTier) {
	const protocol = "HTTP"
	suffix := stringresource.NewStringResource(c, jsii.String("target-group-suffix"), &stringresource.StringResourceConfig{
		Length:  jsii.Number(6),
		Lower:   jsii.Bool(true),
		Upper:   jsii.Bool(false),
		Numeric: jsii.Bool(true),
		Special: jsii.Bool(false),
		Keepers: &map[string]*string{
			"port":     jsii.String(strconv.Itoa(*p.AppPort)),
			"protocol": jsii.String(protocol),
			"vpc_id":   p.VpcID,
		},
	})
	hc := p.HealthCheck
	tg := lbtargetgroup.NewLbTargetGroup(c, jsii.String("target-group"), &lbtargetgroup.LbTargetGroupConfig{
		Name:                jsii.String(p.Namer.WithSuffix(*suffix.Result(), 6).MustName(naming.TargetGroup, "web")),
		Port:                jsii.Number(float64(*p.AppPort)),
		Protocol:            jsii.String(protocol),
		TargetType:          jsii.String("instance"),
		VpcId:               p.VpcID,
		DeregistrationDelay: jsii.String(strconv.Itoa(*p.DeregistrationDelaySeconds)),
		HealthCheck: &lbtargetgroup.LbTargetGroupHealthCheck{
			Enabled:            jsii.Bool(true),
			Protocol:           jsii.String(protocol),
			Port:               jsii.String("traffic-port"),
			Path:               hc.Path,
			Matcher:            hc.Matcher,
			HealthyThreshold:   jsii.Number(float64(*hc.HealthyThreshold)),
			UnhealthyThreshold: jsii.Number(float64(*hc.UnhealthyThreshold)),
			Interval:           jsii.Number(float64(*hc.IntervalSeconds)),
			Timeout:            jsii.Number(float64(*hc.TimeoutSeconds)),
		},
		Tags:      p.Namer.NameTag("web-tg"),
		Lifecycle: &cdktf.TerraformResourceLifecycle{CreateBeforeDestroy: jsii.Bool(true)},
	})
	w.TargetGroupArn, w.TargetGroupArnSuffix, w.TargetGroupName = tg.Arn(), tg.ArnSuffix(), tg.Name()
}

// loadBalancerSubnets: an internet-facing load balancer needs the public
// subnets' route to the internet; an internal one stays with the instances.
func loadBalancerSubnets(p Props) *[]*string {
	if *p.Scheme == Internal {
		return &p.PrivateSubnetIDs
	}
	return &p.PublicSubnetIDs
}
