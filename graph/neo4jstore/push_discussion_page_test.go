package neo4jstore

import (
	"context"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/query"
)

// TestNeo4jDiscussionPageLeavesOutPairs checks that the paged statement
// does leave pairs out (TestNeo4jPushdownsMatchGenericReads holds its
// answers to the generic ones): for a page of one, fewer interactions
// than the whole, all of some pairs' and none of the others'.
func TestNeo4jDiscussionPageLeavesOutPairs(t *testing.T) {
	ctx := context.Background()
	n := openEmpty(t)
	cables := pushCorpus(t)
	for start := 0; start < len(cables); start += 200 {
		batch := cables[start:min(start+200, len(cables))]
		if err := n.WriteCables(ctx, batch, hashesOf(batch)); err != nil {
			t.Fatalf("write: %v", err)
		}
	}
	if _, ok := query.ReaderAs[query.DiscussionPageSource](n); !ok {
		t.Fatal("the Neo4j store does not implement query.DiscussionPageSource")
	}
	weights := map[string]float64{graph.InteractionMet: 1, graph.InteractionCoMentioned: 0.3}
	base := graph.InteractionFilter{IncludeCoMentions: true}
	pruned := 0
	for _, topic := range []string{"kv", "kosovo", "ru", "russia", "prel", "energy"} {
		all, _, ok, err := n.DiscussionInteractions(ctx, base, []string{topic}, nil)
		if err != nil || !ok {
			t.Fatalf("%s: all: ok %v, %v", topic, ok, err)
		}
		page, _, ok, err := n.DiscussionPageInteractions(ctx, base, []string{topic}, nil, 1, weights, 0.5)
		if err != nil || !ok {
			t.Fatalf("%s: page: ok %v, %v", topic, ok, err)
		}
		pairs := func(ins []graph.Interaction) map[[2]string]int {
			m := map[[2]string]int{}
			for _, in := range ins {
				if in.A != in.B {
					m[pairOf(in.A, in.B)]++
				}
			}
			return m
		}
		pa, pp := pairs(all), pairs(page)
		for k, c := range pp {
			if pa[k] != c {
				t.Errorf("%s: pair %v: %d interactions on the page, %d in all", topic, k, c, pa[k])
			}
		}
		if len(pa) > 0 && len(pp) == 0 {
			t.Errorf("%s: %d pairs in all, none on the page", topic, len(pa))
		}
		if len(pp) < len(pa) {
			pruned++
		}
		t.Logf("%s: %d interactions of %d pairs, %d of %d on a page of one", topic, len(all), len(pa), len(page), len(pp))
	}
	if pruned == 0 {
		t.Error("no topic's page left a pair out")
	}
}

func pairOf(a, b string) [2]string {
	if b < a {
		a, b = b, a
	}
	return [2]string{a, b}
}
