package memstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
)

func (c *countryRec) cableCount() int {
	n := len(c.concerns)
	for r := range c.origins {
		if _, dup := c.concerns[r]; !dup {
			n++
		}
	}
	return n
}

// Country looks a country up by code, then by name, both case-insensitive;
// among several names matching, the smallest code wins.
func (s *Store) Country(ctx context.Context, codeOrName string) (*graph.Country, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("memstore country: %w", err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var found *countryRec
	if c := s.countries[codeOrName]; c != nil {
		found = c
	}
	for code, c := range s.countries {
		if found != nil {
			break
		}
		if strings.EqualFold(code, codeOrName) {
			found = c
		}
	}
	if found == nil {
		for _, c := range s.countries {
			if c.name != "" && strings.EqualFold(c.name, codeOrName) && (found == nil || c.code < found.code) {
				found = c
			}
		}
	}
	if found == nil {
		return nil, fmt.Errorf("country %q: %w", codeOrName, graph.ErrNotFound)
	}
	return &graph.Country{Code: found.code, Name: found.name, Cables: found.cableCount()}, nil
}

// Tag looks a tag up by code, case-insensitive.
func (s *Store) Tag(ctx context.Context, code string) (*graph.Tag, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("memstore tag: %w", err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	t := s.tags[code]
	if t == nil {
		t = s.tags[strings.ToUpper(code)]
	}
	if t == nil {
		for c, x := range s.tags {
			if strings.EqualFold(c, code) && (t == nil || c < t.code) {
				t = x
			}
		}
	}
	if t == nil {
		return nil, fmt.Errorf("tag %q: %w", code, graph.ErrNotFound)
	}
	out := t.agg
	return &out, nil
}

// TagsByMeaning returns tags whose meaning contains text (case-insensitive),
// by code.
func (s *Store) TagsByMeaning(ctx context.Context, text string) ([]*graph.Tag, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("memstore tags by meaning: %w", err)
	}
	q := strings.ToLower(text)
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []*graph.Tag
	for _, t := range s.tags {
		if strings.Contains(strings.ToLower(t.agg.Meaning), q) {
			x := t.agg
			out = append(out, &x)
		}
	}
	slices.SortFunc(out, func(a, b *graph.Tag) int { return strings.Compare(a.Code, b.Code) })
	return out, nil
}

// Organizations returns organizations by key, skipping unknown keys.
func (s *Store) Organizations(ctx context.Context, keys []string) ([]*graph.Organization, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("memstore organizations: %w", err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*graph.Organization, 0, len(keys))
	for _, k := range keys {
		if o := s.orgs[k]; o != nil {
			x := o.agg
			out = append(out, &x)
		}
	}
	return out, nil
}

// CitedBy returns, per id with any, the citing cables by From then Letter.
func (s *Store) CitedBy(ctx context.Context, ids []string) (map[string][]graph.Citation, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("memstore cited by: %w", err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := map[string][]graph.Citation{}
	for _, id := range ids {
		ref := s.refs[id]
		if ref == nil {
			continue
		}
		var cs []graph.Citation
		for r, cites := range ref.citers {
			for _, c := range cites {
				cs = append(cs, graph.Citation{From: r.id, Letter: c.letter})
			}
		}
		slices.SortFunc(cs, func(a, b graph.Citation) int {
			return cmp.Or(strings.Compare(a.From, b.From), strings.Compare(a.Letter, b.Letter))
		})
		out[id] = cs
	}
	return out, nil
}
