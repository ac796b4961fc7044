package memstore

import (
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
		toks := graph.Tokens(part)
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
	toks := graph.Tokens(s)
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
	if p.Offset < 0 || p.Limit < 0 {
		_, _, err := page(0, p)
		return graph.SearchPage{}, err
	}
	// Keep only the best offset+limit hits in a heap whose root is the
	// worst kept: a page costs O(hits log k), not a sort of every hit.
	k := -1 // no limit
	if p.Limit > 0 {
		k = p.Offset + p.Limit
	}
	worse := func(a, b graph.SearchHit) bool { return graph.CompareSearchHits(a, b) > 0 }
	top := make([]graph.SearchHit, 0, min(max(k, 0), 1024))
	total := 0
	s.text.scores(terms, s.slots, func(slot uint32, score float64) {
		r := s.slots[slot]
		for _, ph := range phrases {
			if !hasPhrase(r.subject, ph) && !hasPhrase(r.body, ph) {
				return
			}
		}
		total++
		h := graph.SearchHit{CableID: r.id, Score: score}
		switch {
		case k < 0 || len(top) < k:
			top = append(top, h)
			heapUp(top, len(top)-1, worse)
		case worse(top[0], h):
			top[0] = h
			heapDown(top, 0, worse)
		}
	})
	slices.SortFunc(top, graph.CompareSearchHits)
	lo := min(p.Offset, len(top))
	return graph.SearchPage{Hits: slices.Clone(top[lo:]), Total: total}, nil
}

// heapUp and heapDown keep h a heap whose root is the element before which
// every other one comes under less (the "worst" kept hit).
func heapUp[T any](h []T, i int, less func(a, b T) bool) {
	for i > 0 {
		p := (i - 1) / 2
		if !less(h[i], h[p]) {
			return
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
}

func heapDown[T any](h []T, i int, less func(a, b T) bool) {
	for {
		l, m := 2*i+1, i
		if l < len(h) && less(h[l], h[m]) {
			m = l
		}
		if r := l + 1; r < len(h) && less(h[r], h[m]) {
			m = r
		}
		if m == i {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}
