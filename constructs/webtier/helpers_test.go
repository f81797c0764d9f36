package webtier

import (
	"encoding/base64"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestArchitecture(t *testing.T) {
	for typ, want := range map[string]string{
		"t3.micro": "x86_64", "m7i-flex.large": "x86_64", "c5n.xlarge": "x86_64", "g5.xlarge": "x86_64",
		"t4g.small": "arm64", "m7g.large": "arm64", "c7gn.medium": "arm64", "r8gd.large": "arm64",
		"a1.medium": "arm64", "im4gn.large": "arm64", "x2gd.xlarge": "arm64",
	} {
		if got := Architecture(typ); got != want {
			t.Errorf("%s: %s, want %s", typ, got, want)
		}
	}
	if got := AmazonLinuxParameter("t4g.micro"); got != "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64" {
		t.Errorf("parameter %s", got)
	}
}

func TestUserDataServesHealthPathAndPage(t *testing.T) {
	script := UserData(8080, "/healthz/live")
	for _, want := range []string{
		"port=8080",
		`"X-aws-ec2-metadata-token-ttl-seconds: 300"`, // IMDSv2 token, IMDSv1 is off
		"meta-data/instance-id", "meta-data/placement/availability-zone",
		"--max-time 2 --retry 2", // every metadata call is bounded
		"health_file=/healthz/live",
		"timeout 180 dnf install -y -q nginx", // every install attempt is bounded
		"python3 -m http.server $port",
		"Conflicts=nginx.service", // one server on the port
		"systemctl start --no-block webstack-nginx.service",
	} {
		if !strings.Contains(script, want) {
			t.Errorf("user data lacks %q", want)
		}
	}
	if !strings.Contains(UserData(80, "/"), "health_file=/index.html\n") {
		t.Error(`health path "/" must be the page itself`)
	}
	decoded, err := base64.StdEncoding.DecodeString(UserDataBase64(8080, "/healthz/live"))
	if err != nil || string(decoded) != script {
		t.Error("UserDataBase64 is not the script, base64-encoded")
	}
	if len(decoded) > 16*1024 {
		t.Errorf("user data is %d bytes; EC2 allows 16 KiB", len(decoded))
	}
	// The script must at least parse.
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash to syntax-check the script")
	}
	f := filepath.Join(t.TempDir(), "user-data.sh")
	if err := os.WriteFile(f, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bash, "-n", f).CombinedOutput(); err != nil {
		t.Errorf("bash -n: %v\n%s", err, out)
	}
}
