package loader

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sync"
)

// spoolChunk is how many spool lines a worker decodes at once.
const spoolChunk = 64

// eachParallel is each with the work spread over workers: one goroutine
// reads the lines in order, workers decode the JSON and run prep on each
// item (prep must touch nothing but the item), and fn is called in input
// order from the calling goroutine. Reading back was a serial stage of
// phase 2 (JSON decoding and re-hashing ran on one core while the store
// waited), see the package doc.
func (s *spool) eachParallel(ctx context.Context, workers int, prep func(*Item) error, fn func(Item) error) (int, error) {
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return 0, fmt.Errorf("rewinding the spool file %s: %w", s.f.Name(), err)
	}
	var r io.Reader = s.f
	if s.gz {
		zr, err := gzip.NewReader(bufio.NewReaderSize(s.f, 1<<20))
		if err != nil {
			return 0, fmt.Errorf("reading the spool file %s: %w", s.f.Name(), err)
		}
		defer zr.Close()
		r = zr
	}
	br := bufio.NewReaderSize(r, 1<<20)
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
					hash, raw, ok := bytes.Cut(bytes.TrimSuffix(line, []byte("\n")), []byte(" "))
					if !ok {
						res.err = fmt.Errorf("spool file %s: line %d is damaged", s.f.Name(), n+1)
						break
					}
					it := Item{Seq: n}
					it.setHeader(hash)
					if err := json.Unmarshal(raw, &it.Cable); err != nil {
						res.err = fmt.Errorf("spool file %s: line %d is damaged: %w", s.f.Name(), n+1, err)
						break
					}
					if it.Cable == nil {
						res.err = fmt.Errorf("spool file %s: line %d holds no cable", s.f.Name(), n+1)
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
