package query

import (
	"context"

	"github.com/cablegraph/cablegraph/graph"
)

// SearchSummariesSource is a SearchHitsSource that reads the summaries of
// the hits' cables with the hits. A page of hits shown with their cables'
// subjects is otherwise two round trips to a database across a network
// (the hits, then the summaries of their cables); the peers that serve
// the same page from one statement answer it at twice the rate.
type SearchSummariesSource interface {
	// SearchHitsSummaries returns SearchHits(ctx, query, p) and
	// CableSummaries of the hits' cables, in the hits' order. The
	// summaries may be nil (not read): the caller then reads them.
	SearchHitsSummaries(ctx context.Context, query string, p graph.Page) ([]graph.SearchHit, []*graph.Cable, error)
}
