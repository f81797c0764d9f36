package emulator

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/platform-team/webstack/internal/emutarget"
)

// ManagedPolicyProbe is what Check asks the emulator for: the policy the
// emulator target's preflight reads at plan time.
const ManagedPolicyProbe = emutarget.ManagedPolicyProbe

// Check says whether the emulator at endpoint answers and has the settings
// this project's stacks need (Env). It runs before Terraform, so an emulator
// started by hand without them is refused before anything is created.
func Check(ctx context.Context, endpoint string) error {
	// The first IAM call makes moto load every AWS-managed policy: seconds,
	// and more on a busy machine.
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	form := url.Values{"Action": {"GetPolicy"}, "Version": {"2010-05-08"}, "PolicyArn": {ManagedPolicyProbe}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(endpoint, "/")+"/", strings.NewReader(form.Encode()))
	if err != nil {
		return fmt.Errorf("emulator endpoint %q: %w", endpoint, err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	// moto routes by the service named in the credential scope; it does not
	// check the signature.
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("no emulator answers at %s (%v); start one with: eval \"$(make -s emulator)\"", endpoint, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	switch {
	case resp.StatusCode == http.StatusOK && strings.Contains(string(body), "<GetPolicyResult>"):
		return nil
	case strings.Contains(string(body), "NoSuchEntity"):
		return fmt.Errorf("the emulator at %s has no AWS-managed IAM policies, which the web tier attaches (%s): "+
			"it was started without %s; stop it and use: eval \"$(make -s emulator)\"",
			endpoint, ManagedPolicyProbe, strings.Join(Env(), " "))
	default:
		return fmt.Errorf("the service at %s does not answer like moto_server (IAM GetPolicy: HTTP %d); "+
			"point the stack at an emulator started with: eval \"$(make -s emulator)\"", endpoint, resp.StatusCode)
	}
}
