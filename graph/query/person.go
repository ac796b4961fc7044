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

// ResolvePerson finds a person by key, full name, alias or surname. When
// several persons match (a common surname), the one in most cables wins and
// the others are returned as alternatives, most cables first, so the user
// can see the ambiguity. A name with no match is graph.ErrNotFound
// (wrapped).
func (s *Service) ResolvePerson(ctx context.Context, name string) (*graph.Person, []*graph.Person, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil, nil, fmt.Errorf("person name is empty: %w", graph.ErrInvalid)
	}
	byKey, err := s.r.Persons(ctx, []string{name})
	if err != nil {
		return nil, nil, fmt.Errorf("resolve person %q by key: %w", name, err)
	}
	if len(byKey) > 0 {
		return byKey[0], nil, nil
	}
	found, err := s.r.FindPersons(ctx, name, maxCandidates)
	if err != nil {
		return nil, nil, fmt.Errorf("resolve person %q: %w", name, err)
	}
	if len(found) == 0 {
		// "Sergei Lavrov" against a stored "Sergey Lavrov": look the
		// surname up and keep the persons whose name words fold to the
		// same keys as every word asked.
		found, err = s.byFoldedName(ctx, name)
		if err != nil {
			return nil, nil, err
		}
	}
	if len(found) == 0 {
		return nil, nil, fmt.Errorf("person %q: %w", name, graph.ErrNotFound)
	}
	rankPersons(found)
	return found[0], found[1:], nil
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

// personKey resolves a name or key to a key; ok is false when nobody
// matches (not an error: callers explain it in their answer).
func (s *Service) personKey(ctx context.Context, name string) (string, bool, error) {
	p, _, err := s.ResolvePerson(ctx, name)
	if errors.Is(err, graph.ErrNotFound) || errors.Is(err, graph.ErrInvalid) {
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	return p.Key, true, nil
}
