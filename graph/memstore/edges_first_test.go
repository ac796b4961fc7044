package memstore_test

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/graph/storetest"
)

// TestEdgesLimitIsPrefix checks that Edges with a limit (which selects the
// first edges without sorting them all when there are many) answers the
// first edges of the unlimited answer and the same total, for every node
// of the fixtures alone, for all of them at once, and with a node repeated.
func TestEdgesLimitIsPrefix(t *testing.T) {
	ctx := context.Background()
	cables := storetest.Fixtures(t)
	s := memstore.New()
	hs := make([]string, len(cables))
	for i, c := range cables {
		hs[i] = "h:" + c.ID
	}
	if err := s.WriteCables(ctx, cables, hs); err != nil {
		t.Fatal(err)
	}
	seen := map[graph.NodeRef]bool{}
	var nodes []graph.NodeRef
	for _, c := range cables {
		all, _, err := s.Edges(ctx, []graph.NodeRef{{Kind: graph.KindCable, ID: c.ID}}, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range all {
			for _, n := range []graph.NodeRef{e.Source, e.Target} {
				if !seen[n] {
					seen[n] = true
					nodes = append(nodes, n)
				}
			}
		}
	}
	sort.Slice(nodes, func(i, j int) bool { return nodes[i].Kind+nodes[i].ID < nodes[j].Kind+nodes[j].ID })
	sets := [][]graph.NodeRef{nodes, append([]graph.NodeRef{nodes[0]}, nodes...)}
	for _, n := range nodes {
		sets = append(sets, []graph.NodeRef{n})
	}
	fast := 0
	for _, set := range sets {
		full, total, err := s.Edges(ctx, set, 0)
		if err != nil {
			t.Fatal(err)
		}
		if total != len(full) {
			t.Fatalf("%v: total %d, %d edges without limit", set[0], total, len(full))
		}
		for _, limit := range []int{1, 2, 3, 7} {
			name := fmt.Sprintf("%d nodes from %s, limit %d", len(set), set[0].Kind+":"+set[0].ID, limit)
			got, gotTotal, err := s.Edges(ctx, set, limit)
			if err != nil {
				t.Fatal(err)
			}
			want := full[:min(limit, len(full))]
			if gotTotal != total || !reflect.DeepEqual(got, want) {
				t.Errorf("%s: total %d, edges %v; want total %d, edges %v", name, gotTotal, got, total, want)
			}
			if len(full) > 4*limit {
				fast++
			}
		}
	}
	if fast == 0 {
		t.Fatal("no node has more than four times a limit's edges: the selection path was not tested")
	}
	t.Logf("%d node sets, %d limited calls took the selection path", len(sets), fast)
}
