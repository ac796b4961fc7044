package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Neo4j compiles a statement the first time it sees its text, and a large
// one (a neighbourhood's hubs, a discussion, a connection's frontier)
// takes seconds to compile on a cold server: the first user questions
// after a start used to hit the request timeout. Warm asks every fixed
// statement the server answers for the API once, with keys no cable or
// person has, so the plans are in the server's cache (keyed by the
// statement's text, which is the same for any parameters) before users
// ask. Each answer is empty; a failure is logged and the rest go on.

// warmKey is a key that matches nothing.
const warmKey = "\x00cablegraph-warm-up"

// Warm prepares the plans of the statements the API's questions run and
// returns how many of them failed. It reads only.
func (s *Store) Warm(ctx context.Context) (failed int) {
	start := time.Now()
	none := []string{warmKey}
	ref := []graph.NodeRef{{Kind: graph.KindPerson, ID: warmKey}}
	steps := []struct {
		name string
		run  func() error
	}{
		{"cables", func() error { _, err := s.Cables(ctx, none); return err }},
		{"cable summaries", func() error { _, err := s.CableSummaries(ctx, none); return err }},
		{"cable labels", func() error { _, err := s.CableLabels(ctx, none); return err }},
		{"cited by", func() error { _, err := s.CitedBy(ctx, none); return err }},
		{"persons", func() error { _, err := s.Persons(ctx, none); return err }},
		{"find persons", func() error { _, err := s.FindPersons(ctx, warmKey, 10); return err }},
		{"find persons each", func() error { _, err := s.FindPersonsEach(ctx, none, 10); return err }},
		{"persons of cables", func() error { _, err := s.PersonsOfCables(ctx, none); return err }},
		{"interaction partners", func() error {
			_, err := s.InteractionPartners(ctx, none, graph.InteractionFilter{})
			return err
		}},
		{"pairs interactions", func() error {
			_, err := s.PairsInteractions(ctx, [][2]string{{warmKey, warmKey}}, graph.InteractionFilter{})
			return err
		}},
		{"interactions", func() error {
			_, err := s.Interactions(ctx, graph.InteractionFilter{Persons: none})
			return err
		}},
		{"edges", func() error { _, _, err := s.Edges(ctx, ref, 0); return err }},
		{"edges each", func() error { _, _, err := s.EdgesEach(ctx, ref, 10); return err }},
		{"list cables by tag", func() error {
			_, err := s.ListCables(ctx, graph.CableFilter{Tags: none}, graph.OrderCreatedDesc, graph.Page{Limit: 10})
			return err
		}},
		{"country", func() error { _, err := s.Country(ctx, warmKey); return err }},
		{"tag", func() error { _, err := s.Tag(ctx, warmKey); return err }},
		{"discussion", func() error {
			_, _, _, err := s.DiscussionInteractions(ctx, graph.InteractionFilter{}, none, []string{"cablegraphwarmup"})
			return err
		}},
		{"discussion page", func() error {
			_, _, _, err := s.DiscussionPageInteractions(ctx, graph.InteractionFilter{}, none, []string{"cablegraphwarmup"}, 10, map[string]float64{"met": 1}, 0.5)
			return err
		}},
		{"search", func() error { _, err := s.Search(ctx, "cablegraphwarmup", graph.Page{Limit: 10}); return err }},
		{"search hits", func() error { _, err := s.SearchHits(ctx, "cablegraphwarmup", graph.Page{Limit: 10}); return err }},
	}
	for _, st := range steps {
		if ctx.Err() != nil {
			return failed + 1
		}
		t := time.Now()
		if err := st.run(); err != nil && !errors.Is(err, graph.ErrNotFound) {
			failed++
			s.log.Warn("neo4j warm-up statement failed", "statement", st.name, "err", err)
			continue
		}
		s.log.Debug("neo4j warm-up statement", "statement", st.name, "took", time.Since(t).Round(time.Millisecond))
	}
	s.log.Info("neo4j plans warmed", "statements", len(steps), "failed", failed, "took", time.Since(start).Round(time.Millisecond))
	if ctx.Err() == nil {
		start = time.Now()
		n, err := s.warmHubs(ctx, warmHubCount, warmPerNode)
		if err != nil {
			failed++
			s.log.Warn("neo4j warm-up of the hubs failed", "err", err)
		} else {
			s.log.Info("neo4j hubs warmed", "hubs", n, "took", time.Since(start).Round(time.Millisecond))
		}
	}
	return failed
}

// Plans are not all a cold server lacks. Right after a Neo4j start, a
// depth-2 neighbourhood of a cable naming a dozen hub persons took over
// 10 s twice with every plan compiled (the hubs' pages to read, the
// database's own code not yet compiled by its JIT), then 0.6 s, then
// 0.12 s once the server's edge cache held the hubs (edges_cache.go). The
// hubs are few (2,760 persons, countries, tags and organizations of 500
// edges or more at 251,287 cables) and most neighbourhoods cross some, so
// Warm reads the first edges of the biggest ones after the plans, as a
// neighbourhood would: 15-18 s at that size, after which the same first
// question took 3.2-3.8 s and the next 0.08 s.

// warmHubCount is how many nodes Warm reads the first edges of, biggest
// first, and warmPerNode how many edges of each: the API's default neighbourhood
// limit (a smaller limit is answered from the same entry). 1,000 hubs of
// 100 edges fill half the edge cache (edgeCacheMaxEdges).
const (
	warmHubCount = 1000
	warmPerNode  = 100
	warmHubBatch = 50
)

// cyWarmHubs lists the persons, countries, tags and organizations of at
// least $min edges, most edges first. Cables and references are left out:
// there are hundreds of thousands, and few have many edges.
var cyWarmHubs = func() string {
	var parts []string
	for _, label := range []string{graph.KindPerson, graph.KindCountry, graph.KindTag, graph.KindOrganization} {
		parts = append(parts, fmt.Sprintf("  MATCH (n:%[1]s) RETURN n, '%[1]s' AS kind, n.%[2]s AS id", label, keyOfLabel(label)))
	}
	return "CALL () {\n" + strings.Join(parts, "\n  UNION ALL\n") + `
}
WITH kind, id, COUNT { (n)--() } AS d WHERE d >= $min
RETURN kind, id ORDER BY d DESC, kind, id LIMIT $hubs`
}()

// warmHubs reads the first perNode edges of the hubs nodes with the most
// edges (of those with at least the edge cache's minimum), a batch at a
// time, which keeps them in the edge cache, and returns how many it read.
func (s *Store) warmHubs(ctx context.Context, hubs, perNode int) (int, error) {
	got, err := s.read(ctx, "warm hubs", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		recs, err := collect(ctx, tx, cyWarmHubs, map[string]any{"min": int64(s.edgeCacheMin), "hubs": int64(hubs)})
		if err != nil {
			return nil, err
		}
		nodes := make([]graph.NodeRef, 0, len(recs))
		for _, r := range recs {
			nodes = append(nodes, graph.NodeRef{Kind: str(r.Values[0]), ID: str(r.Values[1])})
		}
		return nodes, nil
	})
	if err != nil {
		return 0, fmt.Errorf("listing the hubs: %w", err)
	}
	nodes := got.([]graph.NodeRef)
	for b := range slices.Chunk(nodes, warmHubBatch) {
		if _, _, err := s.EdgesEach(ctx, b, perNode); err != nil {
			return 0, fmt.Errorf("reading the hubs' edges: %w", err)
		}
	}
	return len(nodes), nil
}
