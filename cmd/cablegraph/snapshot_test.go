package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/examples"
)

// serveUntil runs serve with args until its stderr contains want (or it
// fails), then stops it and returns what it logged.
func serveUntil(t *testing.T, want string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errb syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), nil, &out, &errb)
	}()
	deadline := time.After(2 * time.Minute)
	for !strings.Contains(errb.String(), want) {
		select {
		case err := <-done:
			t.Fatalf("serve returned before logging %q: %v\n%s", want, err, errb.String())
		case <-deadline:
			t.Fatalf("serve never logged %q:\n%s", want, errb.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	for !strings.Contains(out.String(), "playground at") {
		select {
		case err := <-done:
			t.Fatalf("serve returned before ready: %v\n%s", err, errb.String())
		case <-deadline:
			t.Fatalf("serve never got ready:\n%s", errb.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v\n%s", err, errb.String())
	}
	return errb.String()
}

func snapFiles(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestServeRestoresASnapshotOfUnchangedInputs(t *testing.T) {
	data := filepath.Join(t.TempDir(), "in")
	if err := os.MkdirAll(data, 0o755); err != nil {
		t.Fatal(err)
	}
	cable := filepath.Join(data, examples.Moscow235Name)
	if err := os.WriteFile(cable, examples.Moscow235, 0o644); err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(t.TempDir(), "cache")
	args := []string{"--data", data, "--cache-dir", cache}

	log := serveUntil(t, "snapshot written", args...)
	if !strings.Contains(log, "no snapshot for these inputs yet") {
		t.Errorf("first start did not say it loads:\n%s", log)
	}
	files := snapFiles(t, cache)
	if len(files) != 1 || !strings.HasSuffix(files[0], ".snap") {
		t.Fatalf("cache holds %v, want one .snap", files)
	}

	log = serveUntil(t, "restored the store from a snapshot", args...)
	if strings.Contains(log, "load finished") {
		t.Errorf("the restart parsed the inputs:\n%s", log)
	}

	// --force and --no-cache load from the inputs.
	serveUntil(t, "load finished", append(args, "--no-cache")...)
	serveUntil(t, "snapshot written", append(args, "--force")...)

	// A damaged snapshot is reported, ignored and replaced.
	if err := os.WriteFile(files[0], []byte("CABLEGRAPH MEMSTORE SNAPSHOT\nnot really"), 0o600); err != nil {
		t.Fatal(err)
	}
	log = serveUntil(t, "snapshot written", args...)
	if !strings.Contains(log, "ignoring the snapshot") {
		t.Errorf("a damaged snapshot was not reported:\n%s", log)
	}
	serveUntil(t, "restored the store from a snapshot", args...)

	// A changed input loads again and replaces the old snapshot.
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(cable, later, later); err != nil {
		t.Fatal(err)
	}
	log = serveUntil(t, "snapshot written", args...)
	if !strings.Contains(log, "no snapshot for these inputs yet") {
		t.Errorf("a changed input did not load again:\n%s", log)
	}
	if now := snapFiles(t, cache); len(now) != 1 || now[0] == files[0] {
		t.Errorf("cache holds %v, want one new snapshot replacing %s", now, files[0])
	}
}
