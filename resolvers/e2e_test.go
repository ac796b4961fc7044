package resolvers_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/resolvers/e2etest"
)

// TestE2EMemstore runs the shared end-to-end suite against the embedded
// store loaded with the seed alone, as `cablegraph serve` starts.
func TestE2EMemstore(t *testing.T) {
	e2etest.RunE2E(t, memstore.New())
}

// TestE2EMemstoreWithCopies adds 24 copies of the seed under other ids,
// so that the N+1 check has pages of 5 and 20 full cables to compare.
func TestE2EMemstoreWithCopies(t *testing.T) {
	ctx := context.Background()
	store := memstore.New()
	seed, ex, err := e2etest.ParseSeed(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cables := []*graph.Cable{seed}
	for i := range 24 {
		c, _, err := e2etest.ParseSeed(ctx)
		if err != nil {
			t.Fatal(err)
		}
		c.ID = fmt.Sprintf("08MOSCOW%d", 9000+i)
		c.Persons, c.Countries, c.Organizations, c.Interactions, c.TagInfo = nil, nil, nil, nil, nil
		ex.Extract(c)
		cables = append(cables, c)
	}
	if err := e2etest.WriteCables(ctx, store, cables); err != nil {
		t.Fatal(err)
	}
	e2etest.RunE2E(t, store)
}
