package memstore

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
)

// buildHubStore writes n cables tagged HUB, so that the tag has more edges
// than the store keeps sorted between writes.
func buildHubStore(t *testing.T, n int) *Store {
	t.Helper()
	s := New()
	cs := make([]*graph.Cable, n)
	for i := range cs {
		cs[i] = &graph.Cable{ID: fmt.Sprintf("09HUB%04d", i), Subject: "HUB", Tags: []string{"HUB"}, Body: "Body."}
	}
	if err := s.WriteCables(context.Background(), cs, make([]string, n)); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestHubEdgesWaitForBuildInProgress puts a build of the tag's edges in
// progress and checks that requests asking meanwhile take its result
// instead of sorting on their own: the result here is deliberately not what
// a sort would give, so a request that sorted would be caught.
func TestHubEdgesWaitForBuildInProgress(t *testing.T) {
	s := buildHubStore(t, 3*minCachedEdges)
	n := graph.NodeRef{Kind: graph.KindTag, ID: "HUB"}
	marker := graph.Edge{Source: graph.NodeRef{Kind: graph.KindCable, ID: "MARKER"}, Target: n, Kind: "TAGGED", Weight: 1}
	b := &hubBuild{done: make(chan struct{})}
	s.building = map[graph.NodeRef]*hubBuild{n: b}

	const requests = 4
	got := make([][]graph.Edge, requests)
	var wg sync.WaitGroup
	s.mu.RLock()
	for i := range requests {
		wg.Go(func() { got[i], _, _ = s.firstEdges(n, 10) })
	}
	b.se = &sortedEdges{edges: []graph.Edge{marker}, total: 1}
	close(b.done)
	wg.Wait()
	s.mu.RUnlock()
	for i, g := range got {
		if len(g) != 1 || g[0] != marker {
			t.Errorf("request %d sorted on its own (%d edges) instead of waiting for the build in progress", i, len(g))
		}
	}
}

// TestHubEdgesBuildIsKept checks that a finished build leaves nothing in
// progress and keeps the sorted edges of a node with enough of them for the
// next request, and that a write drops them.
func TestHubEdgesBuildIsKept(t *testing.T) {
	ctx := context.Background()
	s := buildHubStore(t, 3*minCachedEdges)
	n := graph.NodeRef{Kind: graph.KindTag, ID: "HUB"}
	first, total, err := s.Edges(ctx, []graph.NodeRef{n}, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != 5 || total != 3*minCachedEdges {
		t.Fatalf("first edges: %d of %d, want 5 of %d", len(first), total, 3*minCachedEdges)
	}
	s.cacheMu.Lock()
	kept, inProgress := s.hubs[n], len(s.building)
	s.cacheMu.Unlock()
	if kept == nil || inProgress != 0 {
		t.Fatalf("after one request: kept %v, %d builds in progress; want kept and none", kept != nil, inProgress)
	}
	if err := s.WriteCables(ctx, []*graph.Cable{{ID: "09HUB9999", Subject: "HUB", Tags: []string{"HUB"}, Body: "Body."}}, []string{""}); err != nil {
		t.Fatal(err)
	}
	s.cacheMu.Lock()
	kept = s.hubs[n]
	s.cacheMu.Unlock()
	if kept != nil {
		t.Fatal("a write left the hub's sorted edges in place")
	}
}
