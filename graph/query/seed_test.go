package query_test

import (
	"context"
	"strings"
	"testing"

	"github.com/cablegraph/cablegraph/examples"
	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/graph/query"
	"github.com/cablegraph/cablegraph/loader/extract"
	"github.com/cablegraph/cablegraph/loader/parse"
)

// TestSeedCable runs the product's first question on the real example
// cable, parsed and extracted by the real pipeline: who discussed Kosovo
// with whom must include Jeremic and Lavrov, proven by paragraph 6.
func TestSeedCable(t *testing.T) {
	ctx := context.Background()
	c, err := parse.ParseRecord(parse.Record{Path: examples.Moscow235Name, Format: graph.FormatPage, Line: 1, Data: examples.Moscow235})
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatalf("extractor: %v", err)
	}
	ex.Extract(c)
	st := memstore.New()
	if err := st.WriteCables(ctx, []*graph.Cable{c}, []string{"seed"}); err != nil {
		t.Fatal(err)
	}
	s := query.New(st, ex)
	codes, _, err := s.Topic(ctx, "Kosovo")
	if err != nil || len(codes) == 0 || codes[0] != "KV" {
		t.Fatalf("Topic(Kosovo) codes = %v, %v; want [KV]", codes, err)
	}
	ds, err := s.Discussions(ctx, graph.DiscussionQuery{Topic: "Kosovo"})
	if err != nil {
		t.Fatal(err)
	}
	var found *graph.Discussion
	for i := range ds {
		if strings.HasPrefix(ds[i].A, "jeremic") && strings.HasPrefix(ds[i].B, "lavrov") {
			found = &ds[i]
		}
	}
	if found == nil {
		t.Fatalf("no Jeremic-Lavrov discussion of Kosovo in %+v", ds)
	}
	p6 := false
	for _, e := range found.Evidence {
		if e.Cable == "08MOSCOW235" && e.Paragraph == 6 && strings.Contains(strings.ToLower(e.Sentence), "jeremic") {
			p6 = true
		}
	}
	if !p6 {
		t.Errorf("no paragraph 6 evidence naming Jeremic: %+v", found.Evidence)
	}
	g, err := s.Neighborhood(ctx, "08MOSCOW235", 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	checkSubgraph(t, g)
	if len(g.Nodes) < 3 {
		t.Errorf("seed neighbourhood has %d nodes", len(g.Nodes))
	}
}
