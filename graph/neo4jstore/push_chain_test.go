package neo4jstore

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/query"
	"github.com/cablegraph/cablegraph/loader/extract"
)

// chainLink is one interaction of chainCorpus.
type chainLink struct {
	a, b, kind, date string
	n                int // how many interactions (paragraphs) of this kind
}

// chainCorpus is a graph made for the cases a connection's chain is
// decided by:
//
//	alpha-bravo: two links through mike (met, dated 2005, 25 times: more
//	  than a hop's evidence) or zulu (2009), and kilo (co-mentioned with
//	  bravo only): the smallest middle is mike, from 2008 it is zulu.
//	alpha-yankee: direct (told and met, different kinds), also through
//	  mike and zulu.
//	charlie-echo: three links by two chains of equal length
//	  (charlie-dx-dz-echo, charlie-dy-da-echo).
//	lima-november: seven links in a row (beyond the largest maxHops).
//	oscar-papa: a pair alone; alpha interacts with itself.
func chainCorpus() []*graph.Cable {
	links := []chainLink{
		{"alpha", "mike", graph.InteractionMet, "2005-03-01", 25},
		{"mike", "bravo", graph.InteractionTold, "2005-04-01", 1},
		{"alpha", "zulu", graph.InteractionDiscussed, "2009-01-01", 1},
		{"bravo", "zulu", graph.InteractionMet, "2009-02-01", 1},
		{"alpha", "kilo", graph.InteractionMet, "2009-03-01", 1},
		{"kilo", "bravo", graph.InteractionCoMentioned, "2009-03-01", 1},
		{"alpha", "yankee", graph.InteractionTold, "2007-01-01", 2},
		{"yankee", "alpha", graph.InteractionMet, "2007-02-01", 1},
		{"yankee", "mike", graph.InteractionMet, "2007-03-01", 1},
		{"yankee", "zulu", graph.InteractionMet, "2007-03-01", 1},
		{"charlie", "dx", graph.InteractionMet, "2008-01-01", 1},
		{"dx", "dz", graph.InteractionMet, "2008-01-01", 1},
		{"dz", "echo", graph.InteractionMet, "2008-01-01", 1},
		{"charlie", "dy", graph.InteractionMet, "2008-01-01", 1},
		{"dy", "da", graph.InteractionMet, "2008-01-01", 1},
		{"da", "echo", graph.InteractionMet, "2008-01-01", 1},
		{"oscar", "papa", graph.InteractionMet, "2006-01-01", 1},
		{"alpha", "alpha", graph.InteractionWrote, "2006-01-01", 1},
	}
	row := []string{"lima", "l1", "l2", "l3", "l4", "l5", "l6", "november"}
	for i := 0; i+1 < len(row); i++ {
		links = append(links, chainLink{row[i], row[i+1], graph.InteractionMet, "2010-01-01", 1})
	}
	var out []*graph.Cable
	for i, l := range links {
		d, err := time.Parse(time.DateOnly, l.date)
		if err != nil {
			panic(err)
		}
		id := fmt.Sprintf("0%dCHAIN%d", d.Year()%10, i+1)
		c := &graph.Cable{ID: id, Created: &d, Subject: "CHAIN " + id, Origin: "Embassy Nowhere",
			Classification: graph.Confidential, Body: l.a + " and " + l.b + ".",
			Paragraphs: []graph.Paragraph{{Number: 1, Text: l.a + " and " + l.b + "."}}}
		for _, k := range []string{l.a, l.b} {
			if len(c.Persons) == 0 || c.Persons[0].Key != k {
				c.Persons = append(c.Persons, graph.PersonMention{Key: k, Name: "Person " + k, Surname: k, Count: 1, Paragraphs: []int{1}})
			}
		}
		for p := 1; p <= l.n; p++ {
			c.Interactions = append(c.Interactions, graph.Interaction{A: l.a, B: l.b, Kind: l.kind, Cable: id, Paragraph: p,
				Evidence: fmt.Sprintf("%s %s %s (%d).", l.a, l.kind, l.b, p), Date: &d, Confidence: 1})
		}
		out = append(out, c)
	}
	return out
}

// TestNeo4jShortestChainMatchesSearch asks every connection of chainCorpus
// (every ordered pair, every maxHops, with and without a date window and
// shared cables) through ShortestChain and through the search over the
// plain Reader: the answers must be identical, and the pushdown must have
// answered the one- and two-link chains and the absent ones itself.
func TestNeo4jShortestChainMatchesSearch(t *testing.T) {
	ctx := context.Background()
	n := openEmpty(t)
	cables := chainCorpus()
	if err := n.WriteCables(ctx, cables, hashesOf(cables)); err != nil {
		t.Fatalf("write: %v", err)
	}
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatalf("extract.New: %v", err)
	}
	pushed, plain := query.New(n, ex), query.New(generic{n}, ex)
	// Keys, and names the fast path by key must leave to the usual
	// resolution: a full name, a key with spaces around it, a surname in
	// capitals, nobody.
	keys := []string{"alpha", "bravo", "charlie", "echo", "kilo", "lima", "l3", "mike", "november", "oscar", "yankee", "nobody",
		"Person zulu", " mike ", "BRAVO"}
	since := time.Date(2008, 1, 1, 0, 0, 0, 0, time.UTC)
	var qs []graph.ConnectionQuery
	for _, a := range keys {
		for _, b := range keys {
			for _, hops := range []int{1, 2, 3, 6} {
				qs = append(qs, graph.ConnectionQuery{A: a, B: b, MaxHops: hops}, graph.ConnectionQuery{A: a, B: b, MaxHops: hops, Since: &since})
			}
			qs = append(qs, graph.ConnectionQuery{A: a, B: b, MaxHops: 4, SharedCables: true})
		}
	}
	byLength := map[int]int{}
	for _, q := range qs {
		want, werr := plain.Connection(ctx, q)
		got, gerr := pushed.Connection(ctx, q)
		if (werr == nil) != (gerr == nil) {
			t.Errorf("%+v: errors differ: search %v, pushed %v", q, werr, gerr)
			continue
		}
		if !reflect.DeepEqual(want, got) {
			t.Errorf("%+v: pushed differs:\nsearch %+v\npushed %+v", q, want, got)
		}
		if gerr == nil {
			checkChainPersons(ctx, t, n, pushed, q, got)
		}
		if want != nil && !q.SharedCables {
			byLength[len(want.Persons)]++
		}
	}
	if ps, err := n.Persons(ctx, []string{"alpha"}); err != nil || len(ps) != 1 {
		t.Fatalf("alpha is gone (%v): another test emptied the shared database during this one", err)
	}
	// Every kind of answer was compared: no chain, the same person, one,
	// two, three and four links.
	for _, persons := range []int{0, 1, 2, 3, 4, 5} {
		if byLength[persons] == 0 {
			t.Errorf("no connection of %d persons among the cases: %v", persons, byLength)
		}
	}
}

// TestNeo4jShortestChainAnswers checks ShortestChain's own answers on
// chainCorpus: which chains it decides (one and two links, none), the
// tie-break by keys and the date window, and that it leaves three links to
// the search.
func TestNeo4jShortestChainAnswers(t *testing.T) {
	ctx := context.Background()
	n := openEmpty(t)
	cables := chainCorpus()
	if err := n.WriteCables(ctx, cables, hashesOf(cables)); err != nil {
		t.Fatalf("write: %v", err)
	}
	since := time.Date(2008, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		a, b    string
		hops    int
		visited int
		f       graph.InteractionFilter
		chain   []string
		proof   int
		exact   bool
	}{
		{"two links, smallest middle", "alpha", "bravo", 4, 200000, graph.InteractionFilter{}, []string{"alpha", "mike", "bravo"}, 26, true},
		{"two links, reverse", "bravo", "alpha", 4, 200000, graph.InteractionFilter{}, []string{"bravo", "mike", "alpha"}, 26, true},
		{"two links from 2008", "alpha", "bravo", 4, 200000, graph.InteractionFilter{Since: &since}, []string{"alpha", "zulu", "bravo"}, 2, true},
		{"co-mentions link too", "alpha", "bravo", 2, 200000, graph.InteractionFilter{IncludeCoMentions: true, Kinds: []string{graph.InteractionMet}}, []string{"alpha", "kilo", "bravo"}, 2, true},
		{"direct beats two links", "alpha", "yankee", 4, 200000, graph.InteractionFilter{}, []string{"alpha", "yankee"}, 3, true},
		{"two links, one hop allowed", "alpha", "bravo", 1, 200000, graph.InteractionFilter{}, []string{}, 0, true},
		{"no chain at all", "alpha", "oscar", 6, 200000, graph.InteractionFilter{}, []string{}, 0, true},
		{"too far", "lima", "november", 6, 200000, graph.InteractionFilter{}, []string{}, 0, true},
		{"three links: the search's", "charlie", "echo", 4, 200000, graph.InteractionFilter{}, nil, 0, false},
		{"no chain but the search could stop", "alpha", "oscar", 6, 10, graph.InteractionFilter{}, nil, 0, false},
		{"two links but the search could stop", "alpha", "bravo", 4, 10, graph.InteractionFilter{}, nil, 0, false},
		{"direct whatever the bound", "alpha", "yankee", 4, 1, graph.InteractionFilter{}, []string{"alpha", "yankee"}, 3, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ans, err := n.ShortestChain(ctx, tc.a, tc.b, tc.hops, tc.visited, tc.f)
			if err != nil {
				t.Fatalf("shortest chain: %v", err)
			}
			if !ans.Known {
				t.Fatalf("%s and %s not known as persons", tc.a, tc.b)
			}
			chain, proof, exact := ans.Chain, ans.Proof, ans.Exact
			if exact != tc.exact {
				t.Fatalf("exact %v, want %v (chain %v)", exact, tc.exact, chain)
			}
			if !exact {
				return
			}
			if !reflect.DeepEqual(chain, tc.chain) || len(proof) != tc.proof {
				t.Errorf("chain %v with %d proving interactions, want %v with %d", chain, len(proof), tc.chain, tc.proof)
			}
			for _, x := range proof {
				if x.Evidence == "" || x.Cable == "" || x.Date == nil {
					t.Errorf("proof %+v lacks its evidence, cable or date", x)
				}
			}
		})
	}
	if _, err := n.ShortestChain(ctx, "alpha", "bravo", 0, 200000, graph.InteractionFilter{}); err == nil {
		t.Errorf("maxHops 0: no error")
	}
	for _, pair := range [][2]string{{"alpha", "nobody"}, {"nobody", "alpha"}, {"Person alpha", "bravo"}, {"alpha", "alpha"}} {
		ans, err := n.ShortestChain(ctx, pair[0], pair[1], 4, 200000, graph.InteractionFilter{})
		if err != nil || ans.Known || ans.Exact || ans.Chain != nil || ans.Persons != nil {
			t.Errorf("%q to %q: %+v, %v; want nothing known", pair[0], pair[1], ans, err)
		}
	}
}

// checkChainPersons holds ConnectionPersons to its word: the same
// connection as Connection, and person records that are exactly what
// Persons reads for their keys, covering the chain whenever the store
// answered it (a chain of one or two links).
func checkChainPersons(ctx context.Context, t *testing.T, n *Store, svc *query.Service, q graph.ConnectionQuery, want *graph.Connection) {
	t.Helper()
	got, persons, err := svc.ConnectionPersons(ctx, q)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("%+v: ConnectionPersons %+v, %v; Connection %+v", q, got, err, want)
		return
	}
	keys := make([]string, 0, len(persons))
	for _, p := range persons {
		keys = append(keys, p.Key)
	}
	read, err := n.Persons(ctx, keys)
	if err != nil {
		t.Fatalf("persons %v: %v", keys, err)
	}
	if len(read)+len(persons) > 0 && !reflect.DeepEqual(read, persons) {
		t.Errorf("%+v: the persons handed over differ from Persons:\nhanded %v\nread   %v", q, persons, read)
	}
	if q.SharedCables || len(want.Persons) < 2 || len(want.Persons) > 3 {
		return
	}
	have := map[string]bool{}
	for _, k := range keys {
		have[k] = true
	}
	for _, k := range want.Persons {
		if !have[k] {
			t.Errorf("%+v: chain %v, but no record handed over for %s", q, want.Persons, k)
		}
	}
}
