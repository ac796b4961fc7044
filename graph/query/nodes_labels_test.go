package query_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/graph/query"
	"github.com/cablegraph/cablegraph/graph/storetest"
)

// TestNeighborhoodCableLabelsSameAnswers checks that neighbourhoods
// described from a CableLabelSource (the memstore, no document copies)
// equal those described from Cables, around every cable, tag and country
// of the fixtures, at depths 1 to 3.
func TestNeighborhoodCableLabelsSameAnswers(t *testing.T) {
	ctx := context.Background()
	cables := storetest.Fixtures(t)
	st := memstore.New()
	if err := st.WriteCables(ctx, cables, make([]string, len(cables))); err != nil {
		t.Fatal(err)
	}
	if _, ok := query.ReaderAs[query.CableLabelSource](st); !ok {
		t.Fatal("memstore is not a query.CableLabelSource")
	}
	fast, slow := query.New(st, nil), query.New(readerOnly{st}, nil)
	ids := map[string]bool{}
	for _, c := range cables {
		ids[c.ID] = true
		for _, tag := range c.Tags {
			ids["Tag:"+tag] = true
		}
		for _, m := range c.Countries {
			ids["Country:"+m.Code] = true
		}
	}
	labelled := 0
	for id := range ids {
		for depth := 1; depth <= 3; depth++ {
			want, err := slow.Neighborhood(ctx, id, depth, 60)
			if err != nil {
				t.Fatalf("%s depth %d from Cables: %v", id, depth, err)
			}
			got, err := fast.Neighborhood(ctx, id, depth, 60)
			if err != nil {
				t.Fatalf("%s depth %d from CableLabels: %v", id, depth, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s depth %d:\n got %+v\nwant %+v", id, depth, got, want)
			}
			for _, n := range want.Nodes {
				if n.Kind == graph.KindCable && n.Properties["date"] != "" || n.Kind == graph.KindCountry && n.Label != n.Properties["code"] {
					labelled++
				}
			}
		}
	}
	if labelled == 0 {
		t.Fatal("no cable or country node was labelled: the comparison proves little")
	}
	t.Logf("%d nodes of %d neighbourhoods labelled alike", labelled, 3*len(ids))
}
