package loader

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
)

// preparing is a memstore that counts the writes of each kind and can
// refuse to prepare.
type preparing struct {
	*memstore.Store
	refuse                         bool
	prepares, plain, preparedCalls int
}

func (p *preparing) PrepareCables(ctx context.Context, cs []*graph.Cable, hs []string) ([]graph.PreparedCable, error) {
	p.prepares++
	if p.refuse {
		return nil, errors.New("refused")
	}
	return p.Store.PrepareCables(ctx, cs, hs)
}

func (p *preparing) WriteCables(ctx context.Context, cs []*graph.Cable, hs []string) error {
	p.plain++
	return p.Store.WriteCables(ctx, cs, hs)
}

func (p *preparing) WritePrepared(ctx context.Context, cs []graph.PreparedCable) error {
	p.preparedCalls++
	return p.Store.WritePrepared(ctx, cs)
}

func items(from, n int, body string) []Item {
	out := make([]Item, n)
	for i := range out {
		id := fmt.Sprintf("09POST%d", from+i)
		out[i] = Item{Cable: &graph.Cable{ID: id, Subject: "S " + id, Body: body}, Hash: "h-" + id + body}
	}
	return out
}

// TestWriterWritesPreparedCables checks the writer's choice between the
// two ways to write: prepared cables through WritePrepared, and through
// WriteCables a batch not all prepared (a refused preparation, a
// preparation that does not match its item); unchanged cables are not
// written either way, and what was written is stored.
func TestWriterWritesPreparedCables(t *testing.T) {
	ctx := context.Background()
	store := &preparing{Store: memstore.New()}
	w := writer{store: store, opts: Options{}.withDefaults(), c: &counters{}, seen: map[string]string{}}
	write := func(b []Item) {
		t.Helper()
		if err := w.write(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	stored := func(want ...string) {
		t.Helper()
		hs, err := store.CableHashes(ctx, want)
		if err != nil || len(hs) != len(want) {
			t.Fatalf("stored %v (err %v), want all of %v", hs, err, want)
		}
	}

	b := items(0, 3, "one")
	prepareBatch(ctx, store, b)
	write(b)
	if store.preparedCalls != 1 || store.plain != 0 {
		t.Fatalf("prepared batch: %d WritePrepared, %d WriteCables calls; want 1, 0", store.preparedCalls, store.plain)
	}
	stored("09POST0", "09POST1", "09POST2")

	// The same batch again: unchanged, nothing written, no error for
	// cables prepared (and written) before.
	write(b)
	if store.preparedCalls != 1 || store.plain != 0 || w.unchanged != 3 {
		t.Fatalf("unchanged batch: %d WritePrepared, %d WriteCables, %d unchanged; want 1, 0, 3", store.preparedCalls, store.plain, w.unchanged)
	}

	store.refuse = true
	b = items(3, 2, "two")
	prepareBatch(ctx, store, b)
	write(b)
	if store.preparedCalls != 1 || store.plain != 1 {
		t.Fatalf("refused preparation: %d WritePrepared, %d WriteCables calls; want 1, 1", store.preparedCalls, store.plain)
	}
	stored("09POST3", "09POST4")

	store.refuse = false
	b = items(5, 2, "three")
	prepareBatch(ctx, store, b)
	b[0].prepared, b[1].prepared = b[1].prepared, b[0].prepared
	write(b)
	if store.preparedCalls != 1 || store.plain != 2 {
		t.Fatalf("mismatched preparation: %d WritePrepared, %d WriteCables calls; want 1, 2", store.preparedCalls, store.plain)
	}
	stored("09POST5", "09POST6")

	// A changed cable prepared again replaces the stored one.
	b = items(0, 1, "changed")
	prepareBatch(ctx, store, b)
	write(b)
	if store.preparedCalls != 2 {
		t.Fatalf("changed cable: %d WritePrepared calls, want 2", store.preparedCalls)
	}
	cs, err := store.Cables(ctx, []string{"09POST0"})
	if err != nil || len(cs) != 1 || cs[0].Body != "changed" {
		t.Fatalf("after the change: %+v (err %v), want the changed body", cs, err)
	}
}

// TestPrepareAheadPassesEveryBatch checks that batches reach the writer
// in order and all of them, prepared while the context lives and passed
// on unprepared after it is canceled (so that the writer counts them).
func TestPrepareAheadPassesEveryBatch(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	store := &preparing{Store: memstore.New()}
	in := make(chan []Item)
	out := prepareAhead(ctx, store, in)
	go func() {
		defer close(in)
		in <- items(0, 2, "a")
		in <- items(2, 2, "b")
	}()
	var got [][]Item
	for b := range out {
		got = append(got, b)
		if len(got) == 1 {
			cancel()
		}
	}
	if len(got) != 2 || got[0][0].Cable.ID != "09POST0" || got[1][0].Cable.ID != "09POST2" {
		t.Fatalf("batches passed on: %v, want both, in order", got)
	}
	for _, it := range got[0] {
		if it.prepared == nil || it.prepared.PreparedID() != it.Cable.ID {
			t.Errorf("first batch: %s not prepared", it.Cable.ID)
		}
	}
	// The second may have been prepared before cancel ran; it must be
	// whole either way.
	for _, it := range got[1] {
		if it.prepared != nil && it.prepared.PreparedID() != it.Cable.ID {
			t.Errorf("second batch: %s prepared as %s", it.Cable.ID, it.prepared.PreparedID())
		}
	}
}
