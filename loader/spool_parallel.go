package loader

import (
	"context"
	"fmt"
	"sync"
)

// spoolChunk is how many spool items a worker decodes and prepares at once.
const spoolChunk = 64

// phase1 is where phase 1 keeps its cables until the person keys are
// resolved: a file (spool) or memory (memSpool).
type phase1 interface {
	write(Item) error
	finish() error
	count() int
	// eachParallel hands every cable back in input order, see inOrder.
	eachParallel(ctx context.Context, workers int, prep func(*Item) error, fn func(Item) error) (int, error)
	remove() error
}

// chunkLoader is called by inOrder for the items [first, end), one call
// at a time and in order (it may read a file sequentially); it returns the
// work that turns them into items, which runs on a worker.
type chunkLoader func(first, end int) (work func() ([]Item, error), err error)

// inOrder gives n items back with the work spread over workers: one
// goroutine loads the chunks in order, workers decode them and run prep on
// each item (prep must touch nothing but the item), and fn is called in
// input order from the calling goroutine. Reading back was a serial stage
// of phase 2 (JSON decoding and re-hashing ran on one core while the store
// waited), see the package doc. It returns how many items fn was given.
func inOrder(ctx context.Context, n, workers int, load chunkLoader, prep func(*Item) error, fn func(Item) error) (int, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type result struct {
		items []Item
		err   error // after items
	}
	workers = max(1, workers)
	order := make(chan chan result, 4*workers)
	jobs := make(chan func(), workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range jobs {
				j()
			}
		})
	}
	go func() {
		defer close(order)
		defer close(jobs)
		for first := 0; first < n; first += spoolChunk {
			work, lerr := load(first, min(first+spoolChunk, n))
			out := make(chan result, 1)
			select {
			case order <- out:
			case <-ctx.Done():
				return
			}
			jobs <- func() {
				var res result
				if work != nil {
					res.items, res.err = work()
				}
				for i := range res.items {
					if err := prep(&res.items[i]); err != nil {
						res.items, res.err = res.items[:i], err
						break
					}
				}
				if res.err == nil {
					res.err = lerr
				}
				out <- res
			}
			if lerr != nil {
				return
			}
		}
	}()
	defer func() {
		cancel()
		for range order { // let the loader and the workers finish
		}
		wg.Wait()
	}()

	done := 0
	for out := range order {
		if err := ctx.Err(); err != nil {
			return done, context.Cause(ctx)
		}
		res := <-out
		for _, it := range res.items {
			if err := ctx.Err(); err != nil {
				return done, context.Cause(ctx)
			}
			if err := fn(it); err != nil {
				return done + 1, err
			}
			done++
		}
		if res.err != nil {
			return done, res.err
		}
	}
	if err := ctx.Err(); err != nil {
		return done, context.Cause(ctx)
	}
	if done != n {
		return done, fmt.Errorf("phase 1 kept %d cables, %d came back", n, done)
	}
	return done, nil
}

// eachParallel reads the cables back from the spool file in order, see
// inOrder.
func (s *spool) eachParallel(ctx context.Context, workers int, prep func(*Item) error, fn func(Item) error) (int, error) {
	br, done, err := s.reader()
	if err != nil {
		return 0, err
	}
	defer done()
	load := func(first, end int) (func() ([]Item, error), error) {
		headers := make([][]byte, 0, end-first)
		encs := make([][]byte, 0, end-first)
		var rerr error
		for n := first; n < end; n++ {
			header, enc, err := s.next(br)
			if err != nil {
				rerr = fmt.Errorf("reading the spool file %s at cable %d of %d: %w", s.f.Name(), n+1, s.n, err)
				break
			}
			headers, encs = append(headers, header), append(encs, enc)
		}
		return func() ([]Item, error) {
			items := make([]Item, 0, len(encs))
			for i, enc := range encs {
				it, err := s.decode(first+i, headers[i], enc)
				if err != nil {
					return items, err
				}
				items = append(items, it)
			}
			return items, nil
		}, rerr
	}
	n, err := inOrder(ctx, s.n, workers, load, prep, fn)
	if err == nil && n != s.n {
		err = fmt.Errorf("the spool file %s gave %d of %d cables", s.f.Name(), n, s.n)
	}
	return n, err
}
