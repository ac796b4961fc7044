package memstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
)

// clonePerson copies an aggregate; its lists are the store's, clipped so
// that a caller's append copies them. A write replaces an aggregate's
// lists, never changes them (personAggregate), and no caller changes them
// in place, so sharing them is safe; copying them was a third of what a
// memoised discussions answer allocated (its persons' aliases, ~270 KB of
// ~750 KB per question at the release's size), garbage that brought the
// collector's cycles closer together.
func clonePerson(p graph.Person) *graph.Person {
	p.Aliases = slices.Clip(p.Aliases)
	p.Roles = slices.Clip(p.Roles)
	p.Countries = slices.Clip(p.Countries)
	p.How = slices.Clip(p.How)
	return &p
}

// byCablesThenKey is the order of every person list: most cables first.
func byCablesThenKey(a, b *personRec) int {
	if c := cmp.Compare(b.agg.Cables, a.agg.Cables); c != 0 {
		return c
	}
	return strings.Compare(a.key, b.key)
}

// Persons returns persons by key, in the order asked, skipping unknown keys.
func (s *Store) Persons(ctx context.Context, keys []string) ([]*graph.Person, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("memstore persons: %w", err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*graph.Person, 0, len(keys))
	for _, k := range keys {
		if p := s.persons[k]; p != nil {
			out = append(out, clonePerson(p.agg))
		}
	}
	return out, nil
}

// FindPersons matches the normalised query exactly against each person's
// normalised key, name, surname and aliases, and a one-word query's NameKey
// against surnames' NameKey ("Sergei" finds the key spelled "sergey").
func (s *Store) FindPersons(ctx context.Context, name string, limit int) ([]*graph.Person, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("memstore find persons: %w", err)
	}
	n := graph.NormalizeName(name)
	if n == "" {
		return nil, nil
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	keys := map[string]struct{}{}
	for k := range s.names[n] {
		keys[k] = struct{}{}
	}
	if !strings.Contains(n, " ") {
		for k := range s.surnames[graph.NameKey(n)] {
			keys[k] = struct{}{}
		}
	}
	recs := make([]*personRec, 0, len(keys))
	for k := range keys {
		recs = append(recs, s.persons[k])
	}
	slices.SortFunc(recs, byCablesThenKey)
	if limit > 0 && len(recs) > limit {
		recs = recs[:limit]
	}
	out := make([]*graph.Person, len(recs))
	for i, p := range recs {
		out[i] = clonePerson(p.agg)
	}
	return out, nil
}

// ListPersons returns persons whose normalised name or an alias contains the
// normalised query ("" lists all), most cables first, then key.
func (s *Store) ListPersons(ctx context.Context, query string, p graph.Page) ([]*graph.Person, int, error) {
	if err := ctx.Err(); err != nil {
		return nil, 0, fmt.Errorf("memstore list persons: %w", err)
	}
	q := graph.NormalizeName(query)
	s.mu.RLock()
	defer s.mu.RUnlock()
	var recs []*personRec
	for _, pr := range s.persons {
		if q == "" || personContains(pr.agg, q) {
			recs = append(recs, pr)
		}
	}
	slices.SortFunc(recs, byCablesThenKey)
	lo, hi, err := page(len(recs), p)
	if err != nil {
		return nil, 0, err
	}
	out := make([]*graph.Person, 0, hi-lo)
	for _, pr := range recs[lo:hi] {
		out = append(out, clonePerson(pr.agg))
	}
	return out, len(recs), nil
}

func personContains(p graph.Person, q string) bool {
	if strings.Contains(graph.NormalizeName(p.Name), q) {
		return true
	}
	for _, a := range p.Aliases {
		if strings.Contains(graph.NormalizeName(a), q) {
			return true
		}
	}
	return false
}

// PersonsOfCables returns, per loaded cable with at least one person, its
// persons by key.
func (s *Store) PersonsOfCables(ctx context.Context, ids []string) (map[string][]*graph.Person, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("memstore persons of cables: %w", err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := map[string][]*graph.Person{}
	for _, id := range ids {
		r := s.cables[id]
		if r == nil || len(r.persons) == 0 {
			continue
		}
		keys := make([]string, 0, len(r.persons))
		for k := range r.persons {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		ps := make([]*graph.Person, 0, len(keys))
		for _, k := range keys {
			ps = append(ps, clonePerson(s.persons[k].agg))
		}
		out[id] = ps
	}
	return out, nil
}
