package loader

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/loader/extract"
)

// ErrFailures is wrapped by the error Load returns when some records could
// not be loaded (the others were).
var ErrFailures = errors.New("some records failed")

// Load streams every record of src into store: parse and extract in
// parallel, batch in input order, skip cables whose stored content hash is
// the same (unless opts.Force), and write each batch with one WriteCables
// call from a single goroutine. ext may be nil to load parsed cables without
// extracted entities.
//
// It returns the summary of what happened whatever the outcome. The error
// is nil only when every record was loaded or unchanged; it wraps
// ErrFailures when some records failed, ctx's cause when the load was
// interrupted, and the store's error when a write failed. In every case the
// batches written are whole.
//
// When the run was not interrupted, the dataset version (DatasetVersion of
// every distinct cable seen in this run, written or unchanged) is recorded
// with SetDataset.
func Load(ctx context.Context, store graph.Writer, ext *extract.Extractor, src Source, opts Options) (Summary, error) {
	opts = opts.withDefaults()
	start := time.Now()
	sum := Summary{}
	if err := store.EnsureSchema(ctx); err != nil {
		return sum, fmt.Errorf("preparing the store (constraints and indexes): %w", err)
	}

	// Raw hashes let a re-load skip unchanged records before parsing them.
	salt, err := rawSalt(ext, opts.RawSalt)
	if err != nil {
		return sum, err
	}
	opts.salt = salt
	if !opts.Force {
		if opts.skip, err = loadSkipIndex(ctx, store); err != nil {
			return sum, err
		}
	}

	// A store that can defer derived work (aggregates of shared nodes) to
	// the end of the load does it once, not once per batch.
	bulk, _ := store.(graph.BulkWriter)
	if bulk != nil {
		if err := bulk.BeginBulk(ctx); err != nil {
			return sum, fmt.Errorf("preparing the store for a bulk load: %w", err)
		}
	}

	c := &counters{}
	size := src.sizes(ctx)
	stopProgress := startProgress(opts.Progress, c, size.files, start)

	// The writer may fail; it then cancels the rest of the pipeline.
	wctx, cancelWrite := context.WithCancelCause(ctx)
	defer cancelWrite(nil)

	batches := make(chan []Item, 1)
	toWrite := (<-chan []Item)(batches)
	if pw, ok := store.(graph.PreparingWriter); ok {
		toWrite = prepareAhead(wctx, pw, batches)
	}
	type writeResult struct {
		seen                                   map[string]string
		loaded, unchanged, duplicates, dropped int
		batches, skipped                       int
		err                                    error
	}
	done := make(chan writeResult, 1)
	go func() {
		w := writer{store: store, opts: opts, c: c, seen: map[string]string{}}
		for b := range toWrite {
			if w.err != nil || ctx.Err() != nil {
				w.dropped += len(b)
				continue
			}
			if err := w.write(ctx, b); err != nil {
				w.err = err
				w.dropped += len(b)
				cancelWrite(err)
			}
		}
		done <- writeResult{w.seen, w.loaded, w.unchanged, w.duplicates, w.dropped, w.batches, w.skipped, w.err}
	}()

	var batch []Item
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		select {
		case batches <- batch:
			batch = nil
			return nil
		case <-wctx.Done():
			return context.Cause(wctx)
		}
	}
	var strictErr error
	add := func(it Item) error {
		batch = append(batch, it)
		if len(batch) >= opts.BatchSize {
			return flush()
		}
		return nil
	}
	emit := func(it Item) error {
		if it.Failure != nil {
			c.failed.Add(1)
			sum.Failed++
			if len(sum.Failures) < MaxFailures {
				sum.Failures = append(sum.Failures, *it.Failure)
			}
			opts.Logger.Warn("record failed", "path", it.Failure.Path, "record", it.Failure.Record, "line", it.Failure.Line, "reason", it.Failure.Reason)
			if opts.OnFailure != nil {
				opts.OnFailure(*it.Failure)
			}
			if opts.Strict {
				if err := flush(); err != nil {
					return err
				}
				strictErr = fmt.Errorf("stopped at the first failure (strict): %s: %w", Where(*it.Failure), ErrFailures)
				return strictErr
			}
			return nil
		}
		return add(it)
	}
	var serr error
	if opts.NoResolve {
		serr = stream(wctx, ext, src, opts, c, emit)
	} else {
		r := resolveRun{store: store, ext: ext, src: src, input: size.decompressed, opts: opts, c: c, emit: emit, add: add, flush: flush}
		serr = r.run(wctx)
		sum.Folded, sum.Resolve = r.folded, r.phase2
	}
	if serr == nil {
		serr = flush()
	}
	close(batches)
	wr := <-done
	var bulkErr error
	if bulk != nil {
		// Also after a failure or an interruption: the batches written are
		// whole and get their aggregates now (or, should this fail, at the
		// next load).
		t := time.Now()
		if err := bulk.FinishBulk(context.WithoutCancel(ctx)); err != nil {
			bulkErr = fmt.Errorf("computing shared nodes' aggregates (the next load repairs them): %w", err)
		}
		opts.Logger.Debug("bulk load finished", "took", time.Since(t))
	}
	stopProgress()

	sum.Read = int(c.read.Load())
	sum.Bytes = c.bytes.Load()
	sum.Loaded, sum.Unchanged, sum.Duplicates, sum.Batches = wr.loaded, wr.unchanged, wr.duplicates, wr.batches
	sum.Skipped = wr.skipped
	sum.Dropped = wr.dropped + len(batch) + int(c.discarded.Load())
	sum.Cables = len(wr.seen)

	err = nil
	switch {
	case wr.err != nil:
		err = errors.Join(wr.err, bulkErr)
	case bulkErr != nil:
		err = bulkErr
	case ctx.Err() != nil:
		err = fmt.Errorf("load interrupted, whole batches written so far are kept: %w", context.Cause(ctx))
	case strictErr != nil:
		err = strictErr
	case serr != nil:
		err = serr
	case sum.Failed > 0:
		err = fmt.Errorf("%d of %d records failed: %w", sum.Failed, sum.Read, ErrFailures)
	}
	interrupted := wr.err != nil || bulkErr != nil || ctx.Err() != nil || (serr != nil && serr != strictErr)
	if !interrupted && len(wr.seen) > 0 {
		now := time.Now().UTC()
		sum.Version = DatasetVersion(wr.seen)
		d := graph.DatasetInfo{Version: sum.Version, LoadedAt: &now, Cables: len(wr.seen)}
		if derr := store.SetDataset(ctx, d); derr != nil {
			err = errors.Join(err, fmt.Errorf("recording the dataset version: %w", derr))
		}
	}
	sum.Duration = time.Since(start)
	if opts.Progress != nil {
		opts.Progress.Finish(c.snapshot(size.files, start))
	}
	return sum, err
}

// writer is the single goroutine that talks to the store.
type writer struct {
	store graph.Writer
	opts  Options
	c     *counters
	seen  map[string]string // id -> content hash of the latest record seen

	loaded, unchanged, duplicates, dropped, batches int
	skipped                                         int
	err                                             error
}

// write stores one batch: dedupe (the later record with an id wins), skip
// cables whose stored hash is the same, write the rest in one call. A batch
// that has started is finished even if ctx is cancelled meanwhile, within
// WriteTimeout. The counters change only when the batch succeeded, so that
// a failed batch counts as dropped and nothing else.
func (w *writer) write(ctx context.Context, b []Item) error {
	b, dups := dedupe(b)
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), w.opts.WriteTimeout)
	defer cancel()

	unchanged, skipped := 0, 0
	if !w.opts.Force {
		ids := make([]string, len(b))
		for i, it := range b {
			ids[i] = it.Cable.ID
		}
		stored, err := w.store.CableHashes(ctx, ids)
		if err != nil {
			return fmt.Errorf("reading stored content hashes of %d cables (%s..%s): %w", len(ids), ids[0], ids[len(ids)-1], err)
		}
		kept := make([]Item, 0, len(b))
		rehash := map[string]string{}
		for _, it := range b {
			h, ok := stored[it.Cable.ID]
			if ok && contentOf(h) == it.Hash {
				unchanged++
				if it.skipped {
					skipped++
				}
				w.remember(it)
				if want := storedHash(it.Hash, it.RawHash); h != want && it.RawHash != "" {
					rehash[it.Cable.ID] = want // same content, read another way
				}
				continue
			}
			if it.skipped {
				// Recognised by its raw hash at the start of the load, but
				// the store now holds something else: another writer ran.
				return fmt.Errorf("cable %s changed in the store during the load (stored hash %q, expected %q); load again", it.Cable.ID, h, it.Hash)
			}
			kept = append(kept, it)
		}
		b = kept
		if hi, ok := w.store.(graph.HashIndex); ok && len(rehash) > 0 {
			if err := hi.SetCableHashes(ctx, rehash); err != nil {
				return fmt.Errorf("updating the raw hashes of %d unchanged cables: %w", len(rehash), err)
			}
		}
	} else {
		for _, it := range b {
			if it.skipped {
				return fmt.Errorf("cable %s was skipped by its raw hash in a forced load (bug)", it.Cable.ID)
			}
		}
	}
	if len(b) > 0 {
		cables := make([]*graph.Cable, len(b))
		hashes := make([]string, len(b))
		for i, it := range b {
			cables[i], hashes[i] = it.Cable, storedHash(it.Hash, it.RawHash)
		}
		t := time.Now()
		if err := w.writeCables(ctx, b, cables, hashes); err != nil {
			return fmt.Errorf("writing %d cables (%s..%s): %w", len(cables), cables[0].ID, cables[len(cables)-1].ID, err)
		}
		for _, it := range b {
			w.remember(it)
		}
		w.batches++
		w.opts.Logger.Debug("batch written", "cables", len(cables), "first", cables[0].ID, "last", cables[len(cables)-1].ID, "took", time.Since(t))
	}
	w.loaded += len(b)
	w.unchanged += unchanged
	w.skipped += skipped
	w.duplicates += dups
	w.c.loaded.Add(int64(len(b)))
	w.c.unchanged.Add(int64(unchanged))
	return nil
}

// remember records the content hash of a cable seen in this run, for the
// dataset version. The id is copied: a cable decoded from the spool has
// every string in one buffer of its whole record, and a key sliced from it
// kept that buffer, body and paragraphs and all, for the rest of the load,
// about 4.7 GB of the 251,287-cable release in the heap the collector
// marks over and over while the embedded store is built.
func (w *writer) remember(it Item) {
	w.seen[strings.Clone(it.Cable.ID)] = it.Hash
}

// dedupe keeps, for each cable id, only the last record of the batch, in
// input order, and says how many it left out.
func dedupe(b []Item) ([]Item, int) {
	last := make(map[string]int, len(b))
	for i, it := range b {
		last[it.Cable.ID] = i
	}
	if len(last) == len(b) {
		return b, 0
	}
	out := make([]Item, 0, len(last))
	for i, it := range b {
		if last[it.Cable.ID] == i {
			out = append(out, it)
		}
	}
	return out, len(b) - len(out)
}
