package neo4jstore

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/graph/storetest"
)

// TestNeo4jMatchesMemstore loads the hand-built fixtures into Neo4j and the
// memstore, then a changed version of one cable, and compares reads.
func TestNeo4jMatchesMemstore(t *testing.T) {
	ctx := context.Background()
	n := openEmpty(t)
	m := memstore.New()
	cables := storetest.HandBuilt()
	for _, s := range []graph.Store{n, m} {
		if err := s.WriteCables(ctx, cables, hashesOf(cables)); err != nil {
			t.Fatalf("write: %v", err)
		}
	}
	compareStores(t, ctx, n, m, cables)
	changed := []*graph.Cable{storetest.Changed()}
	for _, s := range []graph.Store{n, m} {
		if err := s.WriteCables(ctx, changed, hashesOf(changed)); err != nil {
			t.Fatalf("write changed: %v", err)
		}
	}
	compareStores(t, ctx, n, m, cables)
}

func compareStores(t *testing.T, ctx context.Context, a, b graph.Store, cables []*graph.Cable) {
	t.Helper()
	check := func(name string, f func(s graph.Store) (any, error)) {
		t.Helper()
		ga, ea := f(a)
		if errors.Is(ea, ErrUnreachable) {
			t.Fatalf("%s: %v", name, ea) // no point asking the rest
		}
		gb, eb := f(b)
		if (ea == nil) != (eb == nil) {
			t.Errorf("%s: errors differ: neo4j %v, memstore %v", name, ea, eb)
			return
		}
		if !reflect.DeepEqual(ga, gb) {
			t.Errorf("%s differs:\nneo4j    %#v\nmemstore %#v", name, ga, gb)
		}
	}
	var ids []string
	var persons, tags, countries, orgs []string
	for _, c := range cables {
		ids = append(ids, c.ID)
		for _, p := range c.Persons {
			persons = append(persons, p.Key)
		}
		tags = append(tags, c.Tags...)
		for _, k := range c.Countries {
			countries = append(countries, k.Code, k.Name)
		}
		for _, o := range c.Organizations {
			orgs = append(orgs, o.Key)
		}
		for _, r := range c.References {
			ids = append(ids, r.ID)
		}
	}
	check("Stats", func(s graph.Store) (any, error) { st, err := s.Stats(ctx); return st, err })
	check("Cables", func(s graph.Store) (any, error) { return s.Cables(ctx, ids) })
	for _, o := range []graph.CableOrder{"", graph.OrderCreatedAsc, graph.OrderIDAsc} {
		check("ListCables "+string(o), func(s graph.Store) (any, error) {
			return s.ListCables(ctx, graph.CableFilter{}, o, graph.Page{Limit: 3, Offset: 1})
		})
	}
	check("CableDates", func(s graph.Store) (any, error) { return s.CableDates(ctx, graph.CableFilter{}) })
	check("CitedBy", func(s graph.Store) (any, error) { return s.CitedBy(ctx, ids) })
	check("Persons", func(s graph.Store) (any, error) { return s.Persons(ctx, persons) })
	check("PersonsOfCables", func(s graph.Store) (any, error) { return s.PersonsOfCables(ctx, ids) })
	check("ListPersons", func(s graph.Store) (any, error) {
		p, n, err := s.ListPersons(ctx, "", graph.Page{})
		return []any{p, n}, err
	})
	check("Interactions all", func(s graph.Store) (any, error) {
		return s.Interactions(ctx, graph.InteractionFilter{IncludeCoMentions: true})
	})
	check("Organizations", func(s graph.Store) (any, error) { return s.Organizations(ctx, orgs) })
	check("TagsByMeaning", func(s graph.Store) (any, error) { return s.TagsByMeaning(ctx, "") })
	for _, p := range persons {
		check("FindPersons "+p, func(s graph.Store) (any, error) { return s.FindPersons(ctx, p, 0) })
		check("Interactions "+p, func(s graph.Store) (any, error) {
			return s.Interactions(ctx, graph.InteractionFilter{Persons: []string{p}})
		})
		check("ListCables person "+p, func(s graph.Store) (any, error) {
			return s.ListCables(ctx, graph.CableFilter{Person: p}, "", graph.Page{})
		})
	}
	for _, tg := range tags {
		check("Tag "+tg, func(s graph.Store) (any, error) { return s.Tag(ctx, tg) })
		check("ListCables tag "+tg, func(s graph.Store) (any, error) {
			return s.ListCables(ctx, graph.CableFilter{Tags: []string{tg}}, "", graph.Page{})
		})
		check("Interactions topic "+tg, func(s graph.Store) (any, error) {
			return s.Interactions(ctx, graph.InteractionFilter{Topics: []string{tg}, IncludeCoMentions: true})
		})
	}
	for _, c := range countries {
		check("Country "+c, func(s graph.Store) (any, error) { return s.Country(ctx, c) })
		check("ListCables country "+c, func(s graph.Store) (any, error) {
			return s.ListCables(ctx, graph.CableFilter{Country: c}, "", graph.Page{})
		})
	}
	var nodes []graph.NodeRef
	for _, id := range ids {
		nodes = append(nodes, graph.NodeRef{Kind: graph.KindCable, ID: id})
	}
	for _, p := range persons {
		nodes = append(nodes, graph.NodeRef{Kind: graph.KindPerson, ID: p})
	}
	check("Edges", func(s graph.Store) (any, error) {
		e, n, err := s.Edges(ctx, nodes, 0)
		return []any{e, n}, err
	})
	for _, q := range []string{"kosovo", "Kosovo status", `"foreign minister"`} {
		check("Search "+q, func(s graph.Store) (any, error) {
			p, err := s.Search(ctx, q, graph.Page{})
			set := map[string]bool{}
			for _, h := range p.Hits {
				set[h.CableID] = true
			}
			return []any{set, p.Total}, err
		})
	}
}
