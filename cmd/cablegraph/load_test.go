package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/loader"
)

// TestLoadIntoReportsFailuresToFile drives the load command's pipeline
// wiring (the part that does not need Neo4j) against the embedded store.
func TestLoadIntoReportsFailuresToFile(t *testing.T) {
	shared := sharedDir(t)
	dir := t.TempDir()
	var bad []string
	for _, name := range []string{"a.html", "b.html", "c.txt"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("garbage "+name), 0o644); err != nil {
			t.Fatal(err)
		}
		bad = append(bad, p)
	}
	failures := filepath.Join(t.TempDir(), "failures.tsv")
	var stderr bytes.Buffer
	e := &env{stdout: io.Discard, stderr: &stderr, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	ext, err := newExtractor("")
	if err != nil {
		t.Fatal(err)
	}
	src := loader.Source{Paths: []string{filepath.Join(shared, "seed", "08MOSCOW235.txt"), dir}}
	sum, err := loadInto(context.Background(), e, memstore.New(), ext, src, loadFlags{failures: failures})
	if !errors.Is(err, loader.ErrFailures) {
		t.Fatalf("err = %v, want ErrFailures", err)
	}
	if sum.Loaded != 1 || sum.Failed != 3 {
		t.Errorf("summary %+v, want 1 loaded and 3 failed", sum)
	}
	b, err := os.ReadFile(failures)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 3 {
		t.Fatalf("failures file has %d lines, want 3:\n%s", len(lines), b)
	}
	for i, l := range lines {
		fields := strings.Split(l, "\t")
		if len(fields) != 4 || fields[0] != bad[i] || fields[3] == "" {
			t.Errorf("failures line %d = %q, want path %s and a reason", i, l, bad[i])
		}
	}
	if !strings.Contains(stderr.String(), "1 loaded, 0 unchanged, 3 failed") || !strings.Contains(stderr.String(), failures) {
		t.Errorf("summary on stderr does not give the counts and the failures file:\n%s", stderr.String())
	}
}
