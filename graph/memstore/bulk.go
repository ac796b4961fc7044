package memstore

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/cablegraph/cablegraph/graph"
)

// A load writes hundreds of batches. Three things make that faster than
// as many WriteCables calls, each of which prepares its cables on every
// core, then links them and recomputes the aggregates they touched on one:
//   - PrepareCables and WritePrepared split the two, so that the loader
//     prepares the next batch while this one is linked;
//   - between BeginBulk and FinishBulk, the aggregates wait for the end,
//     where each touched node's is computed once (the persons' on every
//     core) instead of once per batch that mentions it;
//   - a batch that replaces nothing (every batch of a first load) is
//     linked as a restore links a frame: the cable side and the people
//     side at once, on two cores.

var _ graph.BulkWriter = (*Store)(nil)
var _ graph.PreparingWriter = (*Store)(nil)

// BeginBulk makes writes leave the aggregates of the shared nodes they
// touch (a person's names and countries, a tag's or a country's counts)
// for FinishBulk. Readers meanwhile see those aggregates as they were
// before the write, never stale facts (graph.BulkWriter).
func (s *Store) BeginBulk(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("memstore begin bulk: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.bulk == nil {
		t := newTouched()
		s.bulk = &t
	}
	return nil
}

// FinishBulk computes the aggregates the writes since BeginBulk left, and
// makes writes compute their own again. Nothing in it can fail, so it
// runs to the end whatever ctx says: a store is never left half updated.
func (s *Store) FinishBulk(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.bulk == nil {
		return nil
	}
	t := *s.bulk
	s.bulk = nil
	s.recomputeAll(t)
	return nil
}

// prepared is a cable PrepareCables made ready; written says whether a
// WritePrepared took it (linking one record twice would corrupt the store).
type prepared struct {
	rec     *cableRec
	written atomic.Bool
}

func (p *prepared) PreparedID() string { return p.rec.id }

// PrepareCables copies, encodes and tokenises cables (WriteCables' work
// that needs no lock), in parallel across cores, for WritePrepared.
func (s *Store) PrepareCables(ctx context.Context, cables []*graph.Cable, hashes []string) ([]graph.PreparedCable, error) {
	if len(cables) != len(hashes) {
		return nil, fmt.Errorf("memstore prepare: %d cables but %d hashes: %w", len(cables), len(hashes), graph.ErrInvalid)
	}
	recs, err := prepareAll(ctx, cables, hashes)
	if err != nil {
		return nil, err
	}
	out := make([]graph.PreparedCable, len(recs))
	for i, r := range recs {
		out[i] = &prepared{rec: r}
	}
	return out, nil
}

// WritePrepared links cables prepared by PrepareCables of this package,
// atomically, as WriteCables does. A cable prepared elsewhere or written
// already is refused, and then nothing is written.
func (s *Store) WritePrepared(ctx context.Context, cables []graph.PreparedCable) error {
	ps := make([]*prepared, len(cables))
	for i, c := range cables {
		p, ok := c.(*prepared)
		if !ok || p == nil {
			return fmt.Errorf("memstore write prepared: cable %d was not prepared by the embedded store: %w", i, graph.ErrInvalid)
		}
		ps[i] = p
	}
	recs := make([]*cableRec, len(ps))
	for i, p := range ps {
		if !p.written.CompareAndSwap(false, true) {
			for _, q := range ps[:i] {
				q.written.Store(false)
			}
			return fmt.Errorf("memstore write prepared: cable %s (%d) was written already: %w", p.rec.id, i, graph.ErrInvalid)
		}
		recs[i] = p.rec
	}
	if err := s.apply(ctx, recs); err != nil {
		for _, p := range ps {
			p.written.Store(false) // apply changed nothing
		}
		return err
	}
	return nil
}

// linkSides links records that replace nothing: the cable and topic side
// and the people side (linkCable with linkTopics, and linkPeople, which
// touch disjoint maps, about half the work each) on two cores. Callers
// hold mu.Lock.
func (s *Store) linkSides(recs []*cableRec, t touched) {
	var wg sync.WaitGroup
	wg.Go(func() {
		for _, r := range recs {
			s.linkCable(r, t)
			s.linkTopics(r)
		}
	})
	for _, r := range recs {
		s.linkPeople(r, t)
	}
	wg.Wait()
}

// recomputeAll computes the aggregates of the nodes in t: the persons'
// (most of the work, each a pure function of its mentions) on every core
// first, then installs them and does the rest as recompute does. Callers
// hold mu.Lock.
func (s *Store) recomputeAll(t touched) {
	ps := make([]*personRec, 0, len(t.persons))
	for k := range t.persons {
		if p := s.persons[k]; p != nil && len(p.mentions) > 0 {
			ps = append(ps, p)
		}
	}
	aggs := make([]graph.Person, len(ps))
	forms := make([][]string, len(ps))
	workers := max(1, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(ps); i += workers {
				aggs[i] = personAggregate(ps[i], t.persons[ps[i].key])
				forms[i] = personForms(aggs[i])
			}
		})
	}
	wg.Wait()
	for i, p := range ps {
		s.setPerson(p, aggs[i], forms[i], t.countries)
		delete(t.persons, p.key)
	}
	s.recompute(t) // what is left: countries, tags, references, organizations
}
