package neo4jstore

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/internal/testenv"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/loader"
	"github.com/cablegraph/cablegraph/loader/extract"
)

// sharedDir is the shared cable fragments, or skips.
func sharedDir(t testing.TB) string {
	return testenv.Shared(t, "data/cables/cablegate-html-fragments")
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
