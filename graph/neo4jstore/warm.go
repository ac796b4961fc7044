package neo4jstore

import (
	"context"
	"errors"
	"time"

	"github.com/cablegraph/cablegraph/graph"
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
	return failed
}
