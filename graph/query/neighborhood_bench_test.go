package query_test

import (
	"context"
	"testing"
)

// BenchmarkNeighborhood asks the depth-2, limit-100 neighbourhood of a
// cable of the synthetic corpus (5,000 cables, every one tagged PREL: a
// hub), the question of bench/queries neighborhood, on the memstore.
func BenchmarkNeighborhood(b *testing.B) {
	s := benchService(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		g, err := s.Neighborhood(ctx, "05SYNTH0", 2, 100)
		if err != nil || len(g.Nodes) < 100 {
			b.Fatalf("%d nodes, %v", len(g.Nodes), err)
		}
	}
}
