package neo4jstore

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func edgesTo(n int) []graph.Edge {
	out := make([]graph.Edge, n)
	for i := range out {
		out[i] = graph.Edge{Kind: graph.RelTagged, Source: graph.NodeRef{Kind: graph.KindCable, ID: fmt.Sprintf("c%04d", i)}, Target: graph.NodeRef{Kind: graph.KindTag, ID: "T"}, Weight: 1}
	}
	return out
}

// TestEdgeCache checks the kept answers' rules: only under their stamp,
// a prefix for a smaller limit, a miss for a larger one unless the node
// has no more edges, copies in and out, and the oldest entries evicted
// past the bound.
func TestEdgeCache(t *testing.T) {
	var c edgeCache
	hub := graph.NodeRef{Kind: graph.KindTag, ID: "T"}
	c.put("s1", hub, 10, edgesTo(10), 700)
	if _, _, ok := c.get("", hub, 5); ok {
		t.Error("hit without a stamp")
	}
	if _, _, ok := c.get("s2", hub, 5); ok {
		t.Error("hit under another stamp")
	}
	es, total, ok := c.get("s1", hub, 5)
	if !ok || total != 700 || !reflect.DeepEqual(es, edgesTo(10)[:5]) {
		t.Errorf("get(5) = %v, %d, %v; want the first 5 of 700", es, total, ok)
	}
	es[0].Weight = 99 // a copy: the kept answer does not change
	if es, _, _ := c.get("s1", hub, 5); es[0].Weight != 1 {
		t.Error("a caller's change reached the kept answer")
	}
	if _, _, ok := c.get("s1", hub, 11); ok {
		t.Error("hit for a larger limit than kept, with more edges left")
	}
	small := graph.NodeRef{Kind: graph.KindTag, ID: "S"}
	c.put("s1", small, 10, edgesTo(3), 3)
	if es, total, ok := c.get("s1", small, 1000); !ok || total != 3 || len(es) != 3 {
		t.Errorf("a node with all its edges kept: get(1000) = %d edges, %d, %v; want 3, 3, true", len(es), total, ok)
	}
	c.put("s1", hub, 5, edgesTo(5), 700) // a smaller answer does not replace a larger one
	if es, _, ok := c.get("s1", hub, 10); !ok || len(es) != 10 {
		t.Errorf("after a smaller put: get(10) = %d edges, %v; want 10", len(es), ok)
	}
	c.put("s2", hub, 2, edgesTo(2), 700) // a new stamp drops every entry of the old one
	if _, _, ok := c.get("s2", small, 1); ok {
		t.Error("an entry of the old stamp survived the new stamp")
	}
	if len(c.entries) != 1 || c.size != 2 {
		t.Errorf("after the new stamp: %d entries, %d edges; want 1, 2", len(c.entries), c.size)
	}

	// Eviction: past edgeCacheMaxEdges, the oldest go.
	per := edgeCacheMaxEdges / 4
	var nodes []graph.NodeRef
	for i := range 6 {
		n := graph.NodeRef{Kind: graph.KindCountry, ID: fmt.Sprint(i)}
		nodes = append(nodes, n)
		c.put("s2", n, per, edgesTo(per), 10*per)
	}
	if c.size > edgeCacheMaxEdges {
		t.Errorf("%d edges kept, bound %d", c.size, edgeCacheMaxEdges)
	}
	for i, n := range nodes {
		_, _, ok := c.get("s2", n, 1)
		if want := i >= 2; ok != want {
			t.Errorf("node %d of 6 kept: %v, want %v (the oldest evicted)", i, ok, want)
		}
	}
	if !slices.Contains(c.order, nodes[5]) || len(c.order) != len(c.entries) {
		t.Errorf("eviction order %v out of step with %d entries", c.order, len(c.entries))
	}
}

// TestNeo4jEdgesCacheSeesEveryWrite fills the kept answers, shows they
// are used (by poisoning them), then writes through this store, through
// another one (another process), and removes the stamp: after each, the
// answers are those of the memstore given the same writes.
func TestNeo4jEdgesCacheSeesEveryWrite(t *testing.T) {
	ctx := context.Background()
	n := openEmpty(t)
	n.edgeCacheMin = 1 // keep every node's edges
	m, cables := memstoreBeside(t, n)
	nodes := fixtureNodes(cables)
	const perNode = 3
	same := func(step string) {
		t.Helper()
		edges, totals, err := n.EdgesEach(ctx, nodes, perNode)
		if err != nil {
			t.Fatalf("%s: EdgesEach: %v", step, err)
		}
		bad := 0
		for i, node := range nodes {
			want, wantTotal, err := m.Edges(ctx, []graph.NodeRef{node}, perNode)
			if err != nil {
				t.Fatal(err)
			}
			if totals[i] != wantTotal || !reflect.DeepEqual(edges[i], want) {
				if bad++; bad <= 3 {
					t.Errorf("%s: %v: %d of %d %v; memstore: %d of %d %v", step, node, len(edges[i]), totals[i], edges[i], len(want), wantTotal, want)
				}
			}
		}
	}
	poison := func() int {
		n.edges.mu.Lock()
		defer n.edges.mu.Unlock()
		for k, e := range n.edges.entries {
			e.total = -1
			n.edges.entries[k] = e
		}
		return len(n.edges.entries)
	}
	poisoned := func() int {
		_, totals, err := n.EdgesEach(ctx, nodes, perNode)
		if err != nil {
			t.Fatal(err)
		}
		k := 0
		for _, tot := range totals {
			if tot == -1 {
				k++
			}
		}
		return k
	}
	write := func(s graph.Writer, c *graph.Cable) {
		t.Helper()
		for _, w := range []graph.Writer{s, m} {
			if err := w.WriteCables(ctx, []*graph.Cable{c}, []string{"h-" + c.Subject + fmt.Sprint(c.Tags)}); err != nil {
				t.Fatal(err)
			}
		}
	}

	same("first ask")
	same("second ask")
	if k := poison(); k < 100 {
		t.Fatalf("%d answers kept after two asks, want every found node's", k)
	}
	if k := poisoned(); k < 100 {
		t.Fatalf("%d poisoned answers given: the kept answers are not used", k)
	}

	// A write through this store.
	c0 := *cables[0]
	c0.Tags = append(slices.Clone(c0.Tags), "ZZCACHE")
	write(n, &c0)
	same("after a write through the store")
	if poison(); poisoned() == 0 {
		t.Fatal("no kept answer used after the write: the rest of the test would prove nothing")
	}

	// A write through another store (another process) on the same database.
	other, err := Open(ctx, Config{URI: neo4jURI(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = other.Close(ctx) }()
	c1 := *cables[1]
	c1.Tags = nil
	c1.Persons = c1.Persons[:len(c1.Persons)/2]
	c1.Interactions = nil
	write(other, &c1)
	same("after a write through another store")

	// No stamp: nothing is kept, answers are read.
	poison()
	if err := n.newWriteStamp(ctx); err != nil {
		t.Fatal(err)
	}
	same("after a new stamp")
	if _, err := n.write(ctx, "drop stamp", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		return nil, run(ctx, tx, "MATCH (g:WriteStamp) DETACH DELETE g", nil)
	}); err != nil {
		t.Fatal(err)
	}
	poison()
	same("without a stamp")
	if k := poisoned(); k != 0 {
		t.Errorf("%d kept answers used without a stamp", k)
	}
}
