package loader

import (
	"context"

	"github.com/cablegraph/cablegraph/graph"
)

// prepareAhead passes every batch from in to the channel it returns, each
// with its cables prepared for pw (graph.PreparingWriter): while the
// writer applies one batch, the next is prepared on the other cores. For
// the embedded store this is about half of a write's work, and the load's
// second phase went from one core busy most of the time to two.
//
// Every batch is passed on, prepared or not, so that the writer counts
// what it drops; the channel is closed after in is. A batch whose
// preparation fails is passed on unprepared, and the writer's WriteCables
// then reports the failure in its place, as without preparation.
func prepareAhead(ctx context.Context, pw graph.PreparingWriter, in <-chan []Item) <-chan []Item {
	out := make(chan []Item)
	go func() {
		defer close(out)
		for b := range in {
			if ctx.Err() == nil {
				prepareBatch(ctx, pw, b)
			}
			out <- b
		}
	}()
	return out
}

// prepareBatch sets the prepared cable of each item of b to be written:
// all but those recognised unchanged by their raw hash (and never
// written). A cable the writer then finds unchanged by its content hash
// was prepared for nothing, which only a re-load of records read another
// way costs.
func prepareBatch(ctx context.Context, pw graph.PreparingWriter, b []Item) {
	var at []int
	var cables []*graph.Cable
	var hashes []string
	for i, it := range b {
		if it.skipped || it.Cable == nil {
			continue
		}
		at = append(at, i)
		cables = append(cables, it.Cable)
		hashes = append(hashes, storedHash(it.Hash, it.RawHash))
	}
	if len(at) == 0 {
		return
	}
	ps, err := pw.PrepareCables(ctx, cables, hashes)
	if err != nil || len(ps) != len(at) {
		return // unprepared: WriteCables reports why
	}
	for k, i := range at {
		b[i].prepared = ps[k]
	}
}

// writeCables writes the batch's cables to be written (items b, whose
// cables and stored hashes are given): the prepared ones through
// WritePrepared when every one was prepared, else all through
// WriteCables.
func (w *writer) writeCables(ctx context.Context, b []Item, cables []*graph.Cable, hashes []string) error {
	if pw, ok := w.store.(graph.PreparingWriter); ok {
		ps := make([]graph.PreparedCable, len(b))
		for i, it := range b {
			if it.prepared == nil || it.prepared.PreparedID() != it.Cable.ID {
				ps = nil
				break
			}
			ps[i] = it.prepared
		}
		if ps != nil {
			return pw.WritePrepared(ctx, ps)
		}
	}
	return w.store.WriteCables(ctx, cables, hashes)
}
