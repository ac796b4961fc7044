package query_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/graph/query"
	"github.com/cablegraph/cablegraph/graph/storetest"
)

// readerOnly hides every method of a store but graph.Reader's, so that a
// Service over it takes the paths every store has.
type readerOnly struct{ graph.Reader }

// TestConnectionLinkSourceSameAnswers checks that a connection search on a
// LinkSource (the memstore: partners without copies, the chain's proof
// asked at the end) answers exactly what the search over Interactions
// answers, for every pair among the best-connected persons of the
// fixtures, with and without shared cables and a date window.
func TestConnectionLinkSourceSameAnswers(t *testing.T) {
	ctx := context.Background()
	cables := append(fixture(), storetest.Fixtures(t)...)
	seen := map[string]bool{}
	var distinct []*graph.Cable
	for _, c := range cables {
		if !seen[c.ID] {
			seen[c.ID] = true
			distinct = append(distinct, c)
		}
	}
	st := memstore.New()
	if err := st.WriteCables(ctx, distinct, make([]string, len(distinct))); err != nil {
		t.Fatal(err)
	}
	if _, ok := query.ReaderAs[query.LinkSource](st); !ok {
		t.Fatal("memstore is not a query.LinkSource")
	}
	if _, ok := query.ReaderAs[query.LinkSource](readerOnly{st}); ok {
		t.Fatal("readerOnly still shows a LinkSource")
	}
	fast, slow := query.New(st, nil), query.New(readerOnly{st}, nil)
	persons, _, err := st.ListPersons(ctx, "", graph.Page{Limit: 25})
	if err != nil {
		t.Fatal(err)
	}
	if len(persons) < 10 {
		t.Fatalf("only %d persons in the fixtures", len(persons))
	}
	found := 0
	for i, a := range persons {
		for _, b := range persons[i+1:] {
			for _, q := range []graph.ConnectionQuery{
				{A: a.Key, B: b.Key},
				{A: b.Key, B: a.Key, MaxHops: 6},
				{A: a.Key, B: b.Key, SharedCables: true},
				{A: a.Key, B: b.Key, Since: day("2008-01-01"), Until: day("2009-12-31")},
			} {
				name := fmt.Sprintf("%+v", q)
				want, err := slow.Connection(ctx, q)
				if err != nil {
					t.Fatalf("%s: over Interactions: %v", name, err)
				}
				got, err := fast.Connection(ctx, q)
				if err != nil {
					t.Fatalf("%s: on the LinkSource: %v", name, err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s:\n got %+v\nwant %+v", name, got, want)
				}
				if len(want.Persons) > 2 {
					found++
				}
			}
		}
	}
	if found == 0 {
		t.Fatal("no chain of more than one hop among the pairs: the comparison proves little")
	}
	t.Logf("%d chains of two hops or more compared", found)
}
