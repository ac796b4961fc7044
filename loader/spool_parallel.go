package loader

import (
	"context"
	"fmt"
	"sync"
)

// spoolChunk is how many spool lines a worker decodes at once.
const spoolChunk = 64

// eachParallel reads the cables back with the work spread over workers: one goroutine
// reads the lines in order, workers decode the JSON and run prep on each
// item (prep must touch nothing but the item), and fn is called in input
// order from the calling goroutine. Reading back was a serial stage of
// phase 2 (JSON decoding and re-hashing ran on one core while the store
// waited), see the package doc.
func (s *spool) eachParallel(ctx context.Context, workers int, prep func(*Item) error, fn func(Item) error) (int, error) {
	br, done, err := s.reader()
	if err != nil {
		return 0, err
	}
	defer done()
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
		for first := 0; first < s.n; first += spoolChunk {
			lines := make([][]byte, 0, spoolChunk)
			var rerr error
			for n := first; n < min(first+spoolChunk, s.n); n++ {
				line, err := br.ReadBytes('\n')
				if err != nil {
					rerr = fmt.Errorf("reading the spool file %s at cable %d of %d: %w", s.f.Name(), n+1, s.n, err)
					break
				}
				lines = append(lines, line)
			}
			out := make(chan result, 1)
			select {
			case order <- out:
			case <-ctx.Done():
				return
			}
			jobs <- func() {
				res := result{items: make([]Item, 0, len(lines))}
				for i, line := range lines {
					n := first + i
					it, err := s.decode(n, line)
					if err != nil {
						res.err = err
						break
					}
					if err := prep(&it); err != nil {
						res.err = err
						break
					}
					res.items = append(res.items, it)
				}
				if res.err == nil {
					res.err = rerr
				}
				out <- res
			}
			if rerr != nil {
				return
			}
		}
	}()
	defer func() {
		cancel()
		for range order { // let the reader and the workers finish
		}
		wg.Wait()
	}()

	n := 0
	for out := range order {
		if err := ctx.Err(); err != nil {
			return n, context.Cause(ctx)
		}
		res := <-out
		for _, it := range res.items {
			if err := ctx.Err(); err != nil {
				return n, context.Cause(ctx)
			}
			if err := fn(it); err != nil {
				return n + 1, err
			}
			n++
		}
		if res.err != nil {
			return n, res.err
		}
	}
	if err := ctx.Err(); err != nil {
		return n, context.Cause(ctx)
	}
	if n != s.n {
		return n, fmt.Errorf("the spool file %s gave %d of %d cables", s.f.Name(), n, s.n)
	}
	return n, nil
}
