package review

import (
	"strings"
	"testing"
)

// stack writes a small synthesized configuration: resources by address,
// each with a construct path.
func stack(t *testing.T, resources map[string]string) []byte {
	t.Helper()
	var b strings.Builder
	b.WriteString(`{"//": {"metadata": {"stackName": "s"}}, "resource": {`)
	byType := map[string][]string{}
	var types []string
	for addr, body := range resources {
		typ, name, _ := strings.Cut(addr, ".")
		if byType[typ] == nil {
			types = append(types, typ)
		}
		path := strings.ReplaceAll(strings.SplitN(name, "_", 3)[0]+"/"+strings.SplitN(name, "_", 3)[1], "_", "/")
		byType[typ] = append(byType[typ], `"`+name+`": {"//": {"metadata": {"path": "s/`+path+`"}}, `+body+`}`)
	}
	for i, typ := range types {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`"` + typ + `": {` + strings.Join(byType[typ], ",") + `}`)
	}
	b.WriteString(`}}`)
	return []byte(b.String())
}

func TestCompareAddedRemovedChanged(t *testing.T) {
	base := stack(t, map[string]string{
		"aws_vpc.net_vpc_AAAA":         `"cidr_block": "10.0.0.0/16", "tags": {"Name": "a"}`,
		"aws_subnet.net_sub-0_BBBB":    `"vpc_id": "${aws_vpc.net_vpc_AAAA.id}", "cidr_block": "10.0.0.0/24"`,
		"aws_lb.web_alb_CCCC":          `"subnets": ["${aws_subnet.net_sub-0_BBBB.id}"], "idle_timeout": 60`,
		"aws_eip.net_eip_DDDD":         `"domain": "vpc"`,
		"aws_iam_policy.web_pol_EEEE":  `"policy": "{\"Statement\":[{\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"`,
		"aws_s3_bucket.logs_bucket_FF": `"bucket": "logs-a"`,
	})
	head := stack(t, map[string]string{
		"aws_vpc.net_vpc_AAAA":         `"cidr_block": "10.0.0.0/16", "tags": {"Name": "b"}`,
		"aws_subnet.net_sub-0_BBBB":    `"vpc_id": "${aws_vpc.net_vpc_AAAA.id}", "cidr_block": "10.0.0.0/24"`,
		"aws_subnet.net_sub-1_GGGG":    `"vpc_id": "${aws_vpc.net_vpc_AAAA.id}", "cidr_block": "10.0.1.0/24"`,
		"aws_lb.web_alb_CCCC":          `"subnets": ["${aws_subnet.net_sub-0_BBBB.id}", "${aws_subnet.net_sub-1_GGGG.id}"], "idle_timeout": 120`,
		"aws_iam_policy.web_pol_EEEE":  `"policy": "{\"Statement\":[{\"Action\":\"s3:PutObject\",\"Resource\":\"*\"}]}"`,
		"aws_s3_bucket.logs_bucket_FF": `"bucket": "logs-b"`,
	})
	d, err := Compare(base, head)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Added) != 1 || d.Added[0].Addr != "aws_subnet.net_sub-1_GGGG" || d.Added[0].Path != "net/sub-1" {
		t.Errorf("added = %+v, want the new subnet with its construct path", d.Added)
	}
	if len(d.Removed) != 1 || d.Removed[0].Addr != "aws_eip.net_eip_DDDD" {
		t.Errorf("removed = %+v, want the EIP", d.Removed)
	}
	got := map[string][]string{}
	for _, c := range d.Changed {
		for _, a := range c.Attrs {
			got[c.Addr] = append(got[c.Addr], renderAttr(a))
		}
	}
	want := map[string][]string{
		"aws_vpc.net_vpc_AAAA":         {`tags.Name: "a" → "b"`},
		"aws_lb.web_alb_CCCC":          {"idle_timeout: 60 → 120", "subnets: + aws_subnet.net_sub-1_GGGG.id"},
		"aws_iam_policy.web_pol_EEEE":  {`policy:Statement[0].Action: "s3:GetObject" → "s3:PutObject"`},
		"aws_s3_bucket.logs_bucket_FF": {`bucket: "logs-a" → "logs-b"`},
	}
	for addr, lines := range want {
		if strings.Join(got[addr], "\n") != strings.Join(lines, "\n") {
			t.Errorf("%s: changes\n%s\nwant\n%s", addr, strings.Join(got[addr], "\n"), strings.Join(lines, "\n"))
		}
	}
	if len(d.Changed) != len(want) {
		t.Errorf("%d changed blocks, want %d", len(d.Changed), len(want))
	}
	bucket := d.Changed[len(d.Changed)-2] // aws_s3_bucket sorts before aws_vpc
	if bucket.Type != "aws_s3_bucket" || len(likelyReplaced(bucket)) != 1 {
		t.Errorf("a bucket's new name is a likely replacement: %+v", bucket)
	}
}

// TestCompareFindsRenames: a construct id that changes renames its
// resources and every reference to them; the diff shows renames, not a
// removal and an addition, and the references are not changes of their own.
func TestCompareFindsRenames(t *testing.T) {
	base := stack(t, map[string]string{
		"aws_subnet.net_sub-0_A1":                  `"cidr_block": "10.0.0.0/24"`,
		"aws_subnet.net_sub-1_A2":                  `"cidr_block": "10.0.1.0/24"`,
		"aws_route_table_association.net_rta-0_B1": `"subnet_id": "${aws_subnet.net_sub-0_A1.id}"`,
		"aws_route_table_association.net_rta-1_B2": `"subnet_id": "${aws_subnet.net_sub-1_A2.id}"`,
		"aws_lb.web_alb_C1":                        `"subnets": ["${aws_subnet.net_sub-0_A1.id}", "${aws_subnet.net_sub-1_A2.id}"]`,
	})
	head := stack(t, map[string]string{
		"aws_subnet.network_sub-0_D1":                  `"cidr_block": "10.0.0.0/24"`,
		"aws_subnet.network_sub-1_D2":                  `"cidr_block": "10.0.1.0/24"`,
		"aws_route_table_association.network_rta-0_E1": `"subnet_id": "${aws_subnet.network_sub-0_D1.id}"`,
		"aws_route_table_association.network_rta-1_E2": `"subnet_id": "${aws_subnet.network_sub-1_D2.id}"`,
		"aws_lb.web_alb_C1":                            `"subnets": ["${aws_subnet.network_sub-0_D1.id}", "${aws_subnet.network_sub-1_D2.id}"]`,
	})
	d, err := Compare(base, head)
	if err != nil {
		t.Fatal(err)
	}
	var renames []string
	for _, r := range d.Renamed {
		renames = append(renames, r.From.Addr+" → "+r.To.Addr)
		if len(r.Attrs) > 0 {
			t.Errorf("%s: exact rename reported with changes %v", r.To.Addr, r.Attrs)
		}
	}
	want := []string{
		"aws_route_table_association.net_rta-0_B1 → aws_route_table_association.network_rta-0_E1",
		"aws_route_table_association.net_rta-1_B2 → aws_route_table_association.network_rta-1_E2",
		"aws_subnet.net_sub-0_A1 → aws_subnet.network_sub-0_D1",
		"aws_subnet.net_sub-1_A2 → aws_subnet.network_sub-1_D2",
	}
	if strings.Join(renames, "\n") != strings.Join(want, "\n") {
		t.Errorf("renames:\n%s\nwant:\n%s", strings.Join(renames, "\n"), strings.Join(want, "\n"))
	}
	if len(d.Added)+len(d.Removed)+len(d.Changed) != 0 {
		t.Errorf("a pure rename left added %v, removed %v, changed %v", d.Added, d.Removed, d.Changed)
	}
}

func TestRenderShortensAndShowsReferences(t *testing.T) {
	for _, c := range []struct {
		in   any
		want string
	}{
		{"${aws_lb.web_alb_C1.arn}", "aws_lb.web_alb_C1.arn"},
		{"${length(var.x) > 2}", `"${length(var.x) > 2}"`},
		{"web-${random_string.suffix.result}", `"web-${random_string.suffix.result}"`},
		{strings.Repeat("x", 100), `"` + strings.Repeat("x", 47) + "…" + strings.Repeat("x", 11) + `" (100 chars)`},
		{absent, "(none)"},
		{nil, "null"},
	} {
		if got := render(c.in); got != c.want {
			t.Errorf("render(%v) = %s, want %s", c.in, got, c.want)
		}
	}
	long := strings.Repeat("a", 80)
	got := renderAttr(Attr{Path: "p", Old: long + "1" + long, New: long + "2" + long})
	if !strings.Contains(got, `…"aaaaaaaaaaaaaaaa1aaaaaaaaaaaaaaaa"… (161 chars) → …"aaaaaaaaaaaaaaaa2aaaaaaaaaaaaaaaa"… (161 chars)`) {
		t.Errorf("two long strings must show where they differ: %s", got)
	}
}
