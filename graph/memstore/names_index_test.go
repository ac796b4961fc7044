package memstore

import (
	"context"
	"fmt"
	"maps"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
)

// TestNameIndexesAfterRewrites rewrites cables so that persons gain and
// lose aliases, change their longest name and surname, and disappear, and
// checks after each write that the name indexes, updated in place, hold
// exactly the forms and surname keys of the persons' aggregates.
func TestNameIndexesAfterRewrites(t *testing.T) {
	ctx := context.Background()
	mk := func(id string, ms ...graph.PersonMention) *graph.Cable {
		return &graph.Cable{ID: id, Body: "x", Persons: ms}
	}
	lavrov := func(aliases ...string) graph.PersonMention {
		return graph.PersonMention{Key: "lavrov|RS", Name: "Sergey Lavrov", Surname: "Lavrov", Aliases: aliases, Count: 1}
	}
	steps := [][]*graph.Cable{
		{mk("A1", lavrov("FM Lavrov", "LAVROV")), mk("A2", lavrov("S. Lavrov"), graph.PersonMention{Key: "jeremic|SR", Name: "Jeremic", Surname: "Jeremic", Count: 1})},
		{mk("A1", lavrov("Minister Lavrov"))}, // loses two aliases from A1, keeps A2's
		{mk("A2", graph.PersonMention{Key: "jeremic|SR", Name: "Vuk Jeremic", Surname: "Jeremic", Aliases: []string{"FM Jeremic"}, Count: 1})},
		{mk("A3", graph.PersonMention{Key: "lavrov|RS", Name: "Sergei Viktorovich Lavrov", Surname: "Lavrov-Kalantar", Count: 1})},
		{mk("A1"), mk("A4", graph.PersonMention{Key: "smith|US", Name: "Smith", Surname: "Smith", Count: 1})}, // lavrov now only in A3
		{mk("A4", graph.PersonMention{Key: "smith|US", Name: "John Smith", Surname: "Smith", Count: 1})},      // a longer name, no alias
	}
	s := New()
	for i, step := range steps {
		if err := s.WriteCables(ctx, step, make([]string, len(step))); err != nil {
			t.Fatal(err)
		}
		// What the indexes must hold, from the persons' aggregates alone.
		wantNames, wantSurnames := map[string]map[string]struct{}{}, map[string]map[string]struct{}{}
		for k, p := range s.persons {
			for _, f := range personForms(p.agg) {
				addKey(wantNames, f, k)
			}
			if p.agg.Surname != "" {
				addKey(wantSurnames, graph.NameKey(p.agg.Surname), k)
			}
		}
		if len(wantNames) == 0 || len(wantSurnames) == 0 {
			t.Fatalf("step %d: no person indexed at all", i+1)
		}
		for name, pair := range map[string][2]map[string]map[string]struct{}{"names": {s.names, wantNames}, "surnames": {s.surnames, wantSurnames}} {
			if !maps.EqualFunc(pair[0], pair[1], func(a, b map[string]struct{}) bool { return maps.Equal(a, b) }) {
				t.Fatalf("step %d: %s index %v, want %v", i+1, name, fmt.Sprint(pair[0]), fmt.Sprint(pair[1]))
			}
		}
	}
}
