package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// runLock keeps two deploys or destroys of one environment from running at
// once from one working copy: they would share the stack directory, the plan
// file and the log. The operating system releases it when the process ends,
// however it ends, so it is never stale. Runs on other machines meet at
// Terraform's state lock instead.
type runLock struct{ f *os.File }

// holder is what the lock file says about the run that holds it.
type holder struct {
	PID     int    `json:"pid"`
	Command string `json:"command"`
	Started string `json:"started"`
}

// lockRun takes the run lock of the work directory dir for command, or says
// who holds it.
func lockRun(dir, command string) (*runLock, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, "run.lock")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		defer f.Close()
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("run lock %s: %w", path, err)
		}
		var h holder
		data, _ := os.ReadFile(path)
		json.Unmarshal(data, &h)
		return nil, fmt.Errorf("another run of this environment is in progress here: %s (pid %d, started %s); "+
			"wait for it to finish (it holds Terraform's state lock as well), or stop it with Ctrl-C, which lets "+
			"Terraform save what it created", orDefault(h.Command, "webstack"), h.PID, orDefault(h.Started, "at an unknown time"))
	}
	data, _ := json.Marshal(holder{PID: os.Getpid(), Command: command, Started: time.Now().Format(time.RFC3339)})
	if err := f.Truncate(0); err == nil {
		f.WriteAt(data, 0)
	}
	return &runLock{f}, nil
}

// release lets the next run in.
func (l *runLock) release() {
	if l != nil && l.f != nil {
		syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
		l.f.Close()
	}
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
