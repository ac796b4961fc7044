package memstore

import (
	"context"
	"fmt"
	"time"

	"github.com/cablegraph/cablegraph/graph"
)

// CableSummaries returns the cables' summary fields (query.CableSummarySource)
// without copying their documents: a search page or a list page shows
// twenty ids and subjects, and copying twenty whole documents (paragraphs,
// mentions, interactions) to show them was a tenth of a full-size search.
func (s *Store) CableSummaries(ctx context.Context, ids []string) ([]*graph.Cable, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("memstore cable summaries: %w", err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*graph.Cable, 0, len(ids))
	for _, id := range ids {
		r, ok := s.cables[id]
		if !ok {
			continue
		}
		d := r.doc
		out = append(out, &graph.Cable{
			ID: d.ID, Created: copyTime(d.Created), Released: copyTime(d.Released),
			Classification: d.Classification, Origin: d.Origin, Subject: d.Subject,
		})
	}
	return out, nil
}

func copyTime(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	c := *t
	return &c
}
