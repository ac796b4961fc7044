package neo4jstore

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// labelDoc is the part of a stored document a subgraph node's label needs
// beside the Cable node's own properties: decoding only these two lists
// skips building every paragraph, mention and interaction of the cable.
type labelDoc struct {
	TagInfo   []graph.Tag            `json:"tagInfo"`
	Countries []graph.CountryMention `json:"countries"`
}

// CableLabels returns the cables with these ids, in the order asked,
// skipping ids not loaded, with only ID, Created, Classification, Origin,
// Subject, Countries and TagInfo set (query.CableLabelSource), each equal
// to the same field of Cables' answer. The body is not read: describing a
// neighbourhood's cables shipped tens of kilobytes each to show a subject.
func (s *Store) CableLabels(ctx context.Context, ids []string) ([]*graph.Cable, error) {
	if len(ids) == 0 {
		return []*graph.Cable{}, nil
	}
	got := make(map[string]*graph.Cable, len(ids))
	_, err := s.read(ctx, "cable labels", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		clear(got)
		recs, err := collect(ctx, tx, `
MATCH (c:Cable) WHERE c.id IN $ids
RETURN c.id, c.created, coalesce(c.classification, ''), coalesce(c.origin, ''), coalesce(c.subject, ''), c.doc`,
			map[string]any{"ids": strs(ids)})
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			id := str(r.Values[0])
			var d labelDoc
			if err := json.Unmarshal([]byte(str(r.Values[5])), &d); err != nil {
				return nil, fmt.Errorf("neo4j cable labels: decode %s: %w", id, err)
			}
			got[id] = &graph.Cable{ID: id, Created: timeValue(r.Values[1]), Classification: str(r.Values[2]),
				Origin: str(r.Values[3]), Subject: str(r.Values[4]), TagInfo: d.TagInfo, Countries: d.Countries}
		}
		return nil, nil
	})
	if err != nil {
		return nil, err
	}
	return inOrder(ids, got), nil
}
