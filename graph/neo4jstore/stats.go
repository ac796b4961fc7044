package neo4jstore

import (
	"context"
	"fmt"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

var relTypes = []string{
	graph.RelTagged, graph.RelOriginatedIn, graph.RelConcerns, graph.RelCites, graph.RelResolvesTo,
	graph.RelMentionedIn, graph.RelClassified, graph.RelSigned, graph.RelInteracted,
	graph.RelAffiliatedWith, graph.RelMentionsOrg,
}

// Stats counts nodes per label and relationships per type (zero counts
// omitted) from Neo4j's count store, so it is cheap on any graph size.
func (s *Store) Stats(ctx context.Context) (*graph.Stats, error) {
	out := &graph.Stats{}
	_, err := s.read(ctx, "stats", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		out.Nodes, out.Relationships, out.Dataset = map[string]int{}, map[string]int{}, graph.DatasetInfo{}
		for _, nk := range nodeKeys {
			recs, err := collect(ctx, tx, fmt.Sprintf("MATCH (n:%s) RETURN count(n)", nk.label), nil)
			if err != nil {
				return nil, err
			}
			if n := recs[0].Values[0].(int64); n > 0 {
				out.Nodes[nk.label] = int(n)
			}
		}
		for _, t := range relTypes {
			recs, err := collect(ctx, tx, fmt.Sprintf("MATCH ()-[r:%s]->() RETURN count(r)", t), nil)
			if err != nil {
				return nil, err
			}
			if n := recs[0].Values[0].(int64); n > 0 {
				out.Relationships[t] = int(n)
			}
		}
		recs, err := collect(ctx, tx, `MATCH (d:Dataset {name: 'dataset'}) RETURN d.version, d.loadedAt, d.cables`, nil)
		if err != nil || len(recs) == 0 {
			return nil, err
		}
		out.Dataset.Version = str(recs[0].Values[0])
		if t, ok := recs[0].Values[1].(time.Time); ok {
			u := t.UTC()
			out.Dataset.LoadedAt = &u
		}
		n, _ := recs[0].Values[2].(int64)
		out.Dataset.Cables = int(n)
		return nil, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
