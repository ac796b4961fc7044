package loader

import (
	"context"
	"errors"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/loader/extract"
)

// resolveRun is a load in two phases (see the package doc on person keys):
// parse and extract into a spool file while counting person keys, resolve
// the keys, then read the spool back in order, rewrite the keys, hash and
// hand each cable to the batcher.
type resolveRun struct {
	store graph.Writer
	ext   *extract.Extractor
	src   Source
	input int64 // src's decompressed size, -1 unknown (Source.sizes)
	opts  Options
	c     *counters
	emit  func(Item) error // phase 1 failures: reported as in a one-phase load
	add   func(Item) error // phase 2 cables: batched and written
	flush func() error

	folded int           // bare keys folded into a qualified one
	phase2 time.Duration // resolving, reading the spool back and writing
}

func (r *resolveRun) run(ctx context.Context) (err error) {
	var sp phase1
	if r.opts.memorySpool(ctx, r.store, r.input) {
		sp = &memSpool{}
		// Hashed once in phase 2, after the keys are resolved: the
		// JSON was only needed in phase 1 for the spool file.
		r.opts.hashLater = true
	} else {
		fsp, err := newSpool(r.opts.TempDir, spoolCompress)
		if err != nil {
			return err
		}
		sp = fsp
	}
	defer func() {
		if rerr := sp.remove(); rerr != nil {
			err = errors.Join(err, rerr)
		}
	}()
	counts := keyCounts{}
	serr := stream(ctx, r.ext, r.src, r.opts, r.c, func(it Item) error {
		if it.Failure != nil {
			return r.emit(it)
		}
		counts.add(it.Cable)
		return sp.write(it)
	})
	// Strict stops phase 1 at the first failure; the cables before it are
	// still written, as in a one-phase load.
	strict := serr != nil && errors.Is(serr, ErrFailures)
	if serr != nil && !strict {
		r.c.discarded.Add(int64(sp.count()))
		return serr
	}
	start := time.Now()
	defer func() { r.phase2 = time.Since(start) }()
	if err := sp.finish(); err != nil {
		r.c.discarded.Add(int64(sp.count()))
		return err
	}
	if err := counts.addStored(ctx, r.store); err != nil {
		r.c.discarded.Add(int64(sp.count()))
		return err
	}
	r.c.spooled.Store(int64(sp.count()))
	r.c.phase2.Store(time.Now().UnixNano())
	res := newResolver(counts)
	r.folded = res.len()
	r.opts.Logger.Debug("person keys resolved", "keys", len(counts), "folded", res.len(), "cables", sp.count())
	n, perr := sp.eachParallel(ctx, r.opts.Workers, func(it *Item) error {
		changed := res.needs(it.Cable)
		if changed {
			res.apply(it.Cable)
		}
		if (changed || it.Hash == "") && !it.skipped {
			h, err := ContentHash(it.Cable)
			if err != nil {
				return err
			}
			it.Hash = h
		}
		return nil
	}, r.add)
	r.c.discarded.Add(int64(sp.count() - n))
	if perr != nil {
		return perr
	}
	if strict {
		if err := r.flush(); err != nil {
			return err
		}
	}
	return serr
}
