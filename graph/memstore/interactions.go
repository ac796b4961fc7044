package memstore

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
)

// compareInteractions is the order of Interactions (graph.CompareInteractions).
func compareInteractions(x, y *interRec) int { return graph.CompareInteractions(&x.in, &y.in) }

// Interactions returns the matching INTERACTED relationships, with the
// persons' current names as AName and BName.
func (s *Store) Interactions(ctx context.Context, f graph.InteractionFilter) ([]graph.Interaction, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("memstore interactions: %w", err)
	}
	if f.Limit < 0 {
		return nil, fmt.Errorf("interactions limit %d: %w", f.Limit, graph.ErrInvalid)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.interactions(f), nil
}

// interactions is Interactions with the read lock held.
func (s *Store) interactions(f graph.InteractionFilter) []graph.Interaction {
	var out []*interRec
	s.eachInteractionCandidate(f, newInterFilter(f).match, func(ir *interRec) { out = append(out, ir) })
	return s.emit(out, f.Limit)
}

// emit sorts the interactions into the order of Interactions, cuts them at
// limit (0: no limit) and copies them out with the persons' current names.
func (s *Store) emit(out []*interRec, limit int) []graph.Interaction {
	slices.SortFunc(out, compareInteractions)
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return s.emitSorted(out, true)
}

// emitSorted copies out interactions already in the order of Interactions.
// ownTopics gives each copy its own Topics; without it they share the
// store's, for callers inside the module that only read them (one
// allocation per interaction, a tenth of a discussions question).
func (s *Store) emitSorted(out []*interRec, ownTopics bool) []graph.Interaction {
	res := make([]graph.Interaction, len(out))
	for i, ir := range out {
		in := ir.in
		if ownTopics {
			in.Topics = slices.Clone(in.Topics)
		}
		in.AName = s.persons[in.A].agg.Name
		in.BName = s.persons[in.B].agg.Name
		res[i] = in
	}
	return res
}

// interFilter is an InteractionFilter with its lists turned into sets.
type interFilter struct {
	f                              graph.InteractionFilter
	kinds, topics, persons, cables map[string]bool
}

func newInterFilter(f graph.InteractionFilter) *interFilter {
	m := &interFilter{f: f, kinds: map[string]bool{}, topics: map[string]bool{}, persons: map[string]bool{}, cables: map[string]bool{}}
	for _, k := range f.Kinds {
		m.kinds[k] = true
	}
	if f.IncludeCoMentions {
		m.kinds[graph.InteractionCoMentioned] = true
	}
	for _, t := range f.Topics {
		m.topics[strings.ToLower(t)] = true
	}
	for _, p := range f.Persons {
		m.persons[p] = true
	}
	for _, c := range f.Cables {
		m.cables[c] = true
	}
	return m
}

// match reports whether ir passes every field of the filter.
func (m *interFilter) match(ir *interRec) bool {
	in, f := &ir.in, &m.f
	switch {
	case f.Kinds == nil && in.Kind == graph.InteractionCoMentioned && !f.IncludeCoMentions:
		return false
	case f.Kinds != nil && !m.kinds[in.Kind]:
		return false
	case len(m.persons) > 0 && !m.persons[in.A] && !m.persons[in.B]:
		return false
	case len(m.cables) > 0 && !m.cables[in.Cable]:
		return false
	case f.Since != nil && (in.Date == nil || in.Date.Before(*f.Since)):
		return false
	case f.Until != nil && (in.Date == nil || in.Date.After(*f.Until)):
		return false
	case len(m.topics) > 0 && !topicMatch(ir, m.topics):
		return false
	}
	return true
}

func topicMatch(ir *interRec, topics map[string]bool) bool {
	for _, t := range ir.topics {
		if topics[t] {
			return true
		}
	}
	for _, t := range ir.cable.tags {
		if topics[strings.ToLower(t)] {
			return true
		}
	}
	return false
}

// eachInteractionCandidate calls yield once for each interaction passing
// keep among those the most selective index gives: cables, else persons,
// else topics, else all. Only unions that can overlap go through a set,
// and only with what keep passed: a cable's interactions belong to it
// alone, so distinct cables need none (a text pass asks for 500 cables at
// a time and the set was a tenth of it), and most of a topic's cables'
// interactions are co-mentions a discussion does not want.
func (s *Store) eachInteractionCandidate(f graph.InteractionFilter, keep func(*interRec) bool, yield func(*interRec)) {
	pass := func(ir *interRec) {
		if keep(ir) {
			yield(ir)
		}
	}
	switch {
	case len(f.Cables) > 0:
		seen := make(map[string]struct{}, len(f.Cables))
		for _, id := range f.Cables {
			if _, dup := seen[id]; dup {
				continue
			}
			seen[id] = struct{}{}
			if r := s.cables[id]; r != nil {
				for _, ir := range r.interactions {
					pass(ir)
				}
			}
		}
		return
	case len(f.Persons) == 1:
		if p := s.persons[f.Persons[0]]; p != nil {
			for ir := range p.inter {
				pass(ir)
			}
		}
		return
	case len(f.Persons) == 0 && len(f.Topics) == 0:
		for _, r := range s.cables {
			for _, ir := range r.interactions {
				pass(ir)
			}
		}
		return
	}
	set := map[*interRec]struct{}{}
	add := func(ir *interRec) {
		if !keep(ir) {
			return
		}
		if _, dup := set[ir]; !dup {
			set[ir] = struct{}{}
			yield(ir)
		}
	}
	if len(f.Persons) > 0 {
		for _, k := range f.Persons {
			if p := s.persons[k]; p != nil {
				for ir := range p.inter {
					add(ir)
				}
			}
		}
		return
	}
	for _, t := range f.Topics {
		for ir := range s.byTopic[strings.ToLower(t)] {
			add(ir)
		}
		for code, x := range s.tags {
			if !strings.EqualFold(code, t) {
				continue
			}
			for r := range x.cables {
				for _, ir := range r.interactions {
					add(ir)
				}
			}
		}
	}
}
