package naming

import (
	"regexp"
	"strings"
	"testing"
)

var awsNameChars = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?$`)

func TestSanitize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"webstack", "webstack"},
		{"WebStack", "webstack"},
		{"my_project", "my-project"},
		{"my__project--x", "my-project-x"},
		{"-lead-and-trail-", "lead-and-trail"},
		{"café-münchen", "cafe-munchen"},
		{"Ünïcödé", "unicode"},
		{"日本-shop", "shop"},
		{"日本", ""},
		{"a.b c/d", "a-b-c-d"},
	} {
		if got := Sanitize(tc.in); got != tc.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNameFitsEveryKind(t *testing.T) {
	long := strings.Repeat("abcdefghij", 4) // 40 characters
	for _, tc := range []struct {
		name, project, env, component string
	}{
		{"short", "shop", "dev", "alb"},
		{"40-char project", long, "prod", "web"},
		{"long everything", strings.Repeat("p", 64), strings.Repeat("e", 32), "web"},
		{"uppercase", "ShopFront", "PROD", "Web"},
		{"underscores", "shop_front", "pre_prod", "web_tg"},
		{"unicode", "bücherstube-東京", "prød", "web"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, err := New(tc.project, tc.env, "abc123", 6)
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range Kinds() {
				got, err := n.Name(k, tc.component)
				if err != nil {
					t.Fatalf("%s: %v", k.Label, err)
				}
				if len(got) > k.MaxLen {
					t.Errorf("%s: %q is %d characters, limit %d", k.Label, got, len(got), k.MaxLen)
				}
				body := strings.TrimPrefix(got, k.Prefix)
				if !awsNameChars.MatchString(body) {
					t.Errorf("%s: %q has characters outside [a-z0-9-] or a hyphen at an end", k.Label, got)
				}
				if !strings.HasSuffix(got, "-abc123") {
					t.Errorf("%s: %q lost its suffix", k.Label, got)
				}
				if !strings.Contains(got, "-"+Sanitize(tc.component)+"-abc123") {
					t.Errorf("%s: %q lost its component", k.Label, got)
				}
			}
		})
	}
}

func TestNameShortensLongestPartFirst(t *testing.T) {
	n, _ := New(strings.Repeat("abcdefghij", 4), "prod", "abc123", 6)
	got, err := n.Name(LoadBalancer, "web")
	if err != nil {
		t.Fatal(err)
	}
	// 32 - len("-abc123") - len("-web") - len("-prod") = 16 characters of project.
	if want := "abcdefghijabcdef-prod-web-abc123"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if short, _ := n.Name(IAMRole, "web"); short != strings.Repeat("abcdefghij", 4)+"-prod-web-abc123" {
		t.Errorf("a name that fits must not be shortened, got %q", short)
	}
}

func TestNameKeepsTokenSuffixVerbatim(t *testing.T) {
	token := "${random_string.name_suffix.result}"
	n, _ := New("shop", "dev", token, 6)
	got := n.MustName(TargetGroup, "web")
	if got != "shop-dev-web-"+token {
		t.Errorf("got %q", got)
	}
	other := n.WithSuffix("zz9", 3).MustName(TargetGroup, "web")
	if other != "shop-dev-web-zz9" {
		t.Errorf("WithSuffix: got %q", other)
	}
}

func TestNameErrors(t *testing.T) {
	tiny := Kind{Label: "tiny thing", MaxLen: 12}
	n, _ := New("shop", "dev", "abc123", 6)
	if _, err := n.Name(tiny, "component"); err == nil || !strings.Contains(err.Error(), "tiny thing") ||
		!strings.Contains(err.Error(), `"component"`) {
		t.Errorf("want an error naming the kind and component, got %v", err)
	}
	if _, err := n.Name(LoadBalancer, "---"); err == nil {
		t.Error("a component with no usable character must fail")
	}
	sthree, _ := New("sthree", "dev", "abc123", 6)
	if _, err := sthree.Name(S3Bucket, "logs"); err == nil || !strings.Contains(err.Error(), "sthree-") {
		t.Errorf("S3's reserved prefix must be refused, got %v", err)
	}
	internal, _ := New("internal", "dev", "abc123", 6)
	if _, err := internal.Name(LoadBalancer, "web"); err == nil {
		t.Error(`an ALB name starting with "internal-" must be refused`)
	}
	sg, _ := New("sg", "dev", "abc123", 6)
	if _, err := sg.Name(SecurityGroup, "alb"); err == nil || !strings.Contains(err.Error(), `"sg-"`) {
		t.Errorf(`a security group name starting with "sg-" must be refused, got %v`, err)
	}
	if _, err := sg.Name(IAMRole, "alb"); err != nil {
		t.Errorf(`"sg-" is reserved for security groups only: %v`, err)
	}
	// The names this project builds end with the random suffix, so a
	// reserved suffix needs a suffix of its own to show.
	alias := n.WithSuffix("s3alias", 7)
	if _, err := alias.Name(S3Bucket, "logs"); err == nil || !strings.Contains(err.Error(), `ends with "-s3alias"`) {
		t.Errorf("S3's reserved suffix must be refused, got %v", err)
	}
	if _, err := New("日本", "dev", "x", 1); err == nil {
		t.Error("a project with no usable character must fail")
	}
	if _, err := New("shop", "", "x", 1); err == nil {
		t.Error("an empty environment must fail")
	}
	if _, err := New("shop", "dev", "", 0); err == nil {
		t.Error("a zero-length suffix must fail")
	}
}

func TestNameTag(t *testing.T) {
	n, _ := New("shop", "dev", "abc123", 6)
	tags := *n.NameTag("vpc")
	if len(tags) != 1 || *tags["Name"] != "shop-dev-vpc-abc123" {
		t.Errorf("NameTag: %v", tags)
	}
}

func TestWithPathPutsHierarchicalNamesUnderIt(t *testing.T) {
	n, err := New("shop", "dev", "abc123", 6)
	if err != nil {
		t.Fatal(err)
	}
	if got := n.MustName(LogGroup, "flow-logs"); got != "/shop-dev-flow-logs-abc123" {
		t.Errorf("without a path: %q", got)
	}
	p, err := n.WithPath("team/web")
	if err != nil {
		t.Fatal(err)
	}
	if got := p.MustName(LogGroup, "flow-logs"); got != "/team/web/shop-dev-flow-logs-abc123" {
		t.Errorf("with a path: %q", got)
	}
	if got := p.MustName(TargetGroup, "web"); got != "shop-dev-web-abc123" {
		t.Errorf("a flat kind took the path: %q", got)
	}
	// The path counts against the kind's limit.
	long, _ := n.WithPath(strings.Repeat("p", 490))
	if got := long.MustName(LogGroup, "flow-logs"); len(got) > LogGroup.MaxLen || !strings.Contains(got, "-flow-logs-abc123") {
		t.Errorf("%d characters: %q", len(got), got)
	}
	for _, bad := range []string{"", "/web", "web/", "a//b", "Web", "w b"} {
		if _, err := n.WithPath(bad); err == nil {
			t.Errorf("WithPath(%q) accepted", bad)
		}
	}
}
