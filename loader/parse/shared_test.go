package parse

import (
	"context"
	"io"
	"sync"
	"testing"

	"github.com/cablegraph/cablegraph/internal/testenv"

	"github.com/cablegraph/cablegraph/graph"
)

// sharedDir is ../shared/sub beside the module, or skips.
func sharedDir(tb testing.TB, sub string) string {
	return testenv.Shared(tb, sub)
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
