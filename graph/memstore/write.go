package memstore

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"github.com/cablegraph/cablegraph/graph"
)

// touched collects the shared nodes a write changed, whose aggregates are
// recomputed once at the end of the call.
type touched struct {
	persons, countries, tags, refs, orgs map[string]*delta
}

// delta is what a write did to one shared node: the cables it linked, and
// whether it unlinked any. Aggregates are maxima and unions, so without an
// unlink they are updated from the added cables alone instead of being
// recomputed over every cable of a popular person, tag or country.
type delta struct {
	removed bool
	added   []*cableRec
}

func mark(m map[string]*delta, k string, added *cableRec) {
	d := m[k]
	if d == nil {
		d = &delta{}
		m[k] = d
	}
	if added != nil {
		d.added = append(d.added, added)
	} else {
		d.removed = true
	}
}

// WriteCables replaces every fact of each cable atomically: the whole call
// is validated and encoded first, then applied under the write lock, where
// nothing can fail.
func (s *Store) WriteCables(ctx context.Context, cables []*graph.Cable, hashes []string) error {
	if len(cables) != len(hashes) {
		return fmt.Errorf("memstore write: %d cables but %d hashes: %w", len(cables), len(hashes), graph.ErrInvalid)
	}
	recs, err := prepareAll(ctx, cables, hashes)
	if err != nil {
		return err
	}
	return s.apply(ctx, recs)
}

// apply links prepared records under the write lock, where nothing can
// fail but the context.
func (s *Store) apply(ctx context.Context, recs []*cableRec) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("memstore write: %w", err)
	}
	if s.bulk != nil {
		// The touched nodes wait for FinishBulk: recompute only compacts
		// the text index and drops the caches.
		s.linkAll(recs, *s.bulk)
		s.recompute(touched{})
		return nil
	}
	t := newTouched()
	s.linkAll(recs, t)
	s.recompute(t)
	return nil
}

// linkAll links recs in order, each replacing the stored cable of its id.
// When none replaces anything (a first load's batches), the cable side
// and the people side are linked at once (linkSides); callers hold
// mu.Lock.
func (s *Store) linkAll(recs []*cableRec, t touched) {
	fresh := len(recs) > 1
	if fresh {
		ids := make(map[string]struct{}, len(recs))
		for _, r := range recs {
			if _, dup := ids[r.id]; dup || s.cables[r.id] != nil {
				fresh = false
				break
			}
			ids[r.id] = struct{}{}
		}
	}
	if fresh {
		s.linkSides(recs, t)
		return
	}
	for _, r := range recs {
		if old := s.cables[r.id]; old != nil {
			s.unlink(old, t)
		}
		s.link(r, t)
	}
}

func newTouched() touched {
	return touched{map[string]*delta{}, map[string]*delta{}, map[string]*delta{}, map[string]*delta{}, map[string]*delta{}}
}

// recompute updates the aggregates of the nodes a write touched; callers
// hold mu.Lock.
func (s *Store) recompute(t touched) {
	for k, d := range t.persons {
		if p := s.persons[k]; p != nil {
			s.recomputePerson(p, d, t.countries)
		}
	}
	for k, d := range t.countries {
		if c := s.countries[k]; c != nil {
			s.recomputeCountry(c, d)
		}
	}
	for k, d := range t.tags {
		if x := s.tags[k]; x != nil {
			s.recomputeTag(x, d)
		}
	}
	for k, d := range t.refs {
		if x := s.refs[k]; x != nil {
			s.recomputeRef(x, d)
		}
	}
	for k, d := range t.orgs {
		if x := s.orgs[k]; x != nil {
			s.recomputeOrg(x, d)
		}
	}
	s.text.maybeCompact(s.slots)
	s.invalidate()
}

// prepareAll prepares every cable, in parallel across cores: encoding and
// tokenising are most of a write's cost and need no lock.
func prepareAll(ctx context.Context, cables []*graph.Cable, hashes []string) ([]*cableRec, error) {
	recs := make([]*cableRec, len(cables))
	errs := make([]error, len(cables))
	workers := min(runtime.GOMAXPROCS(0), len(cables))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(cables); i += workers {
				if err := ctx.Err(); err != nil {
					errs[i] = fmt.Errorf("memstore write: %w", err)
					return
				}
				r, err := prepareIndexed(cables[i], hashes[i])
				if err != nil {
					errs[i] = fmt.Errorf("memstore write cable %d: %w", i, err)
					continue
				}
				recs[i] = r
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("memstore write: %w", err)
	}
	return recs, nil
}

// prepareIndexed prepares a cable and counts its terms for the text index.
func prepareIndexed(c *graph.Cable, hash string) (*cableRec, error) {
	r, err := prepare(c, hash)
	if err != nil {
		return nil, err
	}
	r.terms, r.docLen = termFreqs(r)
	r.nterms = len(r.terms)
	return r, nil
}

// link adds a prepared cable and all its relationships.
func (s *Store) link(r *cableRec, t touched) {
	s.linkCable(r, t)
	s.linkPeople(r, t)
	s.linkTopics(r)
}

// linkCable adds the cable with its tags, references, organizations and
// text; linkPeople its countries, persons and their interactions;
// linkTopics the interactions' topics. They touch disjoint parts of the
// store (and of t), so that a restore runs them side by side
// (snapshot.go).
func (s *Store) linkCable(r *cableRec, t touched) {
	r.slot = uint32(len(s.slots))
	s.slots = append(s.slots, r)
	s.cables[r.id] = r
	addRec(s.byOrigin, lower(r.origin), r)
	addRec(s.byClass, r.classification, r)

	for i, code := range r.tags {
		info := r.tagInfo[i]
		x := s.tags[code]
		if x == nil {
			x = &tagRec{code: code, cables: map[*cableRec]graph.Tag{}}
			s.tags[code] = x
		}
		x.cables[r] = info
		mark(t.tags, code, r)
	}
	for _, c := range r.cites {
		x := s.refs[c.id]
		if x == nil {
			x = &refRec{id: c.id, citers: map[*cableRec][]citeRec{}}
			s.refs[c.id] = x
		}
		x.citers[r] = append(x.citers[r], c)
		mark(t.refs, c.id, r)
	}
	for key, m := range r.orgs {
		x := s.orgs[key]
		if x == nil {
			x = &orgRec{key: key, mentions: map[*cableRec]graph.OrgMention{}}
			s.orgs[key] = x
		}
		x.mentions[r] = m
		mark(t.orgs, key, r)
	}
	s.text.add(r)
}

func (s *Store) linkPeople(r *cableRec, t touched) {
	for code := range r.concerns {
		s.country(code).concerns[r] = struct{}{}
		mark(t.countries, code, r)
	}
	if r.originCountry != "" {
		s.country(r.originCountry).origins[r] = struct{}{}
		mark(t.countries, r.originCountry, r)
	}
	for key, m := range r.persons {
		p := s.persons[key]
		if p == nil {
			p = &personRec{key: key, mentions: map[*cableRec]*graph.PersonMention{}, inter: map[*interRec]struct{}{}}
			s.persons[key] = p
		}
		p.mentions[r] = m
		mark(t.persons, key, r)
	}
	for _, ir := range r.interactions {
		s.persons[ir.in.A].inter[ir] = struct{}{}
		s.persons[ir.in.B].inter[ir] = struct{}{}
	}
}

// linkTopics indexes the cable's interactions by topic.
func (s *Store) linkTopics(r *cableRec) {
	for _, ir := range r.interactions {
		for _, tp := range ir.topics {
			set := s.byTopic[tp]
			if set == nil {
				set = map[*interRec]struct{}{}
				s.byTopic[tp] = set
			}
			set[ir] = struct{}{}
		}
	}
}

// unlink removes a cable and every relationship it linked.
func (s *Store) unlink(r *cableRec, t touched) {
	delete(s.cables, r.id)
	s.slots[r.slot] = nil
	delRec(s.byOrigin, lower(r.origin), r)
	delRec(s.byClass, r.classification, r)
	for _, code := range r.tags {
		if x := s.tags[code]; x != nil {
			delete(x.cables, r)
		}
		mark(t.tags, code, nil)
	}
	for code := range r.concerns {
		if c := s.countries[code]; c != nil {
			delete(c.concerns, r)
		}
		mark(t.countries, code, nil)
	}
	if r.originCountry != "" {
		if c := s.countries[r.originCountry]; c != nil {
			delete(c.origins, r)
		}
		mark(t.countries, r.originCountry, nil)
	}
	for _, ir := range r.interactions {
		for _, k := range []string{ir.in.A, ir.in.B} {
			if p := s.persons[k]; p != nil {
				delete(p.inter, ir)
			}
		}
		for _, tp := range ir.topics {
			if set := s.byTopic[tp]; set != nil {
				delete(set, ir)
				if len(set) == 0 {
					delete(s.byTopic, tp)
				}
			}
		}
	}
	for key := range r.persons {
		if p := s.persons[key]; p != nil {
			delete(p.mentions, r)
		}
		mark(t.persons, key, nil)
	}
	for _, c := range r.cites {
		if x := s.refs[c.id]; x != nil {
			delete(x.citers, r)
		}
		mark(t.refs, c.id, nil)
	}
	for key := range r.orgs {
		if x := s.orgs[key]; x != nil {
			delete(x.mentions, r)
		}
		mark(t.orgs, key, nil)
	}
	s.text.remove(r)
}

func addRec(m map[string]map[*cableRec]struct{}, k string, r *cableRec) {
	set := m[k]
	if set == nil {
		set = map[*cableRec]struct{}{}
		m[k] = set
	}
	set[r] = struct{}{}
}

func delRec(m map[string]map[*cableRec]struct{}, k string, r *cableRec) {
	if set := m[k]; set != nil {
		delete(set, r)
		if len(set) == 0 {
			delete(m, k)
		}
	}
}
