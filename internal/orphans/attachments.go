package orphans

import (
	"context"
	"fmt"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
)

// attachment looks up a resource of type typ (its configuration body) that
// has no name of its own but exists once what it attaches to does: a route
// in its route table, a route table association, a security group rule, a
// listener on its load balancer, a VPC's flow log. A run killed just after
// creating one leaves its parent in the state (or adopted) and it out;
// creating it again fails (RouteAlreadyExists, Resource.AlreadyAssociated,
// InvalidPermission.Duplicate, DuplicateListener, FlowLogAlreadyExists).
// nil when it does not exist, or its parent is not known yet (then it was
// not created either).
func attachment(ctx context.Context, cfg aws.Config, ec2c *ec2.Client, typ string, body map[string]any, refs Refs) (*Orphan, error) {
	arn := func(kind, id string) string {
		return "arn:" + partition(cfg.Region) + ":ec2:" + cfg.Region + "::" + kind + "/" + id
	}
	switch typ {
	case "aws_route", "aws_route_table_association":
		rtb := refs.Resolve(body["route_table_id"])
		if rtb == "" {
			return nil, nil
		}
		out, err := ec2c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{rtb}})
		if err != nil || len(out.RouteTables) != 1 {
			return nil, nil // the table is gone: so is what it held
		}
		t := out.RouteTables[0]
		if typ == "aws_route" {
			dest := refs.Resolve(body["destination_cidr_block"])
			for _, r := range t.Routes {
				if dest != "" && aws.ToString(r.DestinationCidrBlock) == dest && r.Origin == ec2types.RouteOriginCreateRoute {
					id := rtb + "_" + dest
					return &Orphan{ARN: arn("route-table", rtb) + "/route/" + dest, Name: id, ImportID: id}, nil
				}
			}
			return nil, nil
		}
		subnet := refs.Resolve(body["subnet_id"])
		for _, a := range t.Associations {
			if subnet != "" && aws.ToString(a.SubnetId) == subnet {
				id := subnet + "/" + rtb
				return &Orphan{ARN: arn("route-table", rtb) + "/association/" + aws.ToString(a.RouteTableAssociationId),
					Name: id, ImportID: id}, nil
			}
		}
		return nil, nil
	case "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule":
		sg := refs.Resolve(body["security_group_id"])
		if sg == "" {
			return nil, nil
		}
		out, err := ec2c.DescribeSecurityGroupRules(ctx, &ec2.DescribeSecurityGroupRulesInput{
			Filters: []ec2types.Filter{{Name: aws.String("group-id"), Values: []string{sg}}}})
		if err != nil {
			return nil, fmt.Errorf("listing the rules of %s: %w", sg, err)
		}
		for _, r := range out.SecurityGroupRules {
			if sameRule(r, typ == "aws_vpc_security_group_egress_rule", body, refs) {
				id := aws.ToString(r.SecurityGroupRuleId)
				return &Orphan{ARN: arn("security-group-rule", id), Name: id, ImportID: id}, nil
			}
		}
		return nil, nil
	case "aws_lb_listener":
		lb := refs.Resolve(body["load_balancer_arn"])
		if lb == "" {
			return nil, nil
		}
		out, err := elb.NewFromConfig(cfg).DescribeListeners(ctx, &elb.DescribeListenersInput{LoadBalancerArn: aws.String(lb)})
		if err != nil {
			return nil, nil // the load balancer is gone: so are its listeners
		}
		for _, l := range out.Listeners {
			if number(body["port"]) == int64(aws.ToInt32(l.Port)) {
				a := aws.ToString(l.ListenerArn)
				return &Orphan{ARN: a, Name: a, ImportID: a}, nil
			}
		}
		return nil, nil
	case "aws_flow_log":
		vpc := refs.Resolve(body["vpc_id"])
		if vpc == "" {
			return nil, nil
		}
		out, err := ec2c.DescribeFlowLogs(ctx, &ec2.DescribeFlowLogsInput{
			Filter: []ec2types.Filter{{Name: aws.String("resource-id"), Values: []string{vpc}}}})
		if err != nil {
			return nil, fmt.Errorf("listing the flow logs of %s: %w", vpc, err)
		}
		for _, f := range out.FlowLogs {
			if string(f.TrafficType) == refs.Resolve(body["traffic_type"]) {
				id := aws.ToString(f.FlowLogId)
				return &Orphan{ARN: arn("vpc-flow-log", id), Name: id, ImportID: id}, nil
			}
		}
	}
	return nil, nil
}

// sameRule says whether r is the rule body configures: its direction,
// protocol, ports and the one source or destination it names.
func sameRule(r ec2types.SecurityGroupRule, egress bool, body map[string]any, refs Refs) bool {
	if aws.ToBool(r.IsEgress) != egress || aws.ToString(r.IpProtocol) != refs.Resolve(body["ip_protocol"]) {
		return false
	}
	if from, ok := body["from_port"]; ok && number(from) != int64(aws.ToInt32(r.FromPort)) {
		return false
	}
	if to, ok := body["to_port"]; ok && number(to) != int64(aws.ToInt32(r.ToPort)) {
		return false
	}
	var peer string
	if r.ReferencedGroupInfo != nil {
		peer = aws.ToString(r.ReferencedGroupInfo.GroupId)
	}
	return peer == refs.Resolve(body["referenced_security_group_id"]) &&
		aws.ToString(r.CidrIpv4) == refs.Resolve(body["cidr_ipv4"]) &&
		aws.ToString(r.CidrIpv6) == refs.Resolve(body["cidr_ipv6"]) &&
		aws.ToString(r.PrefixListId) == refs.Resolve(body["prefix_list_id"])
}

// number reads a configuration number (a JSON number or a string of one);
// -1 when it is neither.
func number(v any) int64 {
	switch n := v.(type) {
	case float64:
		return int64(n)
	case string:
		if i, err := strconv.ParseInt(n, 10, 64); err == nil {
			return i
		}
	}
	return -1
}
