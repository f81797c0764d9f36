package emulator

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestStartSaveLoadStop(t *testing.T) {
	ctx := context.Background()
	s := startOrSkip(t, Env())
	defer s.Stop()
	if !s.Alive() || !s.Ready(ctx) {
		t.Fatal("started server is not alive and ready")
	}
	if s.URL[:17] != "http://127.0.0.1:" {
		t.Errorf("server must bind 127.0.0.1, got %s", s.URL)
	}
	record := filepath.Join(t.TempDir(), "emulator.json")
	if err := s.Save(record); err != nil {
		t.Fatal(err)
	}
	loaded := Load(ctx, record)
	if loaded == nil || loaded.PID != s.PID || loaded.URL != s.URL {
		t.Fatalf("Load: %+v", loaded)
	}
	if err := loaded.Stop(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	if s.running() {
		t.Error("the server still runs after Stop")
	}
	if _, err := http.Get(s.URL + "/moto-api/"); err == nil {
		t.Error("the port still answers after Stop")
	}
	if Load(ctx, record) != nil {
		t.Error("Load returned a stopped server")
	}
}

// TestCheckRefusesAnEmulatorWithoutManagedPolicies starts moto the way a
// user might by hand (no settings) and the way Start does: only the second passes.
func TestCheckRefusesAnEmulatorWithoutManagedPolicies(t *testing.T) {
	ctx := context.Background()
	good := startOrSkip(t, Env())
	defer good.Stop()
	if err := Check(ctx, good.URL); err != nil {
		t.Errorf("Check of an emulator Start made: %v", err)
	}

	bare := startOrSkip(t, nil)
	defer bare.Stop()
	err := Check(ctx, bare.URL)
	if err == nil || !strings.Contains(err.Error(), "MOTO_IAM_LOAD_MANAGED_POLICIES=true") {
		t.Errorf("Check of an emulator without settings: %v; want an error naming the setting", err)
	}

	if err := Check(ctx, "http://127.0.0.1:1"); err == nil || !strings.Contains(err.Error(), "no emulator answers") {
		t.Errorf("Check of a closed port: %v", err)
	}
}

// startOrSkip starts moto_server with env; it skips without moto (fails
// under CI=true) and in -short mode.
func startOrSkip(t *testing.T, env []string) *Server {
	t.Helper()
	if testing.Short() {
		t.Skip("starts moto_server")
	}
	s, err := start(context.Background(), Options{LogPath: filepath.Join(t.TempDir(), "moto.log")}, env)
	if errors.Is(err, ErrNoMoto) {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true and moto_server is missing")
		}
		t.Skip("skipping: moto_server is not installed")
	}
	if err != nil {
		t.Fatal(err)
	}
	return s
}
