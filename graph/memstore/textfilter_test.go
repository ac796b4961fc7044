package memstore_test

import (
	"context"
	"slices"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
)

// TestTextFilterSeesNewTerms: the substring lookups are cached per word;
// a write adding a term containing a cached word must show in the next
// answer, and a replaced cable must leave it.
func TestTextFilterSeesNewTerms(t *testing.T) {
	ctx := context.Background()
	s := memstore.New()
	mk := func(id, body string) *graph.Cable {
		return &graph.Cable{ID: id, Subject: "NOTES", Body: body, Classification: graph.Unclassified}
	}
	write := func(cs ...*graph.Cable) {
		t.Helper()
		hs := make([]string, len(cs))
		for i, c := range cs {
			hs[i] = c.ID + c.Body
		}
		if err := s.WriteCables(ctx, cs, hs); err != nil {
			t.Fatal(err)
		}
	}
	list := func(text string) []string {
		t.Helper()
		p, err := s.ListCables(ctx, graph.CableFilter{Text: text}, graph.OrderIDAsc, graph.Page{})
		if err != nil {
			t.Fatal(err)
		}
		return p.IDs
	}
	// Enough other cables that the index beats a scan.
	for i := range 8 {
		write(mk("09FILL"+string(rune('A'+i)), "unrelated words here"))
	}
	write(mk("09A1", "The Kosovo talks."))
	if got := list("osovo"); !slices.Equal(got, []string{"09A1"}) {
		t.Fatalf("osovo = %v, want [09A1]", got)
	}
	write(mk("09A2", "Kosovo's assembly and KOSOVAR parties."))
	if got := list("osovo"); !slices.Equal(got, []string{"09A1", "09A2"}) {
		t.Errorf("after a new term, osovo = %v, want [09A1 09A2]", got)
	}
	if got := list("kosovo talks"); !slices.Equal(got, []string{"09A1"}) {
		t.Errorf("two words = %v, want [09A1]", got)
	}
	write(mk("09A1", "Nothing about it now."))
	if got := list("osovo"); !slices.Equal(got, []string{"09A2"}) {
		t.Errorf("after replacing 09A1, osovo = %v, want [09A2]", got)
	}
}
