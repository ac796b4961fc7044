package query

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
)

// maxCandidates bounds how many same-name persons are offered as
// alternatives: past a handful a user needs a more precise name anyway.
const maxCandidates = 10

// PersonsFinder is a Reader that looks several names up in one call: a
// connection resolves two names, and a store across a network answers both
// in one round trip instead of one each.
type PersonsFinder interface {
	// FindPersonsEach returns, for each name, what FindPersons returns
	// for it with limit.
	FindPersonsEach(ctx context.Context, names []string, limit int) ([][]*graph.Person, error)
}

// ResolvePerson finds a person by key, full name, alias or surname. When
// several persons match (a common surname), the one in most cables wins and
// the others are returned as alternatives, most cables first, so the user
// can see the ambiguity. A name with no match is graph.ErrNotFound
// (wrapped).
func (s *Service) ResolvePerson(ctx context.Context, name string) (*graph.Person, []*graph.Person, error) {
	got, err := s.resolvePersons(ctx, []string{name})
	if err != nil {
		return nil, nil, err
	}
	return got[0].best, got[0].alts, got[0].err
}

// resolved is one name's answer: the best match and the alternatives, or
// err (empty name, nobody).
type resolved struct {
	best *graph.Person
	alts []*graph.Person
	err  error
}

// resolvePersons is ResolvePerson for several names at once, with one
// Persons call for all of them and, on a PersonsFinder, one search for
// those that are not keys. Only a store failure is the returned error.
func (s *Service) resolvePersons(ctx context.Context, names []string) ([]resolved, error) {
	out := make([]resolved, len(names))
	var keys []string
	for i, name := range names {
		name = strings.TrimSpace(name)
		names[i] = name
		if name == "" {
			out[i].err = fmt.Errorf("person name is empty: %w", graph.ErrInvalid)
			continue
		}
		keys = append(keys, name)
	}
	if len(keys) == 0 {
		return out, nil
	}
	byKey, err := s.r.Persons(ctx, keys)
	if err != nil {
		return nil, fmt.Errorf("resolve person %q by key: %w", keys[0], err)
	}
	known := make(map[string]*graph.Person, len(byKey))
	for _, p := range byKey {
		known[p.Key] = p
	}
	var (
		search []string
		at     []int
	)
	for i, name := range names {
		if out[i].err != nil {
			continue
		}
		if p := known[name]; p != nil {
			out[i].best = p
			continue
		}
		search = append(search, name)
		at = append(at, i)
	}
	if len(search) == 0 {
		return out, nil
	}
	found, err := s.findEach(ctx, search)
	if err != nil {
		return nil, err
	}
	for j, name := range search {
		ps := found[j]
		if len(ps) == 0 {
			// "Sergei Lavrov" against a stored "Sergey Lavrov": look the
			// surname up and keep the persons whose name words fold to the
			// same keys as every word asked.
			if ps, err = s.byFoldedName(ctx, name); err != nil {
				return nil, err
			}
		}
		i := at[j]
		if len(ps) == 0 {
			out[i].err = fmt.Errorf("person %q: %w", name, graph.ErrNotFound)
			continue
		}
		rankPersons(ps)
		out[i].best, out[i].alts = ps[0], ps[1:]
	}
	return out, nil
}

// findEach is FindPersons for each name, in one call on a PersonsFinder.
func (s *Service) findEach(ctx context.Context, names []string) ([][]*graph.Person, error) {
	if pf, ok := ReaderAs[PersonsFinder](s.r); ok {
		found, err := pf.FindPersonsEach(ctx, names, maxCandidates)
		if err != nil {
			return nil, fmt.Errorf("resolve persons %q: %w", names, err)
		}
		if len(found) != len(names) {
			return nil, fmt.Errorf("resolve persons %q: %d answers for %d names", names, len(found), len(names))
		}
		return found, nil
	}
	out := make([][]*graph.Person, len(names))
	for i, name := range names {
		found, err := s.r.FindPersons(ctx, name, maxCandidates)
		if err != nil {
			return nil, fmt.Errorf("resolve person %q: %w", name, err)
		}
		out[i] = found
	}
	return out, nil
}

// byFoldedName matches transliteration variants of a multi-word name.
func (s *Service) byFoldedName(ctx context.Context, name string) ([]*graph.Person, error) {
	words := strings.Fields(graph.NormalizeName(name))
	if len(words) < 2 {
		return nil, nil
	}
	cands, err := s.r.FindPersons(ctx, words[len(words)-1], maxCandidates*5)
	if err != nil {
		return nil, fmt.Errorf("resolve person %q by surname: %w", name, err)
	}
	want := make([]string, len(words))
	for i, w := range words {
		want[i] = graph.NameKey(w)
	}
	var out []*graph.Person
	for _, p := range cands {
		if nameHasKeys(p.Name, want) {
			out = append(out, p)
			continue
		}
		for _, a := range p.Aliases {
			if nameHasKeys(a, want) {
				out = append(out, p)
				break
			}
		}
	}
	return out, nil
}

func nameHasKeys(name string, want []string) bool {
	have := map[string]bool{}
	for _, w := range strings.Fields(graph.NormalizeName(name)) {
		have[graph.NameKey(w)] = true
	}
	for _, w := range want {
		if !have[w] {
			return false
		}
	}
	return true
}

// rankPersons orders by cables desc then key, whatever order the store
// used, so that "best match" is the same on every store.
func rankPersons(ps []*graph.Person) {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Cables != ps[j].Cables {
			return ps[i].Cables > ps[j].Cables
		}
		return ps[i].Key < ps[j].Key
	})
}

// personKeys resolves names or keys to keys, all at once; ok[i] is false
// when nobody matches names[i] (not an error: callers explain it in their
// answer).
func (s *Service) personKeys(ctx context.Context, names ...string) ([]string, []bool, error) {
	got, err := s.resolvePersons(ctx, append([]string(nil), names...))
	if err != nil {
		return nil, nil, err
	}
	keys, ok := make([]string, len(names)), make([]bool, len(names))
	for i, r := range got {
		switch {
		case errors.Is(r.err, graph.ErrNotFound) || errors.Is(r.err, graph.ErrInvalid):
		case r.err != nil:
			return nil, nil, r.err
		default:
			keys[i], ok[i] = r.best.Key, true
		}
	}
	return keys, ok, nil
}
