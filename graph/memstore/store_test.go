package memstore_test

import (
	"context"
	"slices"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/graph/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) graph.Store { return memstore.New() })
}

func TestDifferentialTwoMemstores(t *testing.T) {
	storetest.Differential(t, memstore.New(), memstore.New(), storetest.Fixtures(t))
}

// TestPersonListsAreTheCallers: a person's lists are the store's own, not
// copied per answer, so they must come clipped: callers appending to them
// must neither meet in the store's spare capacity nor change the store.
func TestPersonListsAreTheCallers(t *testing.T) {
	ctx := context.Background()
	s := memstore.New()
	// Duplicates across the two cables leave the store's distinct lists
	// room to grow, which an unclipped list would hand to the caller.
	var cs []*graph.Cable
	for _, id := range []string{"08AAA1", "08AAA2"} {
		cs = append(cs, &graph.Cable{ID: id, Body: "x", Persons: []graph.PersonMention{
			{Key: "lavrov|RS", Name: "Sergey Lavrov", Surname: "Lavrov", Aliases: []string{"FM Lavrov", "LAVROV", "S. Lavrov"}, Roles: []string{"FM", "FM"}, Country: "RS", How: []string{"title+name"}, Count: 1},
		}})
	}
	if err := s.WriteCables(ctx, cs, []string{"h1", "h2"}); err != nil {
		t.Fatal(err)
	}
	read := func() *graph.Person {
		t.Helper()
		ps, err := s.Persons(ctx, []string{"lavrov|RS"})
		if err != nil || len(ps) != 1 {
			t.Fatalf("persons: %v, %d", err, len(ps))
		}
		return ps[0]
	}
	// Two callers append to the same person's lists, as returned: each must
	// keep its own element (the second append must not land in the first
	// one's spare capacity), and the store must answer as before.
	first, second := read(), read()
	want := slices.Clone(first.Aliases)
	for _, l := range []struct {
		name string
		a, b []string
	}{{"aliases", first.Aliases, second.Aliases}, {"roles", first.Roles, second.Roles}, {"countries", first.Countries, second.Countries}} {
		mine := append(l.a, "FIRST")
		_ = append(l.b, "SECOND")
		if mine[len(mine)-1] != "FIRST" {
			t.Errorf("%s: another caller's append overwrote this caller's: %q", l.name, mine)
		}
	}
	if got := read(); !slices.Equal(got.Aliases, want) || !slices.Equal(got.Roles, []string{"FM"}) || !slices.Equal(got.Countries, []string{"RS"}) {
		t.Fatalf("the callers' appends changed the store: aliases %q roles %q countries %q", got.Aliases, got.Roles, got.Countries)
	}
}
