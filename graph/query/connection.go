package query

import (
	"context"
	"fmt"
	"sort"

	"github.com/cablegraph/cablegraph/graph"
)

// Connection limits.
const (
	DefaultMaxHops = 4
	MaxMaxHops     = 6
	// maxVisited stops a search that would pull most of the corpus into
	// memory; it says so in the Reason rather than failing.
	maxVisited = 200000
	// maxHopEvidence bounds the sentences returned per hop: a pair that
	// met 300 times is proven by the first 20 just as well.
	maxHopEvidence = 20
)

// HopSharedCable is the Hop.Kind of a link made only by two persons being
// mentioned in the same cable.
const HopSharedCable = "sharedCable"

// Connection finds the shortest chain of persons from q.A to q.B. It runs a
// bidirectional breadth-first search, expanding the smaller frontier one
// whole level at a time with one batched Interactions call (and, with
// SharedCables, one Edges and one PersonsOfCables call), so its cost is a
// few store calls per hop whatever the fan-out. Among the shortest chains it
// returns the lexicographically smallest sequence of keys, so every store
// gives the same chain. No chain is an answer, not an error: Persons is
// empty and Reason says why.
func (s *Service) Connection(ctx context.Context, q graph.ConnectionQuery) (*graph.Connection, error) {
	c, _, err := s.ConnectionPersons(ctx, q)
	return c, err
}

// ConnectionPersons is Connection that also returns the records of persons
// the store handed over on the way (some or all of the chain's, in any
// order; possibly none), so that a caller showing them need not read them
// again.
func (s *Service) ConnectionPersons(ctx context.Context, q graph.ConnectionQuery) (*graph.Connection, []*graph.Person, error) {
	maxHops, err := withDefault("maxHops", q.MaxHops, DefaultMaxHops, MaxMaxHops)
	if err != nil {
		return nil, nil, err
	}
	if err := checkWindow(q.Since, q.Until); err != nil {
		return nil, nil, err
	}
	out := &graph.Connection{A: q.A, B: q.B, Persons: []string{}, Hops: []graph.Hop{}}
	known, done, persons, err := s.chainByKeys(ctx, maxHops, q, out)
	if err != nil {
		return nil, nil, fmt.Errorf("connection %s to %s: %w", q.A, q.B, err)
	}
	if done {
		return out, persons, nil
	}
	a, b := out.A, out.B
	if !known {
		keys, ok, err := s.personKeys(ctx, q.A, q.B)
		if err != nil {
			return nil, nil, err
		}
		if !ok[0] {
			out.Reason = fmt.Sprintf("unknown person %q", q.A)
			return out, nil, nil
		}
		if !ok[1] {
			out.Reason = fmt.Sprintf("unknown person %q", q.B)
			return out, nil, nil
		}
		a, b = keys[0], keys[1]
		out.A, out.B = a, b
		if a == b {
			out.Persons = []string{a}
			return out, nil, nil
		}
		if done, persons, err = s.pushedChain(ctx, a, b, maxHops, q, out); err != nil || done {
			if err != nil {
				return nil, nil, fmt.Errorf("connection %s to %s: %w", a, b, err)
			}
			return out, persons, nil
		}
	}
	if err := s.searchChain(ctx, a, b, maxHops, q, out); err != nil {
		return nil, nil, fmt.Errorf("connection %s to %s: %w", a, b, err)
	}
	return out, persons, nil
}

// searchChain is the bidirectional search between the distinct keys a and
// b, filling out.
func (s *Service) searchChain(ctx context.Context, a, b string, maxHops int, q graph.ConnectionQuery, out *graph.Connection) error {
	bfs := newBidi(a, b)
	for bfs.a.depth+bfs.b.depth < maxHops && len(bfs.a.frontier) > 0 && len(bfs.b.frontier) > 0 {
		this, other := bfs.a, bfs.b
		if len(bfs.b.frontier) < len(bfs.a.frontier) {
			this, other = bfs.b, bfs.a
		}
		nbrs, err := s.neighbours(ctx, this.frontier, q, bfs.links)
		if err != nil {
			return err
		}
		if meets := this.expand(nbrs, other); len(meets) > 0 {
			path := bfs.path(meets)
			if err := s.proveChain(ctx, path, q, bfs.links); err != nil {
				return err
			}
			out.Persons = path
			out.Hops = bfs.hops(path)
			return nil
		}
		if bfs.a.reached()+bfs.b.reached() > maxVisited {
			out.Reason = fmt.Sprintf("search stopped: more than %d persons within reach; narrow the dates or lower maxHops", maxVisited)
			return nil
		}
	}
	out.Reason = noChain(maxHops)
	return nil
}

// noChain is the Reason of a search that found no chain.
func noChain(maxHops int) string {
	return fmt.Sprintf("no chain within %d hops", maxHops)
}

// linkFilter is the filter of the interactions that link persons.
func linkFilter(q graph.ConnectionQuery) graph.InteractionFilter {
	f := graph.InteractionFilter{Since: q.Since, Until: q.Until}
	if q.SharedCables {
		f.Kinds, f.IncludeCoMentions = allKinds(), true
	}
	return f
}

// neighbours returns, for each frontier person, the persons linked to them,
// and records the proof of each link in links (with a LinkSource, only the
// shared cables: hops asks for the chain's interactions at the end).
func (s *Service) neighbours(ctx context.Context, frontier []string, q graph.ConnectionQuery, links *linkBook) (map[string][]string, error) {
	in := make(map[string]bool, len(frontier))
	for _, p := range frontier {
		in[p] = true
	}
	nb := map[string]map[string]bool{}
	add := func(u, v string) {
		if nb[u] == nil {
			nb[u] = map[string]bool{}
		}
		nb[u][v] = true
	}
	f := linkFilter(q)
	if src, ok := ReaderAs[LinkSource](s.r); ok {
		partners, err := src.InteractionPartners(ctx, frontier, f)
		if err != nil {
			return nil, fmt.Errorf("partners of %d persons: %w", len(frontier), err)
		}
		for u, vs := range partners {
			if !in[u] || !isPerson(u) {
				continue
			}
			for _, v := range vs {
				if v != u && isPerson(v) {
					add(u, v)
				}
			}
		}
	} else {
		f.Persons = frontier
		ins, err := s.r.Interactions(ctx, f)
		if err != nil {
			return nil, fmt.Errorf("interactions of %d persons: %w", len(frontier), err)
		}
		for _, x := range ins {
			if x.A == x.B || !isPerson(x.A) || !isPerson(x.B) {
				continue
			}
			links.addInteraction(x)
			if in[x.A] {
				add(x.A, x.B)
			}
			if in[x.B] {
				add(x.B, x.A)
			}
		}
	}
	if q.SharedCables {
		shared, err := s.sharedCables(ctx, frontier, q)
		if err != nil {
			return nil, err
		}
		for cable, persons := range shared {
			for _, u := range persons {
				if !in[u] {
					continue
				}
				for _, v := range persons {
					if v != u && isPerson(v) {
						add(u, v)
						links.addShared(u, v, cable)
					}
				}
			}
		}
	}
	out := make(map[string][]string, len(nb))
	for u, vs := range nb {
		for v := range vs {
			out[u] = append(out[u], v)
		}
		sort.Strings(out[u])
	}
	return out, nil
}

// sharedCables returns, per cable mentioning a frontier person (within the
// date window), the keys of every person it mentions.
func (s *Service) sharedCables(ctx context.Context, frontier []string, q graph.ConnectionQuery) (map[string][]string, error) {
	refs := make([]graph.NodeRef, len(frontier))
	for i, p := range frontier {
		refs[i] = graph.NodeRef{Kind: graph.KindPerson, ID: p}
	}
	edges, _, err := s.r.Edges(ctx, refs, 0)
	if err != nil {
		return nil, fmt.Errorf("cables of %d persons: %w", len(frontier), err)
	}
	set := map[string]bool{}
	var ids []string
	for _, e := range edges {
		if e.Kind != graph.RelMentionedIn {
			continue
		}
		c := e.Target
		if c.Kind != graph.KindCable {
			c = e.Source
		}
		if c.Kind == graph.KindCable && !set[c.ID] {
			set[c.ID] = true
			ids = append(ids, c.ID)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	sort.Strings(ids)
	if q.Since != nil || q.Until != nil {
		page, err := s.r.ListCables(ctx, graph.CableFilter{IDs: ids, Since: q.Since, Until: q.Until}, graph.OrderIDAsc, graph.Page{Limit: len(ids)})
		if err != nil {
			return nil, fmt.Errorf("dating %d shared cables: %w", len(ids), err)
		}
		ids = page.IDs
	}
	byCable, err := s.r.PersonsOfCables(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("persons of %d shared cables: %w", len(ids), err)
	}
	out := make(map[string][]string, len(byCable))
	for c, ps := range byCable {
		for _, p := range ps {
			out[c] = append(out[c], p.Key)
		}
	}
	return out, nil
}

// proveChain records in links the interactions between each pair of the
// chain when the search ran on a LinkSource, which found the links without
// their proof. They are all the interactions of the pair passing the
// search's filter, the ones a search over Interactions would have seen:
// every link of the chain was found by asking for all interactions of one
// of its two ends.
func (s *Service) proveChain(ctx context.Context, path []string, q graph.ConnectionQuery, links *linkBook) error {
	src, ok := ReaderAs[LinkSource](s.r)
	if !ok {
		return nil
	}
	f := linkFilter(q)
	if many, ok := ReaderAs[PairsSource](s.r); ok && len(path) > 1 {
		pairs := make([][2]string, 0, len(path)-1)
		for i := 0; i+1 < len(path); i++ {
			pairs = append(pairs, [2]string{path[i], path[i+1]})
		}
		ins, err := many.PairsInteractions(ctx, pairs, f)
		if err != nil {
			return fmt.Errorf("interactions of the %d links of a chain: %w", len(pairs), err)
		}
		for _, x := range ins {
			links.addInteraction(x)
		}
		return nil
	}
	for i := 0; i+1 < len(path); i++ {
		ins, err := src.PairInteractions(ctx, path[i], path[i+1], f)
		if err != nil {
			return fmt.Errorf("interactions of %s and %s: %w", path[i], path[i+1], err)
		}
		for _, x := range ins {
			links.addInteraction(x)
		}
	}
	return nil
}
