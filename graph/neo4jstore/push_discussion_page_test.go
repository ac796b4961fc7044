package neo4jstore

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/query"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
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

// TestNeo4jDiscussionPageTwoStepsMatchOneStatement holds the paged read
// that ranks the pairs in Go and reads the page by element id to the one
// statement that ranks them in Cypher: the same rows, in the same order,
// for many questions and page sizes, over real cables. It also checks
// that some question's page left rows out, so the ranking was tested.
func TestNeo4jDiscussionPageTwoStepsMatchOneStatement(t *testing.T) {
	ctx := context.Background()
	n := openEmpty(t)
	cables := append(pushCorpus(t), zanzibarCables()...)
	for start := 0; start < len(cables); start += 200 {
		batch := cables[start:min(start+200, len(cables))]
		if err := n.WriteCables(ctx, batch, hashesOf(batch)); err != nil {
			t.Fatalf("write: %v", err)
		}
	}
	since := time.Date(2008, 1, 1, 0, 0, 0, 0, time.UTC)
	bases := []graph.InteractionFilter{{}, {IncludeCoMentions: true}, {Since: &since, IncludeCoMentions: true}}
	weights := map[string]float64{graph.InteractionMet: 1, graph.InteractionWrote: 0.7, graph.InteractionCoMentioned: 0.3}
	pruned := 0
	for _, base := range bases {
		for _, topics := range [][]string{{"kosovo"}, {"Kosovo", "KV"}, {"ir"}, {"energy"}, {"zanzibar"}, {"nothing"}} {
			for _, words := range [][]string{nil, {"kosovo"}, {"zanzibar", "2009"}} {
				for _, first := range []int{1, 2, 5, 20} {
					read := func(one bool) ([]graph.Interaction, [][]graph.Interaction) {
						page := &discussionPage{first: first, weights: weights, other: 0.5, oneStatement: one}
						top, byWord, ok, err := n.discussionReads(ctx, base, topics, words, page)
						if err != nil || !ok {
							t.Fatalf("%+v %q %q first %d (one statement %v): ok %v, %v", base, topics, words, first, one, ok, err)
						}
						return top, byWord
					}
					wantTop, wantWords := read(true)
					gotTop, gotWords := read(false)
					if !reflect.DeepEqual(wantTop, gotTop) || !reflect.DeepEqual(wantWords, gotWords) {
						t.Errorf("%+v %q %q first %d: two steps differ from one statement:\none %d %v\ntwo %d %v",
							base, topics, words, first, len(wantTop), brief2(wantTop), len(gotTop), brief2(gotTop))
					}
					all, _, _, err := n.DiscussionInteractions(ctx, base, topics, words)
					if err != nil {
						t.Fatalf("all: %v", err)
					}
					if len(gotTop) < len(all) {
						pruned++
					}
				}
			}
		}
	}
	if pruned == 0 {
		t.Error("no page left a row out: the ranking was not tested")
	}
}

func brief2(ins []graph.Interaction) []string {
	var out []string
	for _, in := range ins[:min(len(ins), 8)] {
		out = append(out, in.A+"-"+in.B+"@"+in.Cable)
	}
	return out
}

// TestNeo4jDiscussionPageMoved: a picked row whose relationship is gone,
// or now links another pair, makes the second statement report
// errPageMoved (the caller then reads the page in one statement) rather
// than answer a page without it.
func TestNeo4jDiscussionPageMoved(t *testing.T) {
	ctx := context.Background()
	n := openEmpty(t)
	cables := zanzibarCables()
	if err := n.WriteCables(ctx, cables, hashesOf(cables)); err != nil {
		t.Fatalf("write: %v", err)
	}
	recs, err := n.readOne(ctx, "an interaction", `MATCH ()-[r:INTERACTED]->() WITH r, `+discussionKs+` AS ks
RETURN elementId(r), ks[0], ks[1], r.kind, r.confidence LIMIT 1`, nil)
	if err != nil || len(recs) != 1 {
		t.Fatalf("read an interaction: %d records, %v", len(recs), err)
	}
	v := recs[0].Values
	page := &discussionPage{first: 1, weights: map[string]float64{}, other: 1}
	candidates := func(row ...any) []*neo4j.Record {
		return []*neo4j.Record{{Keys: []string{"rows"}, Values: []any{[]any{row}}}}
	}
	got, err := n.discussionPageRows(ctx, candidates(v[0], v[1], v[2], v[3], v[4], int64(0), int64(0)), page)
	if err != nil {
		t.Fatalf("the row as it is: %v", err)
	}
	if rows, _ := got[0].Values[0].([]any); len(rows) != 1 {
		t.Fatalf("the row as it is: %d rows read, want 1", len(rows))
	}
	for name, row := range map[string][]any{
		"gone":       {goneElementID(t, v[0].(string)), v[1], v[2], v[3], v[4], int64(0), int64(0)},
		"other pair": {v[0], v[1], "someone else", v[3], v[4], int64(0), int64(0)},
	} {
		if _, err := n.discussionPageRows(ctx, candidates(row...), page); !errors.Is(err, errPageMoved) {
			t.Errorf("%s: %v, want errPageMoved", name, err)
		}
	}
}

// goneElementID is the element id of a relationship of the same database
// as id that cannot exist: its number far past any this test writes.
// (Appending a digit to id, as this test once did, named an existing
// relationship whenever the database had ten times as many.)
func goneElementID(t *testing.T, id string) string {
	t.Helper()
	i := strings.LastIndexByte(id, ':')
	if i < 0 {
		t.Fatalf("element id %q has no number to replace", id)
	}
	return id[:i+1] + "1152921504606846975"
}

// TestPickDiscussionPage checks the ranking's weights and bounds as
// discussionReturn's paged tail computes them: the kind's weight or the
// other weight (no kind, an unknown one), the confidence when a float in
// (0, 1], a tie at the threshold kept, fewer pairs than the page kept.
func TestPickDiscussionPage(t *testing.T) {
	row := func(id, a, b string, kind, conf any, part int64) []any {
		return []any{id, a, b, kind, conf, part, int64(0)}
	}
	ids := func(picks []any) []string {
		var out []string
		for _, p := range picks {
			out = append(out, p.([]any)[0].(string))
		}
		return out
	}
	weights := map[string]float64{"met": 1, "co": 0.25}
	for _, tc := range []struct {
		name  string
		first int
		rows  []any
		want  []string
	}{
		{"fewer pairs than the page", 5, []any{row("1", "a", "b", "co", nil, 1), row("2", "c", "d", "co", nil, 1)}, []string{"1", "2"}},
		{"topical beats text-only", 1, []any{row("1", "a", "b", "co", nil, 0), row("2", "c", "d", "met", nil, 1)}, []string{"1", "2"}},
		{"upper bound below", 1, []any{row("1", "a", "b", "met", nil, 0), row("2", "c", "d", "co", nil, 1)}, []string{"1"}},
		{"pair unordered", 1, []any{row("1", "a", "b", "co", nil, 0), row("2", "b", "a", "co", nil, 0), row("3", "c", "d", "met", nil, 0)}, []string{"3"}},
		{"pair unordered sums", 1, []any{row("1", "a", "b", "met", nil, 0), row("2", "b", "a", "met", 0.5, 0), row("3", "c", "d", "met", nil, 0)}, []string{"1", "2"}},
		{"no kind weighs other", 1, []any{row("1", "a", "b", nil, nil, 0), row("2", "c", "d", "met", nil, 0)}, []string{"2"}},
		{"unknown kind weighs other", 1, []any{row("1", "a", "b", "told", nil, 0), row("2", "c", "d", "co", nil, 0)}, []string{"1"}},
		{"confidence scales", 1, []any{row("1", "a", "b", "met", 0.2, 0), row("2", "c", "d", "co", nil, 0)}, []string{"2"}},
		{"confidence above 1 ignored", 1, []any{row("1", "a", "b", "met", 1.5, 0), row("2", "c", "d", "met", 0.9, 0)}, []string{"1"}},
		{"integer confidence ignored", 1, []any{row("1", "a", "b", "met", int64(0), 0), row("2", "c", "d", "met", 0.9, 0)}, []string{"1"}},
		{"tie kept", 1, []any{row("1", "a", "b", "met", nil, 0), row("2", "c", "d", "met", nil, 0), row("3", "e", "f", "co", nil, 0)}, []string{"1", "2"}},
	} {
		picks, err := pickDiscussionPage(tc.rows, &discussionPage{first: tc.first, weights: weights, other: 0.5})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := ids(picks); !slices.Equal(got, tc.want) {
			t.Errorf("%s: picked %v, want %v", tc.name, got, tc.want)
		}
	}
	if _, err := pickDiscussionPage([]any{[]any{"1", "a"}}, &discussionPage{first: 1}); err == nil {
		t.Error("a short row: no error")
	}
}
