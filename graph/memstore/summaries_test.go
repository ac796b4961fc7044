package memstore_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/graph/query"
	"github.com/cablegraph/cablegraph/graph/storetest"
)

// TestCableSummariesEqualCablesFields: every summary field equals the same
// field of Cables' answer, in the order asked, unknown ids skipped.
func TestCableSummariesEqualCablesFields(t *testing.T) {
	ctx := context.Background()
	s := memstore.New()
	cables := storetest.Fixtures(t)
	hs := make([]string, len(cables))
	for i, c := range cables {
		hs[i] = c.ID
	}
	if err := s.WriteCables(ctx, cables, hs); err != nil {
		t.Fatal(err)
	}
	if _, ok := query.ReaderAs[query.CableSummarySource](s); !ok {
		t.Fatal("memstore is not a query.CableSummarySource")
	}
	ids := []string{"00NOPE1"}
	for i := len(cables) - 1; i >= 0; i-- {
		ids = append(ids, cables[i].ID)
	}
	whole, err := s.Cables(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	sums, err := s.CableSummaries(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(sums) != len(whole) || len(sums) == 0 {
		t.Fatalf("%d summaries for %d cables", len(sums), len(whole))
	}
	for i, c := range whole {
		want := &graph.Cable{ID: c.ID, Created: c.Created, Released: c.Released, Classification: c.Classification, Origin: c.Origin, Subject: c.Subject}
		if !reflect.DeepEqual(sums[i], want) {
			t.Errorf("summary %d = %+v, want %+v", i, sums[i], want)
		}
	}
}
