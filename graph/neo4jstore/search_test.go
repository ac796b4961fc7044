package neo4jstore

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
)

// TestNeo4jSearchPagesAreSlicesOfTheWholeList: Search reads ids only for
// the hits that can reach the page (scores at least the page's last one);
// every page must still be exactly that slice of the full, unpaged list,
// ties ordered by id, with the total of all hits. The corpus has many
// exact ties (same text) around every page boundary.
func TestNeo4jSearchPagesAreSlicesOfTheWholeList(t *testing.T) {
	ctx := context.Background()
	s := openEmpty(t)
	var cables []*graph.Cable
	for i := range 57 {
		body := "1. (U) The pipeline talks continue."
		switch i % 3 {
		case 1:
			body = "1. (U) Pipeline, pipeline: the pipeline and the gas pipeline route were discussed at length with the ministry."
		case 2:
			body = "1. (U) A long paragraph about many other things, where the pipeline is mentioned once among the words of a far longer text."
		}
		cables = append(cables, &graph.Cable{ID: fmt.Sprintf("09TEST%d", 100+(i*37)%57), Subject: "NOTES", Body: body, Classification: graph.Unclassified})
	}
	if err := s.WriteCables(ctx, cables, hashesOf(cables)); err != nil {
		t.Fatal(err)
	}
	all, err := s.Search(ctx, "pipeline", graph.Page{})
	if err != nil {
		t.Fatal(err)
	}
	if all.Total != len(cables) || len(all.Hits) != len(cables) {
		t.Fatalf("unpaged: total %d, %d hits; want %d", all.Total, len(all.Hits), len(cables))
	}
	for i := 1; i < len(all.Hits); i++ {
		a, b := all.Hits[i-1], all.Hits[i]
		if a.Score < b.Score || (a.Score == b.Score && a.CableID > b.CableID) {
			t.Fatalf("unpaged order broken at %d: %+v then %+v", i, a, b)
		}
	}
	for _, p := range []graph.Page{{Limit: 1}, {Limit: 5}, {Offset: 3, Limit: 7}, {Offset: 18, Limit: 2}, {Offset: 19, Limit: 20}, {Offset: 50, Limit: 20}, {Offset: 57, Limit: 3}, {Offset: 10}} {
		got, err := s.Search(ctx, "pipeline", p)
		if err != nil {
			t.Fatalf("%+v: %v", p, err)
		}
		end := len(all.Hits)
		if p.Limit > 0 {
			end = min(end, p.Offset+p.Limit)
		}
		want := all.Hits[min(p.Offset, len(all.Hits)):end]
		if got.Total != all.Total || !reflect.DeepEqual(got.Hits, want) {
			t.Errorf("page %+v: total %d hits %+v\nwant total %d hits %+v", p, got.Total, got.Hits, all.Total, want)
		}
	}
}

// TestNeo4jSearchHitsEqualSearchPages: SearchHits (no total) returns
// exactly Search's hits for every page, both when the index's best
// end+slack hits settle the page and when more ties than the slack force
// the whole search (a group of 70 identical cables).
func TestNeo4jSearchHitsEqualSearchPages(t *testing.T) {
	ctx := context.Background()
	s := openEmpty(t)
	var cables []*graph.Cable
	add := func(n int, body string) {
		for range n {
			cables = append(cables, &graph.Cable{ID: fmt.Sprintf("09TIE%d", 1000+(len(cables)*37)%1000), Subject: "NOTES", Body: body, Classification: graph.Unclassified})
		}
	}
	add(19, "1. (U) Pipeline, pipeline: the pipeline and the gas pipeline route.")
	add(70, "1. (U) The pipeline talks continue.")
	add(19, "1. (U) A long paragraph about many other things, where the pipeline is mentioned once among the words of a far longer text.")
	if err := s.WriteCables(ctx, cables, hashesOf(cables)); err != nil {
		t.Fatal(err)
	}
	for _, p := range []graph.Page{{Limit: 1}, {Limit: 5}, {Offset: 3, Limit: 7}, {Offset: 18, Limit: 2}, {Offset: 19, Limit: 20}, {Offset: 80, Limit: 20}, {Offset: 100, Limit: 20}, {Offset: 200, Limit: 3}} {
		want, err := s.Search(ctx, "pipeline", p)
		if err != nil {
			t.Fatalf("%+v: %v", p, err)
		}
		got, err := s.SearchHits(ctx, "pipeline", p)
		if err != nil {
			t.Fatalf("%+v: %v", p, err)
		}
		if !reflect.DeepEqual(got, want.Hits) {
			t.Errorf("page %+v:\n got %+v\nwant %+v", p, got, want.Hits)
		}
		// With the summaries: the same hits, and summaries (when the
		// index's top hits settled the page) equal to CableSummaries'.
		hits, sums, err := s.SearchHitsSummaries(ctx, "pipeline", p)
		if err != nil {
			t.Fatalf("%+v: %v", p, err)
		}
		if !reflect.DeepEqual(hits, want.Hits) {
			t.Errorf("page %+v with summaries:\n got %+v\nwant %+v", p, hits, want.Hits)
		}
		if sums == nil {
			continue
		}
		ids := make([]string, len(hits))
		for i, h := range hits {
			ids[i] = h.CableID
		}
		wantSums, err := s.CableSummaries(ctx, ids)
		if err != nil {
			t.Fatalf("summaries %v: %v", ids, err)
		}
		if !reflect.DeepEqual(sums, wantSums) {
			t.Errorf("page %+v: summaries differ:\n got %+v\nwant %+v", p, sums, wantSums)
		}
	}
}
