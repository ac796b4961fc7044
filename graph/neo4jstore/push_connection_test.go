package neo4jstore

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/query"
	"github.com/cablegraph/cablegraph/graph/storetest"
	"github.com/cablegraph/cablegraph/loader/extract"
)

// TestNeo4jConnectionBatchesMatchSingleReads checks the batched reads a
// connection uses on Neo4j against the one-at-a-time reads they replace:
// FindPersonsEach against FindPersons per name, PairsInteractions against
// PairInteractions per pair, and a connection asked by names (not keys)
// through the pushdowns against the plain Reader.
func TestNeo4jConnectionBatchesMatchSingleReads(t *testing.T) {
	ctx := context.Background()
	n := openEmpty(t)
	cables := storetest.Fixtures(t)
	if err := n.WriteCables(ctx, cables, hashesOf(cables)); err != nil {
		t.Fatalf("write: %v", err)
	}
	persons, _, err := n.ListPersons(ctx, "", graph.Page{})
	if err != nil {
		t.Fatalf("list persons: %v", err)
	}
	if len(persons) < 3 {
		t.Fatalf("fixtures hold %d persons: too few to compare", len(persons))
	}

	// Names: every key, name, surname and alias, case-folded variants,
	// a name nobody has, an empty one and one with Lucene syntax.
	names := []string{"Nobody Atall", "", "  ", `sobel" OR *`, "a"}
	for _, p := range persons[:min(len(persons), 40)] {
		names = append(names, p.Key, p.Name, p.Surname, strings.ToUpper(p.Name))
		names = append(names, p.Aliases...)
	}
	for _, limit := range []int{0, 1, 10} {
		got, err := n.FindPersonsEach(ctx, names, limit)
		if err != nil {
			t.Fatalf("find persons each (limit %d): %v", limit, err)
		}
		if len(got) != len(names) {
			t.Fatalf("find persons each: %d answers for %d names", len(got), len(names))
		}
		hits := 0
		for i, name := range names {
			want, err := n.FindPersons(ctx, name, limit)
			if err != nil {
				t.Fatalf("find persons %q: %v", name, err)
			}
			if len(want) == 0 && len(got[i]) == 0 {
				continue
			}
			hits++
			if !reflect.DeepEqual(want, got[i]) {
				t.Errorf("name %q limit %d: FindPersonsEach %v, FindPersons %v", name, limit, keysOf(got[i]), keysOf(want))
			}
		}
		if hits < min(len(persons), 40) {
			t.Errorf("limit %d: only %d names found anybody among %d persons", limit, hits, min(len(persons), 40))
		}
	}

	// Pairs: every two persons who interact, plus pairs that do not.
	all, err := n.Interactions(ctx, graph.InteractionFilter{IncludeCoMentions: true})
	if err != nil {
		t.Fatalf("interactions: %v", err)
	}
	seen := map[[2]string]bool{}
	var pairs [][2]string
	for _, x := range all {
		k := [2]string{x.A, x.B}
		if !seen[k] {
			seen[k] = true
			pairs = append(pairs, k)
		}
	}
	pairs = append(pairs, [2]string{persons[0].Key, warmKey}, [2]string{"nobody", "nobody-else"})
	for _, f := range []graph.InteractionFilter{{}, {IncludeCoMentions: true, Kinds: []string{graph.InteractionCoMentioned, graph.InteractionMet}}} {
		var want []graph.Interaction
		dup := map[string]bool{}
		for _, p := range pairs {
			ins, err := n.PairInteractions(ctx, p[0], p[1], f)
			if err != nil {
				t.Fatalf("pair %v: %v", p, err)
			}
			for _, x := range ins {
				if id := interactionID(x); !dup[id] {
					dup[id] = true
					want = append(want, x)
				}
			}
		}
		batch, err := n.PairsInteractions(ctx, pairs, f)
		if err != nil {
			t.Fatalf("pairs interactions: %v", err)
		}
		var got []graph.Interaction
		clear(dup)
		for _, x := range batch {
			if id := interactionID(x); !dup[id] {
				dup[id] = true
				got = append(got, x)
			}
		}
		sortByText(want)
		sortByText(got)
		if !reflect.DeepEqual(want, got) {
			t.Errorf("filter %+v: PairsInteractions gave %d interactions, PairInteractions per pair %d", f, len(got), len(want))
		}
		if !f.IncludeCoMentions && len(want) == 0 {
			t.Errorf("no interactions between %d pairs: the comparison proves little", len(pairs))
		}
	}

	// Connections asked by name, through the pushdowns and without.
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatalf("extract.New: %v", err)
	}
	pushed, plain := query.New(n, ex), query.New(generic{n}, ex)
	// Persons who interact, by name and key, and two who are nobody.
	byKey := map[string]*graph.Person{}
	for _, p := range persons {
		byKey[p.Key] = p
	}
	asks := []string{"Nobody Atall", ""}
	picked := map[string]bool{}
	for _, pr := range pairs {
		for _, k := range pr {
			if p := byKey[k]; p != nil && !picked[k] && len(picked) < 6 {
				picked[k] = true
				asks = append(asks, p.Name, p.Key)
			}
		}
	}
	found := 0
	for _, a := range asks {
		for _, b := range asks {
			q := graph.ConnectionQuery{A: a, B: b, MaxHops: 4}
			want, werr := plain.Connection(ctx, q)
			got, gerr := pushed.Connection(ctx, q)
			if (werr == nil) != (gerr == nil) {
				t.Errorf("connection %q to %q: errors differ: plain %v, pushed %v", a, b, werr, gerr)
				continue
			}
			if !reflect.DeepEqual(want, got) {
				t.Errorf("connection %q to %q: pushed differs:\nplain  %+v\npushed %+v", a, b, want, got)
			}
			if want != nil && len(want.Hops) > 0 {
				found++
			}
		}
	}
	if found == 0 {
		t.Errorf("no connection found among %d names: the comparison proves little", len(asks))
	}
}

func keysOf(ps []*graph.Person) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Key
	}
	return out
}

// interactionID is what tells two interactions apart (query's identity).
func interactionID(x graph.Interaction) string {
	return fmt.Sprintf("%s\x00%d\x00%s\x00%s\x00%s\x00%s\x00%s", x.Cable, x.Paragraph, x.A, x.B, x.Kind, x.Status, x.Evidence)
}

func sortByText(ins []graph.Interaction) {
	sort.Slice(ins, func(i, j int) bool { return interactionID(ins[i]) < interactionID(ins[j]) })
}
