package neo4jstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
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
		toks := graph.Tokens(part)
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
// index; hits by score, then id. One statement returns the total and the
// page (the index is walked once, not once to count and again to page).
func (s *Store) Search(ctx context.Context, query string, p graph.Page) (graph.SearchPage, error) {
	lq := luceneQuery(query)
	if lq == "" {
		return graph.SearchPage{}, fmt.Errorf("search query %q has no words: %w", query, graph.ErrInvalid)
	}
	if p.Offset < 0 || p.Limit < 0 {
		return graph.SearchPage{}, fmt.Errorf("page offset %d limit %d: %w", p.Offset, p.Limit, graph.ErrInvalid)
	}
	params := map[string]any{"q": lq, "offset": int64(p.Offset), "cutting": false, "cutAt": int64(0)}
	slice := "hits[$offset..]"
	if p.Limit > 0 {
		params["end"] = int64(p.Offset) + int64(p.Limit)
		params["cutting"] = true
		params["cutAt"] = int64(p.Offset) + int64(p.Limit) - 1
		slice = "hits[$offset..$end]"
	}
	// The wait for the eventually consistent index is the statement's
	// first (void) call, not a statement of its own: one round trip
	// fewer per search, and the index is still current before it is
	// queried (the void call runs before queryNodes receives its row).
	// One statement, so no transaction around it (readOne): a managed
	// transaction costs the server its begin and commit.
	//
	// Only the hits scoring at least the page's last one need their id
	// read (ties are ordered by id): a common word hits thousands of
	// cables, and reading every id was most of the statement. cut is that
	// score (-1: every hit, when there is no limit or fewer hits than the
	// page's end).
	recs, err := s.readOne(ctx, "search", awaitText+`
CALL db.index.fulltext.queryNodes('cableText', $q) YIELD node, score
WITH collect([node, score]) AS found
CALL (found) {
  UNWIND found AS h
  WITH h[1] AS s WHERE $cutting ORDER BY s DESC SKIP $cutAt LIMIT 1
  RETURN collect(s) AS cuts
}
WITH found, coalesce(cuts[0], -1.0) AS cut
CALL (found, cut) {
  UNWIND found AS h
  WITH h WHERE h[1] >= cut
  WITH h[0].id AS id, h[1] AS score ORDER BY score DESC, id
  RETURN collect([id, score]) AS hits
}
RETURN size(found), `+slice, params)
	if err != nil {
		return graph.SearchPage{}, err
	}
	out := graph.SearchPage{Hits: []graph.SearchHit{}}
	if len(recs) != 1 || len(recs[0].Values) != 2 {
		return graph.SearchPage{}, fmt.Errorf("search %q: %d records, want one of two columns", query, len(recs))
	}
	n, _ := recs[0].Values[0].(int64)
	out.Total = int(n)
	page, _ := recs[0].Values[1].([]any)
	for _, h := range page {
		pair, _ := h.([]any)
		if len(pair) != 2 {
			continue
		}
		sc, _ := pair[1].(float64)
		out.Hits = append(out.Hits, graph.SearchHit{CableID: str(pair[0]), Score: sc})
	}
	return out, nil
}

// searchSlack is how many hits past a page's end SearchHits asks the
// index for, so that hits tied with the page's last one are seen too.
const searchSlack = 32

// SearchHits returns Search's page without its total
// (query.SearchHitsSource): the index returns only its best end+slack
// hits (Lucene keeps the top ones by score, so no other hit scores more
// than the last of them). The page is exact when fewer came back, or when
// the last one scores less than the page's last hit: then every hit tied
// with the page's last one is among them and the order by id holds.
// Otherwise (more ties than the slack) it asks Search.
func (s *Store) SearchHits(ctx context.Context, query string, p graph.Page) ([]graph.SearchHit, error) {
	hits, _, err := s.searchTop(ctx, query, p, false)
	return hits, err
}

// SearchHitsSummaries is SearchHits with the summaries of the hits'
// cables, as CableSummaries gives them, read by the same statement
// (query.SearchSummariesSource): a search page shown with its cables'
// subjects is one round trip, not two. The summaries are nil when the page
// needed Search (more ties than the slack).
func (s *Store) SearchHitsSummaries(ctx context.Context, query string, p graph.Page) ([]graph.SearchHit, []*graph.Cable, error) {
	return s.searchTop(ctx, query, p, true)
}

// searchTop is SearchHits, with the hits' summaries when summaries is true
// and the page came from the index's top hits. The statement orders the
// top hits itself and returns the page alone, as one record: the hits past
// the page (the slack) are only needed for their scores, and every record
// and value shipped costs both servers decoding.
func (s *Store) searchTop(ctx context.Context, query string, p graph.Page, summaries bool) ([]graph.SearchHit, []*graph.Cable, error) {
	lq := luceneQuery(query)
	if lq == "" || p.Offset < 0 || p.Limit < 1 {
		sp, err := s.Search(ctx, query, p)
		return sp.Hits, nil, err
	}
	end := p.Offset + p.Limit
	fetch := end + searchSlack
	cols := ""
	if summaries {
		cols = ", " + summaryColumns
	}
	recs, err := s.readOne(ctx, "search hits", awaitText+`
CALL db.index.fulltext.queryNodes('cableText', $q, {limit: $fetch}) YIELD node, score
WITH node, score, node.id AS id ORDER BY score DESC, id
WITH collect([node, score, id]) AS found
WITH size(found) AS n, found[$end - 1][1] AS pageLast, found[-1][1] AS fetchedLast, found[$offset..$end] AS page
UNWIND page AS h
WITH n, pageLast, fetchedLast, h[0] AS sc, h[1] AS score, h[2] AS id
RETURN n, pageLast, fetchedLast, collect([id, score`+cols+`])`,
		map[string]any{"q": lq, "fetch": int64(fetch), "offset": int64(p.Offset), "end": int64(end)})
	if err != nil {
		return nil, nil, err
	}
	if len(recs) == 0 { // no hit on the page (nor, then, before its end)
		if summaries {
			return []graph.SearchHit{}, []*graph.Cable{}, nil
		}
		return []graph.SearchHit{}, nil, nil
	}
	v := recs[0].Values
	if len(recs) != 1 || len(v) != 4 {
		return nil, nil, fmt.Errorf("search hits %q: %d records, want one of four columns", query, len(recs))
	}
	n, _ := v[0].(int64)
	pageLast, pageFull := v[1].(float64)
	fetchedLast, _ := v[2].(float64)
	if n == int64(fetch) && pageFull && fetchedLast >= pageLast {
		// As many ties with the page's last hit as the slack, or more:
		// the order by id needs every one of them.
		sp, err := s.Search(ctx, query, p)
		return sp.Hits, nil, err
	}
	rows, _ := v[3].([]any)
	page := make([]graph.SearchHit, 0, len(rows))
	var cables []*graph.Cable
	if summaries {
		cables = make([]*graph.Cable, 0, len(rows))
	}
	for _, row := range rows {
		cols, _ := row.([]any)
		if len(cols) < 2 || (summaries && len(cols) != 7) {
			return nil, nil, fmt.Errorf("search hits %q: a hit of %d columns", query, len(cols))
		}
		id := str(cols[0])
		sc, _ := cols[1].(float64)
		page = append(page, graph.SearchHit{CableID: id, Score: sc})
		if summaries {
			cables = append(cables, summaryOf(id, cols[2:]))
		}
	}
	return page, cables, nil
}
