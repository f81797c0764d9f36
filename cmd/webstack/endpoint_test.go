package main

import (
	"strings"
	"testing"

	"github.com/platform-team/webstack/stacks/config"
)

// TestAStackForAWSIsNotSentToAnEmulator: after eval "$(make -s emulator)",
// AWS_ENDPOINT_URL would send a deploy meant for AWS to the emulator; make
// deploy and destroy refuse it, naming the variable, and let an emulator
// stack through.
func TestAStackForAWSIsNotSentToAnEmulator(t *testing.T) {
	forAWS := config.Environment{ID: "dev", Config: config.Config{Target: config.TargetAWS}}
	forEmulator := config.Environment{ID: "local", Config: config.Config{Target: config.TargetEmulator}}

	t.Setenv("AWS_ENDPOINT_URL", "")
	if err := notAtAnEmulator(forAWS, "deploy"); err != nil {
		t.Errorf("no endpoint set: %v", err)
	}
	t.Setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:4999")
	err := notAtAnEmulator(forAWS, "deploy")
	if err == nil {
		t.Fatal("a stack for AWS was let through with AWS_ENDPOINT_URL set")
	}
	for _, want := range []string{"dev targets AWS", "AWS_ENDPOINT_URL=http://127.0.0.1:4999", "nothing was changed",
		"unset AWS_ENDPOINT_URL", "make deploy ENV=dev"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the refusal lacks %q: %v", want, err)
		}
	}
	if err := notAtAnEmulator(forEmulator, "destroy"); err != nil {
		t.Errorf("an emulator stack is what AWS_ENDPOINT_URL is for: %v", err)
	}
}
