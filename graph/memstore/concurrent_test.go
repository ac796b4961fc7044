package memstore_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/graph/storetest"
)

// TestConcurrentReadersAndWriters replaces cables while readers query
// (run with -race): every read must see a whole write, never half of one.
func TestConcurrentReadersAndWriters(t *testing.T) {
	s := memstore.New()
	ctx := context.Background()
	base := storetest.HandBuilt()
	hs := make([]string, len(base))
	if err := s.WriteCables(ctx, base, hs); err != nil {
		t.Fatal(err)
	}
	// Persons and Interactions are two calls, so a write may land between
	// them; their agreement is checked only when no write started or
	// finished in between (a seqlock on the test side).
	var inflight, done atomic.Int64
	var checked atomic.Int64
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			for i := range 30 {
				batch := storetest.HandBuilt()
				if (i+w)%2 == 0 {
					batch = append(batch, storetest.Changed())
				}
				inflight.Add(1)
				err := s.WriteCables(ctx, batch, make([]string, len(batch)))
				done.Add(1)
				inflight.Add(-1)
				if err != nil {
					t.Errorf("write: %v", err)
					return
				}
			}
		})
	}
	for range 3 {
		wg.Go(func() {
			for range 60 {
				p, err := s.ListCables(ctx, graph.CableFilter{}, "", graph.Page{})
				if err != nil || p.Total != len(base) || len(p.IDs) != len(base) {
					t.Errorf("ListCables during writes = %d ids of %d (err %v), want %d", len(p.IDs), p.Total, err, len(base))
					return
				}
				st, err := s.Stats(ctx)
				if err != nil || st.Nodes[graph.KindCable] != len(base) {
					t.Errorf("Stats during writes: %v (err %v)", st, err)
					return
				}
				// A whole write either has Tadić (original 08BELGRADE12) or
				// not (Changed); his interactions must agree with his node.
				before, busy := done.Load(), inflight.Load() != 0
				ps, _ := s.Persons(ctx, []string{"tadic-boris"})
				in, _ := s.Interactions(ctx, graph.InteractionFilter{Persons: []string{"tadic-boris"}})
				if busy || inflight.Load() != 0 || done.Load() != before {
					continue
				}
				checked.Add(1)
				if (len(ps) == 0) != (len(in) == 0) {
					t.Errorf("torn read: tadic-boris node %d, interactions %d", len(ps), len(in))
					return
				}
				if _, _, err := s.Edges(ctx, []graph.NodeRef{{Kind: graph.KindPerson, ID: "jeremic-vuk"}}, 10); err != nil {
					t.Errorf("Edges: %v", err)
				}
				if _, err := s.Search(ctx, "kosovo", graph.Page{Limit: 3}); err != nil {
					t.Errorf("Search: %v", err)
				}
			}
		})
	}
	wg.Wait()
	t.Logf("%d quiet read pairs checked for agreement during writes", checked.Load())
	ps, _ := s.Persons(ctx, []string{"tadic-boris"})
	in, _ := s.Interactions(ctx, graph.InteractionFilter{Persons: []string{"tadic-boris"}})
	if (len(ps) == 0) != (len(in) == 0) {
		t.Errorf("after the writes: tadic-boris node %d, interactions %d", len(ps), len(in))
	}
}
