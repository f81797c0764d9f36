package tfharness

import (
	"errors"
	"testing"
)

func TestHeldLock(t *testing.T) {
	err := errors.New(`exit status 1

Error: Error acquiring the state lock

Error message: resource temporarily unavailable
Lock Info:
  ID:        4b4e3c09-6f1c-5a4b-1d6e-2b7f0c9d8e7a
  Path:      terraform.tfstate
  Operation: OperationTypeApply
  Who:       ana@build-7
  Version:   1.11.4
  Created:   2026-12-01 19:30:02.123 +0000 UTC
  Info:

Terraform acquires a state lock to protect the state from being written
by multiple users at the same time.`)
	info, ok := HeldLock(err)
	if !ok || info.ID != "4b4e3c09-6f1c-5a4b-1d6e-2b7f0c9d8e7a" || info.Who != "ana@build-7" || info.Operation != "Apply" ||
		info.Path != "terraform.tfstate" || info.Created != "2026-12-01 19:30:02.123 +0000 UTC" {
		t.Fatalf("%+v %v", info, ok)
	}
	if got := info.String(); got != "apply by ana@build-7 since 2026-12-01 19:30:02.123 +0000 UTC" {
		t.Errorf("String: %s", got)
	}
	if _, ok := HeldLock(errors.New("Error: Invalid provider configuration")); ok {
		t.Error("another failure is no held lock")
	}
}
