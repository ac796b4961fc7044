package loader

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/loader/extract"
	"github.com/cablegraph/cablegraph/loader/parse"
)

// Item is the outcome of one record, delivered in input order: either a
// cable with its content hash, or a failure.
type Item struct {
	Seq     int          // 0-based position in input order
	Cable   *graph.Cable // nil when Failure is set
	Hash    string       // hex sha256 of the cable's content, see ContentHash
	RawHash string       // hex sha256 of the raw record and what decides its parse (see rawhash.go); "" without a salt
	Failure *parse.Failure

	// skipped: an unchanged stored cable recognised by RawHash before
	// parsing; Cable holds only its ID and Hash the stored content hash.
	skipped bool

	raw []byte // the canonical encoding that was hashed, kept for the spool (see spool_codec.go)

	// prepared: the cable made ready for a graph.PreparingWriter ahead of
	// its write (prepare.go); nil when the store does not prepare or the
	// preparation failed.
	prepared graph.PreparedCable
}

// counters are read by the progress reporter while the pipeline runs.
type counters struct {
	read, bytes, failed, loaded, unchanged atomic.Int64
	discarded                              atomic.Int64 // read but never emitted (the stream stopped early)
	spooled, phase2                        atomic.Int64 // cables for phase 2, and when it began (unix ns; 0 before)
}

type job struct {
	seq  int
	rec  parse.Record
	fail *parse.Failure
}

// Stream reads every record of src, parses it and extracts entities from it
// (ext may be nil to skip extraction) on opts.Workers goroutines, and calls
// emit for each outcome in input order, from one goroutine. It stops at the
// first error emit returns and returns it; it stops when ctx is done and
// returns ctx's cause. Failures are items, not errors.
func Stream(ctx context.Context, ext *extract.Extractor, src Source, opts Options, emit func(Item) error) error {
	return stream(ctx, ext, src, opts.withDefaults(), &counters{}, emit)
}

func stream(ctx context.Context, ext *extract.Extractor, src Source, opts Options, c *counters, emit func(Item) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	window := opts.Window()
	slots := make(chan struct{}, window) // a record holds a slot until emitted
	jobs := make(chan job, opts.Workers)
	results := make(chan Item, opts.Workers)

	readErr := make(chan error, 1)
	go func() {
		defer close(jobs)
		readErr <- read(ctx, src, opts, c, slots, jobs)
	}()

	var wg sync.WaitGroup
	for range opts.Workers {
		wg.Go(func() {
			for j := range jobs {
				if ctx.Err() != nil {
					results <- Item{Seq: j.seq} // not worked on: discarded below
					continue
				}
				results <- work(ext, j, opts)
			}
		})
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	// Reorder: hold early results until every earlier one has arrived.
	pending := make(map[int]Item, window)
	next := 0
	var emitErr error
	for it := range results {
		if emitErr != nil || ctx.Err() != nil {
			c.discarded.Add(1)
			continue // drain so that workers and reader can finish
		}
		pending[it.Seq] = it
		for {
			x, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-slots
			if err := emit(x); err != nil {
				emitErr = err
				cancel(err)
				break
			}
		}
	}
	c.discarded.Add(int64(len(pending)))
	rerr := <-readErr
	switch {
	case emitErr != nil:
		return emitErr
	case ctx.Err() != nil:
		return context.Cause(ctx)
	case rerr != nil:
		return rerr
	}
	return nil
}

// read walks the source sequentially and hands records (and read failures)
// to the workers, numbering them in input order.
func read(ctx context.Context, src Source, opts Options, c *counters, slots chan struct{}, jobs chan<- job) error {
	var mu sync.Mutex // onFail may in principle be called from another goroutine
	seq := 0
	send := func(j job) error {
		mu.Lock()
		defer mu.Unlock()
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			return context.Cause(ctx)
		}
		j.seq = seq
		seq++
		select {
		case jobs <- j:
			c.read.Add(1)
			return nil
		case <-ctx.Done():
			return context.Cause(ctx)
		}
	}
	onFail := func(f *parse.Failure) {
		if f == nil {
			return
		}
		cp := *f
		_ = send(job{fail: &cp}) // only fails when ctx is done, which read reports
	}
	perFile := func(path string, r io.Reader) error {
		cr := &countingReader{r: r, n: &c.bytes}
		err := parse.Records(ctx, path, cr, parse.Options{Format: opts.Format}, func(rec parse.Record) error {
			return send(job{rec: rec})
		}, onFail)
		if err != nil {
			return fmt.Errorf("reading %s: %w", path, err)
		}
		return nil
	}
	for _, b := range src.Blobs {
		if err := perFile(b.Name, bytes.NewReader(b.Data)); err != nil {
			return err
		}
	}
	if len(src.Paths) == 0 {
		return nil
	}
	stdin := src.Stdin
	if stdin == nil {
		stdin = bytes.NewReader(nil)
	}
	if err := parse.Open(ctx, src.Paths, stdin, perFile, onFail); err != nil {
		if ctx.Err() != nil {
			return context.Cause(ctx)
		}
		return fmt.Errorf("reading inputs: %w", err)
	}
	return nil
}

// work parses and extracts one record. A panic in the parser or extractor
// becomes a failure of that record: bad input never crashes a load.
func work(ext *extract.Extractor, j job, opts Options) (it Item) {
	it.Seq = j.seq
	if j.fail != nil {
		it.Failure = j.fail
		return it
	}
	if opts.salt != "" {
		it.RawHash = rawHash(opts.salt, j.rec)
		if e, ok := opts.skip[it.RawHash]; ok {
			it.Cable, it.Hash, it.skipped = &graph.Cable{ID: e.id}, e.content, true
			return it
		}
	}
	fail := func(reason string) *parse.Failure {
		return &parse.Failure{Path: j.rec.Path, Record: j.rec.Index, Line: j.rec.Line, Reason: reason}
	}
	defer func() {
		if r := recover(); r != nil {
			it.Cable, it.Hash = nil, ""
			it.Failure = fail(fmt.Sprintf("internal error while parsing or extracting (please report): %v", r))
		}
	}()
	cable, err := parse.ParseRecord(j.rec)
	if err != nil {
		var f *parse.Failure
		if errors.As(err, &f) && f != nil {
			cp := *f
			if cp.Path == "" {
				cp.Path = j.rec.Path
			}
			it.Failure = &cp
		} else {
			it.Failure = fail(err.Error())
		}
		return it
	}
	if cable == nil {
		it.Failure = fail("parser returned no cable")
		return it
	}
	if cable.ID == "" {
		it.Failure = fail("no cable id found")
		return it
	}
	if ext != nil {
		ext.Extract(cable)
	}
	if opts.hashLater {
		it.Cable = cable
		return it
	}
	raw, h, err := contentEncoding(cable)
	if err != nil {
		it.Failure = fail(err.Error())
		return it
	}
	it.Cable, it.Hash, it.raw = cable, h, raw
	return it
}

type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}
