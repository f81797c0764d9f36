package webtier

import (
	"strconv"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/securitygroup"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/platform-team/webstack/internal/sgrule"
	"github.com/platform-team/webstack/naming"
)

// newSecurityGroups builds the two groups and the rules between them:
//
//	allowed_cidrs ──80──► ALB ──app_port──► instances ──443──► AWS APIs, package repositories
//
// Nothing else reaches an instance (SSH only with a key pair and explicit CIDRs).
// Port 443 on the ALB is opened by package https when HTTPS is on.
//
// It returns the instances' outbound rule too, which the group launching them
// waits for.
func newSecurityGroups(c constructs.Construct, p Props) (alb, instances securitygroup.SecurityGroup, out cdktf.ITerraformDependable) {
	alb = securitygroup.NewSecurityGroup(c, jsii.String("alb-sg"), &securitygroup.SecurityGroupConfig{
		Name:        jsii.String(p.Namer.MustName(naming.SecurityGroup, "alb")),
		Description: jsii.String("Web load balancer: HTTP(S) from allowed_cidrs, forwards to the web instances only"),
		VpcId:       p.VpcID,
		Tags:        p.Namer.NameTag("alb"),
	})
	instances = securitygroup.NewSecurityGroup(c, jsii.String("instance-sg"), &securitygroup.SecurityGroupConfig{
		Name:        jsii.String(p.Namer.MustName(naming.SecurityGroup, "web-instances")),
		Description: jsii.String("Web instances: app port from the load balancer only"),
		VpcId:       p.VpcID,
		Tags:        p.Namer.NameTag("web-instances"),
	})

	sgrule.IngressFromCidrs(c, "alb-http-in", alb.Id(), 80, p.AllowedCidrs, "HTTP to the load balancer")
	sgrule.Egress(c, "alb-to-instances", sgrule.Rule{
		Group: alb.Id(), Port: *p.AppPort, Peer: sgrule.Peer{SecurityGroup: instances.Id()},
		Description: "Load balancer to the web instances on the app port",
	})
	sgrule.Ingress(c, "instances-from-alb", sgrule.Rule{
		Group: instances.Id(), Port: *p.AppPort, Peer: sgrule.Peer{SecurityGroup: alb.Id()},
		Description: "App port from the load balancer only",
	})
	out = sgrule.Egress(c, "instances-https-out", sgrule.Rule{
		Group: instances.Id(), Port: 443, Peer: sgrule.Peer{Cidr: "0.0.0.0/0"},
		Description: "HTTPS to AWS APIs (SSM) and package repositories, through the NAT gateway",
	})
	if p.KeyName != "" {
		for i, cidr := range p.SSHCidrs {
			sgrule.Ingress(c, "instances-ssh-in-"+strconv.Itoa(i), sgrule.Rule{
				Group: instances.Id(), Port: 22, Peer: sgrule.Peer{Cidr: cidr},
				Description: "SSH from " + cidr + " (key pair " + p.KeyName + ")",
			})
		}
	}
	return alb, instances, out
}
