package memstore_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/graph/storetest"
)

// restored is a store restored from a snapshot, handed to
// storetest.Differential: the cables are already in it, so its writes only
// check that and record which cables the suite wrote.
type restored struct {
	*memstore.Store
	written []string
}

func (r *restored) WriteCables(ctx context.Context, cables []*graph.Cable, hashes []string) error {
	ids := make([]string, len(cables))
	for i, c := range cables {
		ids[i] = c.ID
	}
	have, err := r.CableHashes(ctx, ids)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if _, ok := have[id]; !ok {
			return fmt.Errorf("cable %s is not in the restored store", id)
		}
	}
	r.written = append(r.written, ids...)
	return nil
}

// snapshotOf writes cables into a new store in chunks, sets a dataset, and
// returns it with its snapshot bytes.
func snapshotOf(t *testing.T, cables []*graph.Cable, key string) (*memstore.Store, []byte) {
	t.Helper()
	ctx := context.Background()
	s := memstore.New()
	for chunk := range slices.Chunk(cables, 100) {
		if err := s.WriteCables(ctx, chunk, hashes(chunk)); err != nil {
			t.Fatal(err)
		}
	}
	at := time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)
	if err := s.SetDataset(ctx, graph.DatasetInfo{Version: "v-test", LoadedAt: &at, Cables: len(cables)}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	info, err := s.WriteSnapshot(ctx, &buf, key, "a note")
	if err != nil {
		t.Fatal(err)
	}
	if info.Cables != countDistinct(cables) || info.Key != key || info.Note != "a note" {
		t.Fatalf("snapshot info %+v, want %d cables, key %q", info, countDistinct(cables), key)
	}
	return s, buf.Bytes()
}

func countDistinct(cables []*graph.Cable) int {
	ids := map[string]bool{}
	for _, c := range cables {
		ids[c.ID] = true
	}
	return len(ids)
}

func TestSnapshotRoundTripGivesTheSameAnswers(t *testing.T) {
	cables := append(storetest.Fixtures(t), synthetic(1100, 7)...)
	src, snap := snapshotOf(t, cables, "key-1")
	got, info, err := memstore.ReadSnapshot(context.Background(), bytes.NewReader(snap), "key-1")
	if err != nil {
		t.Fatal(err)
	}
	if info.Cables != len(cables) {
		t.Fatalf("restored %d cables, want %d", info.Cables, len(cables))
	}
	ws, err := src.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	gs, err := got.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ws, gs) {
		t.Fatalf("stats differ after the round trip:\n got %+v\nwant %+v", gs, ws)
	}
	ids := make([]string, len(cables))
	for i, c := range cables {
		ids[i] = c.ID
	}
	wh, _ := src.CableHashes(context.Background(), ids)
	gh, _ := got.CableHashes(context.Background(), ids)
	if !reflect.DeepEqual(wh, gh) {
		t.Fatalf("content hashes differ after the round trip")
	}

	// Every read method, on probes drawn from the cables: a store loaded
	// directly against the restored one.
	sameAnswersAsWritten(t, got, cables)
}

// sameAnswersAsWritten checks every read method of s, which holds the
// cables already (restored, or written another way), against a new store
// given the same cables by WriteCables, in the same order and chunks.
func sameAnswersAsWritten(t *testing.T, s *memstore.Store, cables []*graph.Cable) {
	t.Helper()
	r := &restored{Store: s}
	storetest.Differential(t, memstore.New(), r, cables)
	if len(r.written) != len(cables) {
		t.Fatalf("the suite wrote %d cables to the store under test, want %d", len(r.written), len(cables))
	}
}

func TestSnapshotKeepsOnlyTheLatestVersionOfAReplacedCable(t *testing.T) {
	ctx := context.Background()
	cables := synthetic(300, 3)
	changed := *cables[10]
	changed.Subject = "A CHANGED SUBJECT"
	changed.Tags = []string{"CHANGED"}
	src, _ := snapshotOf(t, cables, "k")
	if err := src.WriteCables(ctx, []*graph.Cable{&changed}, []string{"new-hash"}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := src.WriteSnapshot(ctx, &buf, "k", ""); err != nil {
		t.Fatal(err)
	}
	got, info, err := memstore.ReadSnapshot(ctx, &buf, "k")
	if err != nil {
		t.Fatal(err)
	}
	if info.Cables != len(cables) {
		t.Fatalf("snapshot holds %d cables, want %d (the replaced version dropped)", info.Cables, len(cables))
	}
	ws, _ := src.Stats(ctx)
	gs, _ := got.Stats(ctx)
	if !reflect.DeepEqual(ws, gs) {
		t.Fatalf("stats differ:\n got %+v\nwant %+v", gs, ws)
	}
	cs, err := got.Cables(ctx, []string{changed.ID})
	if err != nil {
		t.Fatal(err)
	}
	if cs[0].Subject != "A CHANGED SUBJECT" {
		t.Fatalf("restored subject %q, want the replacement's", cs[0].Subject)
	}
	h, _ := got.CableHashes(ctx, []string{changed.ID})
	if h[changed.ID] != "new-hash" {
		t.Fatalf("restored hash %q, want new-hash", h[changed.ID])
	}
	// The text index is restored without the replaced version's postings
	// (the source still counts them until it compacts): the same hits, in
	// the same order with the same scores as a store loaded directly with
	// the final cables.
	final := slices.Clone(cables)
	final[10] = &changed
	direct := memstore.New()
	if err := direct.WriteCables(ctx, final, hashes(final)); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"changed", "subject", cables[10].Subject, cables[20].Subject, "w0 w1d1f"} {
		want, err := direct.Search(ctx, q, graph.Page{Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		have, err := got.Search(ctx, q, graph.Page{Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(want, have) {
			t.Errorf("Search(%q) after the round trip:\n got %+v\nwant %+v", q, have, want)
		}
	}
	hits, _ := got.Search(ctx, "changed", graph.Page{Limit: 5})
	if len(hits.Hits) != 1 || hits.Hits[0].CableID != changed.ID {
		t.Errorf("Search(changed) = %+v, want only %s", hits, changed.ID)
	}
}

func TestSnapshotOfAnEmptyStore(t *testing.T) {
	var buf bytes.Buffer
	if _, err := memstore.New().WriteSnapshot(context.Background(), &buf, "k", ""); err != nil {
		t.Fatal(err)
	}
	s, info, err := memstore.ReadSnapshot(context.Background(), &buf, "k")
	if err != nil {
		t.Fatal(err)
	}
	st, _ := s.Stats(context.Background())
	if info.Cables != 0 || st.Nodes[graph.KindCable] != 0 {
		t.Fatalf("empty snapshot restored %d cables (info %d)", st.Nodes[graph.KindCable], info.Cables)
	}
}

func TestBadSnapshotsAreRefusedWithoutPanic(t *testing.T) {
	_, snap := snapshotOf(t, synthetic(2100, 5), "key") // three frames
	flip := func(at int) []byte {
		b := slices.Clone(snap)
		b[at] ^= 0x40
		return b
	}
	cases := []struct {
		name string
		data []byte
		key  string
	}{
		{"empty", nil, "key"},
		{"not a snapshot", []byte("id,date,ref\n1,2,3\n"), "key"},
		{"other format version", flip(len("CABLEGRAPH MEMSTORE SNAPSHOT\n")), "key"},
		{"other key", snap, "another key"},
		{"truncated in the header", snap[:40], "key"},
		{"truncated mid-frame", snap[:len(snap)/2], "key"},
		{"last frame missing", snap[:len(snap)-10], "key"},
		{"flipped byte in a frame", flip(len(snap) / 3), "key"},
		{"flipped byte in the last frame", flip(len(snap) - 5), "key"},
		{"trailing garbage", append(slices.Clone(snap), 1, 2, 3), "key"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, _, err := memstore.ReadSnapshot(context.Background(), bytes.NewReader(c.data), c.key)
			if !errors.Is(err, memstore.ErrBadSnapshot) {
				t.Fatalf("err = %v, want ErrBadSnapshot", err)
			}
			if s != nil {
				t.Fatalf("a store was returned with the error")
			}
		})
	}
}

func TestSnapshotReadStopsWhenCanceled(t *testing.T) {
	_, snap := snapshotOf(t, synthetic(1100, 5), "key")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := memstore.ReadSnapshot(ctx, bytes.NewReader(snap), "key")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if errors.Is(err, memstore.ErrBadSnapshot) {
		t.Fatalf("a canceled read must not call the snapshot bad: %v", err)
	}
}

func TestSaveSnapshotIsAtomicAndOpens(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "cache", "cablegraph")
	path := filepath.Join(dir, "memstore.snap")
	if _, _, err := memstore.OpenSnapshot(ctx, path, "k"); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing snapshot: err = %v, want os.ErrNotExist", err)
	}
	src, _ := snapshotOf(t, synthetic(1100, 9), "k")
	if _, err := src.SaveSnapshot(ctx, path, "k", ""); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != "memstore.snap" {
		t.Fatalf("directory holds %v, want only memstore.snap", entries)
	}
	got, _, err := memstore.OpenSnapshot(ctx, path, "k")
	if err != nil {
		t.Fatal(err)
	}
	ws, _ := src.Stats(ctx)
	gs, _ := got.Stats(ctx)
	if !reflect.DeepEqual(ws, gs) {
		t.Fatalf("stats differ:\n got %+v\nwant %+v", gs, ws)
	}

	// A canceled save leaves the previous snapshot and no temporary file.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := memstore.New().SaveSnapshot(cctx, path, "k2", ""); err == nil {
		t.Fatalf("a canceled save succeeded")
	}
	entries, _ = os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("directory holds %v after a canceled save, want only memstore.snap", entries)
	}
	if _, _, err := memstore.OpenSnapshot(ctx, path, "k"); err != nil {
		t.Fatalf("the previous snapshot no longer opens: %v", err)
	}
}
