package neo4jstore

import (
	"context"
	"fmt"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

var _ graph.BulkWriter = (*Store)(nil)

// A bulk load defers the aggregate step of every batch to FinishBulk. The
// LoadState node says "aggregates stale" from BeginBulk until FinishBulk
// has recomputed everything; when a load dies in between, the next
// BeginBulk finds the mark and its FinishBulk recomputes every shared node
// from its facts, so a crash costs one slow finish, never a wrong graph.
const (
	cyBeginBulk = `
MERGE (s:LoadState {name: 'aggregates'})
WITH s, coalesce(s.stale, false) AS was
SET s.stale = true
RETURN was`
	cyFinishBulk = `MATCH (s:LoadState {name: 'aggregates'}) SET s.stale = false`
	cyAllKeys    = `MATCH (n:%s) RETURN n.%s ORDER BY n.%s`
)

// touched is what the aggregate step recomputes: the shared nodes that lost
// facts (from all their facts) and the new facts of the others (folded).
type touched struct {
	persons, refs, orgs, tags, countries stringSet
	fresh                                *freshFacts
}

// merge adds u's nodes to t.
func (t *touched) merge(u *touched) {
	t.persons.add(u.persons.list...)
	t.refs.add(u.refs.list...)
	t.orgs.add(u.orgs.list...)
	t.tags.add(u.tags.list...)
	t.countries.add(u.countries.list...)
	if t.fresh == nil {
		t.fresh = newFreshFacts()
	}
	if u.fresh != nil {
		t.fresh.merge(u.fresh)
	}
}

// split cuts t into parts naming at most n nodes each (lost or fresh), so
// that FinishBulk commits in bounded transactions.
func (t *touched) split(n int) []*touched {
	var out []*touched
	cur := &touched{fresh: newFreshFacts()}
	size := 0
	next := func() {
		if size >= n {
			out = append(out, cur)
			cur, size = &touched{fresh: newFreshFacts()}, 0
		}
	}
	for _, k := range t.persons.list {
		cur.persons.add(k)
		size++
		next()
	}
	for _, k := range t.fresh.personOrder {
		if t.persons.seen[k] {
			continue
		}
		p := t.fresh.persons[k]
		cur.fresh.addPerson(k, p.m, p.n)
		cur.fresh.addPartners(k, p.partners)
		size++
		next()
	}
	lostSets := []*stringSet{&t.tags, &t.countries, &t.orgs, &t.refs} // nodeSpecs order
	curSets := func() []*stringSet { return []*stringSet{&cur.tags, &cur.countries, &cur.orgs, &cur.refs} }
	for i := range nodeSpecs {
		for _, k := range lostSets[i].list {
			curSets()[i].add(k)
			size++
			next()
		}
		for _, k := range t.fresh.nodeOrder[i] {
			if lostSets[i].seen[k] {
				continue
			}
			cur.fresh.addNode(i, k, t.fresh.nodes[i][k])
			size++
			next()
		}
	}
	if size > 0 {
		out = append(out, cur)
	}
	return out
}

// BeginBulk marks the aggregates stale and starts deferring them.
func (s *Store) BeginBulk(ctx context.Context) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	var was bool
	_, err := s.write(ctx, "begin bulk", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		recs, err := collect(ctx, tx, cyBeginBulk, nil)
		if err == nil && len(recs) == 1 {
			was, _ = recs[0].Values[0].(bool)
		}
		return nil, err
	})
	if err != nil {
		return err
	}
	s.bulk = &touched{fresh: newFreshFacts()}
	s.bulkAll = was
	if was {
		s.log.Warn("neo4j: an earlier load stopped before its aggregates were computed; this load recomputes all of them")
	}
	return nil
}

// FinishBulk recomputes the aggregates deferred since BeginBulk (all of
// them when an earlier load died first), in transactions of at most
// BatchSize nodes, then clears the stale mark.
func (s *Store) FinishBulk(ctx context.Context) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	t := s.bulk
	if t == nil {
		return nil
	}
	start := time.Now()
	if s.bulkAll {
		all, err := s.allKeys(ctx)
		if err != nil {
			return err
		}
		t.merge(all)
	}
	parts := t.split(s.batch)
	for i, p := range parts {
		_, err := s.write(ctx, "finish bulk", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
			// Aggregates write AFFILIATED_WITH edges and delete orphans.
			if err := bumpWriteStamp(ctx, tx); err != nil {
				return nil, fmt.Errorf("write stamp: %w", err)
			}
			return nil, s.aggregates(ctx, tx, p)
		})
		if err != nil {
			return fmt.Errorf("aggregates, part %d of %d: %w", i+1, len(parts), err)
		}
	}
	if _, err := s.write(ctx, "finish bulk", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		return nil, run(ctx, tx, cyFinishBulk, nil)
	}); err != nil {
		return err
	}
	s.bulk, s.bulkAll = nil, false
	s.log.Debug("neo4j bulk aggregates", "parts", len(parts), "took", time.Since(start))
	return nil
}

// allKeys names every shared node as having lost facts: the repair after
// a load that died between BeginBulk and FinishBulk.
func (s *Store) allKeys(ctx context.Context) (*touched, error) {
	t := &touched{fresh: newFreshFacts()}
	sets := []struct {
		label, key string
		set        *stringSet
	}{
		{graph.KindPerson, "key", &t.persons},
		{graph.KindTag, "code", &t.tags},
		{graph.KindCountry, "code", &t.countries},
		{graph.KindOrganization, "key", &t.orgs},
		{graph.KindReference, "id", &t.refs},
	}
	_, err := s.read(ctx, "list shared nodes", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		for _, x := range sets {
			*x.set = stringSet{}
			recs, err := collect(ctx, tx, fmt.Sprintf(cyAllKeys, x.label, x.key, x.key), nil)
			if err != nil {
				return nil, err
			}
			for _, r := range recs {
				x.set.add(str(r.Values[0]))
			}
		}
		return nil, nil
	})
	return t, err
}
