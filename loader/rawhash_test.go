package loader_test

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/loader"
)

// hashIndexStore is a memstore that can list and replace its hashes, as
// the Neo4j store does (graph.HashIndex).
type hashIndexStore struct {
	*memstore.Store
	mu     sync.Mutex
	hashes map[string]string
}

func (s *hashIndexStore) WriteCables(ctx context.Context, cs []*graph.Cable, hs []string) error {
	if err := s.Store.WriteCables(ctx, cs, hs); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, c := range cs {
		s.hashes[c.ID] = hs[i]
	}
	return nil
}

// WritePrepared records the hashes of the cables written, as WriteCables
// does: the loader writes through it when the cables were prepared ahead.
func (s *hashIndexStore) WritePrepared(ctx context.Context, cs []graph.PreparedCable) error {
	if err := s.Store.WritePrepared(ctx, cs); err != nil {
		return err
	}
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.PreparedID()
	}
	hs, err := s.CableHashes(ctx, ids)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	maps.Copy(s.hashes, hs)
	return nil
}

func (s *hashIndexStore) AllCableHashes(context.Context) (map[string]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.hashes), nil
}

func (s *hashIndexStore) SetCableHashes(_ context.Context, hs map[string]string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	maps.Copy(s.hashes, hs)
	return nil
}

// TestLoadSkipsUnchangedRecordsUnparsed re-loads a corpus into a store
// that lists its hashes: every record is recognised by its raw hash, the
// graph and the dataset version do not move; an edited record alone is
// parsed and written; a forced load parses everything again.
func TestLoadSkipsUnchangedRecordsUnparsed(t *testing.T) {
	ctx := context.Background()
	dir := personCorpus(t)
	store := &hashIndexStore{Store: memstore.New(), hashes: map[string]string{}}
	load := func(opts loader.Options) loader.Summary {
		t.Helper()
		opts.TempDir = t.TempDir()
		sum, err := loader.Load(ctx, store, newExtractor(t), loader.Source{Paths: []string{dir}}, opts)
		if err != nil {
			t.Fatalf("load: %v (summary %+v)", err, sum)
		}
		return sum
	}
	first := load(loader.Options{})
	if first.Loaded == 0 || first.Skipped != 0 {
		t.Fatalf("first load %+v: want cables written, none skipped", first)
	}
	for id, h := range store.hashes {
		if content, raw, ok := strings.Cut(h, "."); !ok || len(content) != 64 || len(raw) != 64 {
			t.Errorf("stored hash of %s is %q, want content.raw", id, h)
		}
	}
	st1 := stats(t, store)

	second := load(loader.Options{})
	if second.Loaded != 0 || second.Skipped != first.Loaded || second.Unchanged != first.Loaded || second.Version != first.Version {
		t.Errorf("re-load %+v: want all %d skipped unparsed, nothing written, version %s", second, first.Loaded, first.Version)
	}
	if st2 := stats(t, store); !reflect.DeepEqual(st1, st2) {
		t.Errorf("stats moved on re-load:\nfirst  %+v\nsecond %+v", st1, st2)
	}

	// Edit one record: it alone is parsed and written.
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil || len(files) < 2 {
		t.Fatalf("corpus files %v %v", files, err)
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, files[0], []byte(strings.Replace(string(b), "Lavrov", "Lavrov (edited)", 1)))
	third := load(loader.Options{})
	if third.Skipped != first.Loaded-1 || third.Loaded+third.Unchanged != first.Loaded {
		t.Errorf("after editing one file %+v: want %d skipped and the edited one parsed", third, first.Loaded-1)
	}

	forced := load(loader.Options{Force: true})
	if forced.Skipped != 0 || forced.Loaded != first.Loaded {
		t.Errorf("forced load %+v: want every cable parsed and written", forced)
	}
}
