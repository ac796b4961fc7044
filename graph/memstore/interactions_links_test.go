package memstore_test

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
)

// TestInteractionPartnersAfterWrites checks a hub person's partners (kept
// between writes when no date window is asked) against the partners
// derived from Interactions, before and after a write that adds one, with
// and without a date window and co-mentions, and that a caller changing
// the answer does not change the store's.
func TestInteractionPartnersAfterWrites(t *testing.T) {
	ctx := context.Background()
	s := memstore.New()
	write := func(cs []*graph.Cable) {
		t.Helper()
		if err := s.WriteCables(ctx, cs, make([]string, len(cs))); err != nil {
			t.Fatal(err)
		}
	}
	const hub = "hub|XX"
	check := func(stage string, wantN int) {
		t.Helper()
		for _, f := range []graph.InteractionFilter{
			{}, {IncludeCoMentions: true},
			{Since: day("2009-01-05"), Until: day("2009-01-20")},
			{Kinds: []string{graph.InteractionMet}},
		} {
			for range 2 { // the second answer may come from the kept one
				got, err := s.InteractionPartners(ctx, []string{hub, hub}, f)
				if err != nil {
					t.Fatal(err)
				}
				f.Persons = []string{hub}
				ins, err := s.Interactions(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				seen := map[string]bool{}
				var want []string
				for _, x := range ins {
					o := x.A
					if o == hub {
						o = x.B
					}
					if !seen[o] {
						seen[o] = true
						want = append(want, o)
					}
				}
				sortStrings(want)
				if !reflect.DeepEqual(got[hub], want) {
					t.Fatalf("%s, %+v: partners %v, want %v", stage, f, got[hub], want)
				}
				if f.Since == nil && f.Kinds == nil && len(want) != wantN {
					t.Fatalf("%s: %d partners, want %d", stage, len(want), wantN)
				}
				if len(got[hub]) > 0 {
					got[hub][0] = "changed by the caller"
				}
			}
		}
	}
	write(hubCables(100, 0))
	check("first write", 7)
	extra := hubCables(1, 100)
	extra[0].Persons = append(extra[0].Persons, graph.PersonMention{Key: "new|XX", Name: "New Person", Surname: "Person", Count: 1})
	extra[0].Interactions = append(extra[0].Interactions, graph.Interaction{A: "new|XX", B: hub, Kind: graph.InteractionMet, Cable: extra[0].ID, Paragraph: 1, Evidence: "Met.", Date: extra[0].Created})
	write(extra)
	check("after a write adding a partner", 8)
}

func day(s string) *time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return &t
}

func sortStrings(xs []string) { slices.Sort(xs) }
