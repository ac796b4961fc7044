package memstore

import (
	"context"
	"fmt"
	"slices"

	"github.com/cablegraph/cablegraph/graph"
)

// CableLabels returns the cables with these ids, in the order asked,
// skipping ids not loaded, with only the fields a subgraph node shows set
// (query.CableLabelSource): ID, Created, Classification, Origin, Subject,
// Countries and TagInfo, each equal to the same field of Cables' answer.
// A neighbourhood describes up to a thousand cables; Cables would copy
// each one's paragraphs, mentions and interactions to show five strings.
func (s *Store) CableLabels(ctx context.Context, ids []string) ([]*graph.Cable, error) {
	return s.cableParts(ctx, "cable labels", ids, func(d *graph.Cable) *graph.Cable {
		return &graph.Cable{ID: d.ID, Created: cloneTime(d.Created), Classification: d.Classification,
			Origin: d.Origin, Subject: d.Subject, Countries: slices.Clone(d.Countries), TagInfo: slices.Clone(d.TagInfo)}
	})
}

// cableParts returns, for the cables with these ids in the order asked
// (ids not loaded skipped), what part copies out of each stored document.
func (s *Store) cableParts(ctx context.Context, what string, ids []string, part func(d *graph.Cable) *graph.Cable) ([]*graph.Cable, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("memstore %s: %w", what, err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*graph.Cable, 0, len(ids))
	for _, id := range ids {
		if r, ok := s.cables[id]; ok {
			out = append(out, part(r.doc))
		}
	}
	return out, nil
}
