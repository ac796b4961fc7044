package loader_test

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/cablegraph/cablegraph/internal/testenv"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/loader/extract"
)

// sharedDir is ../shared beside the module; it skips unless its cables
// are there.
func sharedDir(tb testing.TB) string {
	testenv.Shared(tb, "data/cables")
	return testenv.Shared(tb, "")
}

// fragments returns the first n cable fragment files in sorted order (all
// when n <= 0).
func fragments(tb testing.TB, n int) []string {
	tb.Helper()
	root := filepath.Join(sharedDir(tb), "data", "cables", "cablegate-html-fragments", "cable")
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".html") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	slices.Sort(files)
	if n > 0 && n < len(files) {
		files = files[:n]
	}
	return files
}

// seed returns the example cable's bytes from ../shared.
func seed(tb testing.TB) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(sharedDir(tb), "seed", "08MOSCOW235.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// copyFiles copies files into a fresh directory under names 000-NAME so
// that their walk order is their order here.
func copyFiles(tb testing.TB, files []string) string {
	tb.Helper()
	dir := tb.TempDir()
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		writeFile(tb, filepath.Join(dir, numbered(i, filepath.Base(f))), b)
	}
	return dir
}

func numbered(i int, name string) string {
	return fmt.Sprintf("%03d-%s", i, name)
}

func writeFile(tb testing.TB, path string, b []byte) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		tb.Fatal(err)
	}
}

func newExtractor(tb testing.TB) *extract.Extractor {
	tb.Helper()
	ext, err := extract.New(extract.Options{})
	if err != nil {
		tb.Fatalf("extract.New: %v", err)
	}
	return ext
}

func stats(tb testing.TB, s graph.Reader) *graph.Stats {
	tb.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		tb.Fatalf("Stats: %v", err)
	}
	st.Dataset.LoadedAt = nil // differs run to run by design
	return st
}

func cableIDs(tb testing.TB, s graph.Reader) []string {
	tb.Helper()
	p, err := s.ListCables(context.Background(), graph.CableFilter{}, graph.OrderIDAsc, graph.Page{Limit: 1 << 20})
	if err != nil {
		tb.Fatalf("ListCables: %v", err)
	}
	return p.IDs
}

// spyStore wraps a memstore to observe and disturb the loader's writes.
type spyStore struct {
	*memstore.Store
	mu          sync.Mutex
	writes      [][]string // ids per WriteCables or WritePrepared call
	datasets    []graph.DatasetInfo
	afterWrite  func(n int) // called after the n-th successful write (1-based)
	failWriteAt int         // WriteCables call (1-based) that fails
}

func (s *spyStore) WriteCables(ctx context.Context, cables []*graph.Cable, hashes []string) error {
	ids := make([]string, len(cables))
	for i, c := range cables {
		ids[i] = c.ID
	}
	return s.spy(ids, func() error { return s.Store.WriteCables(ctx, cables, hashes) })
}

// WritePrepared is observed and disturbed as WriteCables is: the loader
// writes through it when the cables were prepared ahead.
func (s *spyStore) WritePrepared(ctx context.Context, cables []graph.PreparedCable) error {
	ids := make([]string, len(cables))
	for i, c := range cables {
		ids[i] = c.PreparedID()
	}
	return s.spy(ids, func() error { return s.Store.WritePrepared(ctx, cables) })
}

// spy runs the write of the cables ids, failing it when it is the
// failWriteAt-th, and records it when it succeeds.
func (s *spyStore) spy(ids []string, write func() error) error {
	s.mu.Lock()
	n := len(s.writes) + 1
	s.mu.Unlock()
	if n == s.failWriteAt {
		return errDiskFull
	}
	if err := write(); err != nil {
		return err
	}
	s.mu.Lock()
	s.writes = append(s.writes, ids)
	s.mu.Unlock()
	if s.afterWrite != nil {
		s.afterWrite(n)
	}
	return nil
}

func (s *spyStore) SetDataset(ctx context.Context, d graph.DatasetInfo) error {
	s.mu.Lock()
	s.datasets = append(s.datasets, d)
	s.mu.Unlock()
	return s.Store.SetDataset(ctx, d)
}

type testError string

func (e testError) Error() string { return string(e) }

const errDiskFull = testError("no space left on device")
