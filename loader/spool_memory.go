package loader

import "context"

// memSpool keeps phase 1's cables in memory, in input order, for a store
// that lives in this process (memstore): it will hold every cable anyway,
// and a spool file costs gzip both ways and a decoding per cable (see
// the package doc). Each cable is let go as soon as phase 2 has
// handed it on, so that the store can take over its memory.
type memSpool struct {
	items []Item
}

func (m *memSpool) write(it Item) error {
	it.raw = nil
	if c := it.Cable; c != nil {
		// What a spool file gives back: JSON omits these when empty, so
		// they come back nil. The store must not depend on the spool.
		c.TagInfo = nilIfEmpty(c.TagInfo)
		c.Persons = nilIfEmpty(c.Persons)
		c.Countries = nilIfEmpty(c.Countries)
		c.Organizations = nilIfEmpty(c.Organizations)
		c.Interactions = nilIfEmpty(c.Interactions)
	}
	m.items = append(m.items, it)
	return nil
}

func (m *memSpool) finish() error { return nil }
func (m *memSpool) count() int    { return len(m.items) }
func (m *memSpool) remove() error { m.items = nil; return nil }

// eachParallel hands the cables back in order, see inOrder.
func (m *memSpool) eachParallel(ctx context.Context, workers int, prep func(*Item) error, fn func(Item) error) (int, error) {
	load := func(first, end int) (func() ([]Item, error), error) {
		return func() ([]Item, error) {
			out := make([]Item, end-first)
			copy(out, m.items[first:end])
			clear(m.items[first:end]) // phase 2 owns them now
			for i := range out {
				out[i].Seq = first + i
			}
			return out, nil
		}, nil
	}
	return inOrder(ctx, len(m.items), workers, load, prep, fn)
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}
