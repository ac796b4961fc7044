package parse

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
)

// sharedDir locates ../shared relative to the module root (the directory
// holding go.mod), or skips the test with a clear message.
func sharedDir(tb testing.TB, sub string) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatalf("getwd: %v", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Skip("go.mod not found above the test directory")
		}
		dir = parent
	}
	p := filepath.Join(dir, "..", "shared", sub)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("../shared/%s not present: %v", sub, err)
	}
	return p
}

// parseAll parses every input under root, returning the cables and the
// failures.
func parseAll(tb testing.TB, root string) ([]*graph.Cable, []*Failure) {
	tb.Helper()
	var (
		cables []*graph.Cable
		fails  []*Failure
	)
	onFail := func(f *Failure) { fails = append(fails, f) }
	ctx := context.Background()
	err := Open(ctx, []string{root}, nil, func(path string, r io.Reader) error {
		return Records(ctx, path, r, Options{}, func(rec Record) error {
			c, err := ParseRecord(rec)
			if err != nil {
				fails = append(fails, err.(*Failure))
				return nil
			}
			cables = append(cables, c)
			return nil
		}, onFail)
	}, onFail)
	if err != nil {
		tb.Fatalf("open %s: %v", root, err)
	}
	return cables, fails
}

// readCorpus loads every shared cable file into memory as records, for the
// benchmark.
func readCorpus(tb testing.TB, root string) ([]Record, int64) {
	tb.Helper()
	var (
		recs  []Record
		bytes int64
	)
	ctx := context.Background()
	err := Open(ctx, []string{root}, nil, func(path string, r io.Reader) error {
		return Records(ctx, path, r, Options{}, func(rec Record) error {
			recs = append(recs, rec)
			bytes += int64(len(rec.Data))
			return nil
		}, func(*Failure) {})
	}, func(*Failure) {})
	if err != nil {
		tb.Fatalf("read corpus: %v", err)
	}
	return recs, bytes
}

// corpusCache lets the oracle tests share one parse of the corpus
// (tests only; the package itself keeps no state).
var corpusCache struct {
	once   sync.Once
	cables []*graph.Cable
}

// parseAllOnce parses the shared corpus once per test binary (skipping when
// absent).
func parseAllOnce(t *testing.T) []*graph.Cable {
	t.Helper()
	root := sharedDir(t, "data/cables")
	corpusCache.once.Do(func() {
		corpusCache.cables, _ = parseAll(t, root)
	})
	return corpusCache.cables
}
