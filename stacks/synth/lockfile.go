package synth

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
)

// lockFileName is Terraform's dependency lock file.
const lockFileName = ".terraform.lock.hcl"

// seedLockFile copies the lock file at from into stackDir unless the one
// there is the same. `make emulator` writes from (the providers this machine
// installs, with their checksums): with it in the stack directory the cdktf
// CLI skips `terraform providers lock`, which would ask the registry.
func seedLockFile(from, stackDir string) error {
	want, err := os.ReadFile(from)
	if err != nil {
		return fmt.Errorf("provider lock file (WEBSTACK_PROVIDER_LOCK): %w", err)
	}
	to := filepath.Join(stackDir, lockFileName)
	if have, err := os.ReadFile(to); err == nil && bytes.Equal(have, want) {
		return nil
	}
	tmp := to + ".tmp"
	if err := os.WriteFile(tmp, want, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, to)
}
