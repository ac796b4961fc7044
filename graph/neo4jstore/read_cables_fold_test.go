package neo4jstore

import (
	"context"
	"slices"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
)

// TestNeo4jTextFilterFoldsLikeMemstore pins the text filter's meaning
// where the full-text index alone decides it (indexDecides): "contains,
// lower-cased as strings.ToLower does", the memstore's and the oracle's
// definition, including the two runes outside ASCII that fold into it
// (Cypher's toLower would not fold U+0130 to "i"), tokens glued by
// punctuation ("kosovo's", "u.s.-kosovo"), words inside longer tokens,
// and words the index cannot decide (checked against the bodies).
func TestNeo4jTextFilterFoldsLikeMemstore(t *testing.T) {
	ctx := context.Background()
	n := openEmpty(t)
	m := memstore.New()
	mk := func(id, subject, body string) *graph.Cable {
		return &graph.Cable{ID: id, Subject: subject, Body: body, Classification: graph.Unclassified, Origin: "Embassy Test"}
	}
	cables := []*graph.Cable{
		mk("09TEST1", "SERB\u0130A: STATUS", "1. (U) Nothing else."),
		mk("09TEST2", "NOTES", "1. (U) The \u212aOSOVO question, and Kosovo's future."),
		mk("09TEST3", "U.S.-KOSOVO TALKS", "1. (U) Pre_kosovo2009 planning; the ministers met."),
		mk("09TEST4", "OTHER", "1. (U) Serbian and Kosovar officials met at the U.S. embassy."),
	}
	for _, s := range []graph.Store{n, m} {
		if err := s.WriteCables(ctx, cables, hashesOf(cables)); err != nil {
			t.Fatalf("write: %v", err)
		}
	}
	words := []string{"serbia", "SERBIA", "kosovo", "osovo", "kosovo's", "u.s.", "u.s.-kosovo", "pre_kosovo2009", "ministers met", "serb", "kosova", "serbia kosovo", "2009"}
	for _, w := range words {
		f := graph.CableFilter{Text: w}
		want, err := m.ListCables(ctx, f, graph.OrderIDAsc, graph.Page{})
		if err != nil {
			t.Fatalf("memstore %q: %v", w, err)
		}
		got, err := n.ListCables(ctx, f, graph.OrderIDAsc, graph.Page{})
		if err != nil {
			t.Fatalf("neo4j %q: %v", w, err)
		}
		if !slices.Equal(got.IDs, want.IDs) || got.Total != want.Total {
			t.Errorf("text %q: neo4j %v (total %d), memstore %v (total %d)", w, got.IDs, got.Total, want.IDs, want.Total)
		}
	}
	// The memstore itself must mean strings.ToLower: U+0130 is "i".
	p, err := m.ListCables(ctx, graph.CableFilter{Text: "serbia"}, graph.OrderIDAsc, graph.Page{})
	if err != nil || !slices.Contains(p.IDs, "09TEST1") {
		t.Errorf("memstore text serbia = %v, %v; want 09TEST1 among them", p.IDs, err)
	}
}
