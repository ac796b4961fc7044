package memstore

import (
	"context"
	"fmt"
	"slices"

	"github.com/cablegraph/cablegraph/graph"
)

// InteractionPartners returns, for each of persons with any, the distinct
// keys at the other end of their interactions that pass f (f.Persons and
// f.Limit are ignored), sorted; a person interacting with themself is their
// own partner. It is query.LinkSource: a connection search needs who is
// linked to its frontier, not copies of every interaction of a hub, sorted
// by date, which Interactions would make.
func (s *Store) InteractionPartners(ctx context.Context, persons []string, f graph.InteractionFilter) (map[string][]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("memstore interaction partners: %w", err)
	}
	f.Persons, f.Limit = nil, 0
	keep := newInterFilter(f)
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make(map[string][]string, len(persons))
	for _, k := range persons {
		p := s.persons[k]
		if p == nil || out[k] != nil {
			continue
		}
		if ps := s.partnersOf(p, f, keep); len(ps) > 0 {
			out[k] = slices.Clone(ps)
		}
	}
	return out, nil
}

// PairInteractions returns the interactions between a and b (either way
// round) that pass f (f.Persons is ignored), in the order of Interactions.
// It walks the interactions of whichever of the two has fewer.
func (s *Store) PairInteractions(ctx context.Context, a, b string, f graph.InteractionFilter) ([]graph.Interaction, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("memstore pair interactions: %w", err)
	}
	if f.Limit < 0 {
		return nil, fmt.Errorf("interactions limit %d: %w", f.Limit, graph.ErrInvalid)
	}
	f.Persons = nil
	keep := newInterFilter(f)
	s.mu.RLock()
	defer s.mu.RUnlock()
	pa, pb := s.persons[a], s.persons[b]
	if pa == nil || pb == nil {
		return []graph.Interaction{}, nil
	}
	if len(pb.inter) < len(pa.inter) {
		pa = pb
	}
	var out []*interRec
	for ir := range pa.inter {
		if (ir.in.A == a && ir.in.B == b || ir.in.A == b && ir.in.B == a) && keep.match(ir) {
			out = append(out, ir)
		}
	}
	return s.emit(out, f.Limit), nil
}

// partnerKey names a person's partners under the filter a connection
// search without a date window asks: every kind but coMentioned, or all.
type partnerKey struct {
	person     string
	coMentions bool
}

// partnersOf returns p's sorted distinct partners under f. Without a date
// window, topics or cables, those of a person with many interactions are
// kept until the next write (with the hubs' edges): a search expands the
// same well-connected persons again and again, and walking their
// interactions, one record each, was most of its time.
func (s *Store) partnersOf(p *personRec, f graph.InteractionFilter, keep *interFilter) []string {
	cacheable := f.Since == nil && f.Until == nil && len(f.Topics) == 0 && len(f.Cables) == 0 && f.Kinds == nil
	pk := partnerKey{p.key, f.IncludeCoMentions}
	if cacheable {
		s.cacheMu.Lock()
		ps, ok := s.partners[pk]
		s.cacheMu.Unlock()
		if ok {
			return ps
		}
	}
	seen := map[string]bool{}
	var ps []string
	for ir := range p.inter {
		other := ir.in.A
		if other == p.key {
			other = ir.in.B
		}
		if seen[other] || !keep.match(ir) {
			continue
		}
		seen[other] = true
		ps = append(ps, other)
	}
	slices.Sort(ps)
	if cacheable && len(p.inter) >= minCachedEdges {
		s.cacheMu.Lock()
		if s.partners == nil {
			s.partners = map[partnerKey][]string{}
		}
		s.partners[pk] = ps
		s.cacheMu.Unlock()
	}
	return ps
}
