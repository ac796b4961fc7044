package memstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
)

// parseQuery splits a search query into required terms and quoted phrases.
// Every term is required (AND), the same translation neo4jstore gives
// Lucene; Lucene operators are not interpreted, only words.
func parseQuery(q string) (terms []string, phrases [][]string) {
	parts := strings.Split(q, `"`)
	for i, part := range parts {
		toks := tokens(part)
		if i%2 == 1 && len(toks) > 1 {
			phrases = append(phrases, toks)
		}
		terms = append(terms, toks...)
	}
	slices.Sort(terms)
	return slices.Compact(terms), phrases
}

// hasPhrase reports whether the tokens of s contain phrase consecutively.
func hasPhrase(s string, phrase []string) bool {
	toks := tokens(s)
	for i := 0; i+len(phrase) <= len(toks); i++ {
		if slices.Equal(toks[i:i+len(phrase)], phrase) {
			return true
		}
	}
	return false
}

// Search returns the cables containing every query word as a whole word
// (and every quoted phrase within the subject or within the body), best
// BM25 score first, ties by id.
func (s *Store) Search(ctx context.Context, query string, p graph.Page) (graph.SearchPage, error) {
	if err := ctx.Err(); err != nil {
		return graph.SearchPage{}, fmt.Errorf("memstore search: %w", err)
	}
	terms, phrases := parseQuery(query)
	if len(terms) == 0 {
		return graph.SearchPage{}, fmt.Errorf("search query %q has no words: %w", query, graph.ErrInvalid)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	scores := s.text.match(terms, s.slots)
	hits := make([]graph.SearchHit, 0, len(scores))
	for slot, score := range scores {
		r := s.slots[slot]
		ok := true
		for _, ph := range phrases {
			if !hasPhrase(r.subject, ph) && !hasPhrase(r.body, ph) {
				ok = false
				break
			}
		}
		if ok {
			hits = append(hits, graph.SearchHit{CableID: r.id, Score: score})
		}
	}
	slices.SortFunc(hits, func(a, b graph.SearchHit) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return strings.Compare(a.CableID, b.CableID)
	})
	lo, hi, err := page(len(hits), p)
	if err != nil {
		return graph.SearchPage{}, err
	}
	return graph.SearchPage{Hits: slices.Clone(hits[lo:hi]), Total: len(hits)}, nil
}
