package neo4jstore

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/loader"
	"github.com/cablegraph/cablegraph/loader/extract"
)

// sharedDir finds ../shared next to the module root, or skips.
func sharedDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("go.mod not found above the test directory")
		}
		dir = parent
	}
	shared := filepath.Join(dir, "..", "shared", "data", "cables", "cablegate-html-fragments")
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("../shared/data/cables not present: %v", err)
	}
	return shared
}

// realCables parses and extracts up to n real cables from ../shared.
func realCables(t testing.TB, n int) ([]*graph.Cable, []string) {
	t.Helper()
	dir := sharedDir(t)
	ext, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var cables []*graph.Cable
	var hashes []string
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	err = loader.Stream(ctx, ext, loader.Source{Paths: []string{filepath.Join(dir, "cable")}}, loader.Options{}, func(it loader.Item) error {
		if it.Cable != nil && len(cables) < n {
			cables = append(cables, it.Cable)
			hashes = append(hashes, it.Hash)
		}
		if len(cables) >= n {
			cancel()
		}
		return nil
	})
	if len(cables) < n && err != nil {
		t.Fatalf("stream: %v", err)
	}
	return cables, hashes
}

// BenchmarkNeo4jWriteCables loads 1,000 real cables into an empty database
// in batches of 500 (the loader's default) and reports cables/s.
func BenchmarkNeo4jWriteCables(b *testing.B) {
	neo4jURI(b)
	cables, hashes := realCables(b, 1000)
	ctx := context.Background()
	s := openEmpty(b)
	b.ResetTimer()
	var written int
	var took time.Duration
	for b.Loop() {
		b.StopTimer()
		if err := wipe(ctx, s); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		for i := 0; i < len(cables); i += 500 {
			j := min(i+500, len(cables))
			if err := s.WriteCables(ctx, cables[i:j], hashes[i:j]); err != nil {
				b.Fatal(err)
			}
		}
		took += time.Since(start)
		written += len(cables)
	}
	b.ReportMetric(float64(written)/took.Seconds(), "cables/s")
}
