package memstore

import (
	"context"

	"github.com/cablegraph/cablegraph/graph"
)

// CableSummaries returns the cables' summary fields (query.CableSummarySource)
// without copying their documents: a search page or a list page shows
// twenty ids and subjects, and copying twenty whole documents (paragraphs,
// mentions, interactions) to show them was a tenth of a full-size search.
func (s *Store) CableSummaries(ctx context.Context, ids []string) ([]*graph.Cable, error) {
	return s.cableParts(ctx, "cable summaries", ids, func(d *graph.Cable) *graph.Cable {
		return &graph.Cable{ID: d.ID, Created: cloneTime(d.Created), Released: cloneTime(d.Released),
			Classification: d.Classification, Origin: d.Origin, Subject: d.Subject}
	})
}
