package query

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/cablegraph/cablegraph/graph"
)

// Counterpart limits.
const (
	DefaultCounterparts = 20
	MaxCounterparts     = 1000
)

// Counterpart is someone a person dealt with.
type Counterpart struct {
	Person    string // key, or "post:<Origin>" when it was the embassy itself
	Count     int
	Kinds     []string // distinct, sorted
	FirstDate *time.Time
	LastDate  *time.Time
}

// Counterparts ranks who the person (key or name) dealt with: interactions
// in either direction, co-mentions excluded since being named together is
// not dealing with each other; by count desc, then key.
func (s *Service) Counterparts(ctx context.Context, key string, limit int) ([]Counterpart, error) {
	limit, err := withDefault("limit", limit, DefaultCounterparts, MaxCounterparts)
	if err != nil {
		return nil, err
	}
	p, _, err := s.ResolvePerson(ctx, key)
	if err != nil {
		return nil, err
	}
	ins, err := s.r.Interactions(ctx, graph.InteractionFilter{Persons: []string{p.Key}})
	if err != nil {
		return nil, fmt.Errorf("counterparts of %s: %w", p.Key, err)
	}
	idx := map[string]int{}
	kinds := map[string]map[string]bool{}
	var out []Counterpart
	for _, in := range ins {
		if in.Kind == graph.InteractionCoMentioned {
			continue
		}
		other := in.B
		if in.B == p.Key {
			other = in.A
		}
		if other == p.Key || other == "" || in.A != p.Key && in.B != p.Key {
			continue
		}
		i, ok := idx[other]
		if !ok {
			i = len(out)
			idx[other] = i
			out = append(out, Counterpart{Person: other})
			kinds[other] = map[string]bool{}
		}
		c := &out[i]
		c.Count++
		c.FirstDate = minDate(c.FirstDate, in.Date)
		c.LastDate = maxDate(c.LastDate, in.Date)
		if !kinds[other][in.Kind] {
			kinds[other][in.Kind] = true
			c.Kinds = append(c.Kinds, in.Kind)
		}
	}
	for i := range out {
		sort.Strings(out[i].Kinds)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Person < out[j].Person
	})
	if len(out) > limit {
		out = out[:limit]
	}
	if out == nil {
		out = []Counterpart{}
	}
	return out, nil
}
