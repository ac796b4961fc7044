package neo4jstore

import (
	"context"
	"reflect"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestNeo4jWarmKeepsTheBiggestHubs checks that warmHubs keeps the first
// edges of the persons, countries, tags and organizations with the most
// relationships (counted here by a statement of the test's own), that
// what it keeps is what the memstore answers, and that questions are then
// answered from it.
func TestNeo4jWarmKeepsTheBiggestHubs(t *testing.T) {
	ctx := context.Background()
	n := openEmpty(t)
	n.edgeCacheMin = 3
	m, _ := memstoreBeside(t, n)
	const hubs, perNode = 5, 4

	degrees := map[graph.NodeRef]int64{}
	if _, err := n.read(ctx, "degrees", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		recs, err := collect(ctx, tx, `MATCH (n) WHERE n:Person OR n:Country OR n:Tag OR n:Organization
RETURN head(labels(n)), coalesce(n.key, n.code), COUNT { (n)--() }`, nil)
		for _, r := range recs {
			degrees[graph.NodeRef{Kind: str(r.Values[0]), ID: str(r.Values[1])}], _ = r.Values[2].(int64)
		}
		return nil, err
	}); err != nil {
		t.Fatal(err)
	}
	eligible := 0
	for _, d := range degrees {
		if d >= int64(n.edgeCacheMin) {
			eligible++
		}
	}
	if eligible <= hubs {
		t.Fatalf("only %d nodes of %d relationships or more: the fixtures cannot tell the biggest hubs apart", eligible, n.edgeCacheMin)
	}

	got, err := n.warmHubs(ctx, hubs, perNode)
	if err != nil {
		t.Fatal(err)
	}
	if got != hubs {
		t.Fatalf("warmHubs read %d nodes, want %d", got, hubs)
	}
	n.edges.mu.Lock()
	kept := map[graph.NodeRef]cachedEdges{}
	for k, e := range n.edges.entries {
		kept[k] = e
	}
	n.edges.mu.Unlock()
	if len(kept) != hubs {
		t.Fatalf("%d nodes kept, want %d", len(kept), hubs)
	}
	least := int64(-1)
	for node, e := range kept {
		d, ok := degrees[node]
		if !ok {
			t.Errorf("%v kept: not a person, country, tag or organization", node)
			continue
		}
		if least < 0 || d < least {
			least = d
		}
		want, wantTotal, err := m.Edges(ctx, []graph.NodeRef{node}, perNode)
		if err != nil {
			t.Fatal(err)
		}
		if e.total != wantTotal || !reflect.DeepEqual(e.edges, want) {
			t.Errorf("%v kept %d of %d %v; memstore: %d of %d %v", node, len(e.edges), e.total, e.edges, len(want), wantTotal, want)
		}
	}
	for node, d := range degrees {
		if _, ok := kept[node]; !ok && d > least {
			t.Errorf("%v (%d relationships) not kept, but a node of %d was", node, d, least)
		}
	}

	// The kept answers are the ones given.
	n.edges.mu.Lock()
	for k, e := range n.edges.entries {
		e.total = -1
		n.edges.entries[k] = e
	}
	n.edges.mu.Unlock()
	nodes := make([]graph.NodeRef, 0, len(kept))
	for k := range kept {
		nodes = append(nodes, k)
	}
	_, totals, err := n.EdgesEach(ctx, nodes, perNode)
	if err != nil {
		t.Fatal(err)
	}
	for i, tot := range totals {
		if tot != -1 {
			t.Errorf("%v: answered %d from the database, not from what warmHubs kept", nodes[i], tot)
		}
	}
}
