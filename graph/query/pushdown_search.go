package query

import (
	"context"

	"github.com/cablegraph/cablegraph/graph"
)

// SearchHitsSource is a Reader that can return a page of search hits
// without counting every hit. Search's Total makes a database visit every
// hit of a common word (8,000 cables for "pipeline" in the whole release)
// to show twenty; a client that asks neither totalCount nor pageInfo
// needs only the page.
type SearchHitsSource interface {
	// SearchHits returns exactly Search(ctx, query, p).Hits. p.Limit is
	// at least 1.
	SearchHits(ctx context.Context, query string, p graph.Page) ([]graph.SearchHit, error)
}
