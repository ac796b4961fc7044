package neo4jstore

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// luceneQuery translates a user query into a Lucene query in which every
// word is required (AND) and every quoted phrase must match as a phrase.
// Each token is quoted, so Lucene syntax in user input ("title:", "*",
// "OR") is never interpreted: users search words, not Lucene. Tokens are
// cut with the word-break rules of Lucene's standard tokenizer, the
// analyzer of the cableText index, so the words asked are the words
// indexed.
func luceneQuery(q string) string {
	var req []string
	parts := strings.Split(q, `"`)
	for i, part := range parts {
		toks := tokens(part)
		for _, t := range toks {
			req = append(req, `+"`+t+`"`)
		}
		if i%2 == 1 && len(toks) > 1 {
			req = append(req, `+"`+strings.Join(toks, " ")+`"`)
		}
	}
	return strings.Join(req, " ")
}

// Search runs a full-text query over subject and body with the cableText
// index; hits by score, then id.
func (s *Store) Search(ctx context.Context, query string, p graph.Page) (graph.SearchPage, error) {
	lq := luceneQuery(query)
	if lq == "" {
		return graph.SearchPage{}, fmt.Errorf("search query %q has no words: %w", query, graph.ErrInvalid)
	}
	params := map[string]any{"q": lq}
	pc, err := pageClause(p, params)
	if err != nil {
		return graph.SearchPage{}, err
	}
	out := graph.SearchPage{Hits: []graph.SearchHit{}}
	_, err = s.read(ctx, "search", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		out.Hits = out.Hits[:0]
		if err := run(ctx, tx, `CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()`, nil); err != nil {
			return nil, err
		}
		recs, err := collect(ctx, tx, `CALL db.index.fulltext.queryNodes('cableText', $q) YIELD node RETURN count(node)`, params)
		if err != nil {
			return nil, err
		}
		out.Total = int(recs[0].Values[0].(int64))
		if out.Total == 0 {
			return nil, nil
		}
		recs, err = collect(ctx, tx, `
CALL db.index.fulltext.queryNodes('cableText', $q) YIELD node, score
RETURN node.id, score ORDER BY score DESC, node.id `+pc, params)
		for _, r := range recs {
			sc, _ := r.Values[1].(float64)
			out.Hits = append(out.Hits, graph.SearchHit{CableID: str(r.Values[0]), Score: sc})
		}
		return nil, err
	})
	return out, err
}

// Token classes of the word-break rules (Unicode UAX #29) that Lucene's
// standard tokenizer follows, reduced to what cable text needs.
const (
	kindNone = iota
	kindLetter
	kindDigit
	kindJoin // underscore and combining marks: part of a token, never a bridge
)

func runeKind(r rune) int {
	switch {
	case unicode.IsLetter(r):
		return kindLetter
	case unicode.IsDigit(r):
		return kindDigit
	case r == '_' || unicode.IsMark(r):
		return kindJoin
	}
	return kindNone
}

// bridges reports whether punctuation r between two runes of kinds a and
// b keeps them in one token: "u.s", "o'brien", "1.4", "10,000".
func bridges(r rune, a, b int) bool {
	switch {
	case a == kindLetter && b == kindLetter:
		return r == '.' || r == '\'' || r == '\u2019' || r == ':' || r == '\u00b7'
	case a == kindDigit && b == kindDigit:
		return r == '.' || r == '\'' || r == '\u2019' || r == ',' || r == ';'
	}
	return false
}

// tokens returns the lower-cased tokens of s, in order.
func tokens(s string) []string {
	var out []string
	start, prev := -1, kindNone
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		k := runeKind(r)
		if k != kindNone {
			if start < 0 {
				start = i
			}
			prev = k
			i += w
			continue
		}
		if start >= 0 && i+w < len(s) {
			r2, _ := utf8.DecodeRuneInString(s[i+w:])
			if bridges(r, prev, runeKind(r2)) {
				i += w
				continue
			}
		}
		if start >= 0 {
			out = append(out, strings.ToLower(s[start:i]))
			start = -1
		}
		i += w
	}
	if start >= 0 {
		out = append(out, strings.ToLower(s[start:]))
	}
	return out
}
