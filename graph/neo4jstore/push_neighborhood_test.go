package neo4jstore

import (
	"context"
	"reflect"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/graph/query"
	"github.com/cablegraph/cablegraph/graph/storetest"
)

var _ query.EdgesEachSource = (*Store)(nil)

// fixtureNodes lists every node the fixtures create (cables, their
// references, persons, tags, countries, organizations), once each, plus a
// node that does not exist and one of an unknown kind.
func fixtureNodes(cables []*graph.Cable) []graph.NodeRef {
	seen := map[graph.NodeRef]bool{}
	var out []graph.NodeRef
	add := func(kind, id string) {
		n := graph.NodeRef{Kind: kind, ID: id}
		if id != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for _, c := range cables {
		add(graph.KindCable, c.ID)
		for _, r := range c.References {
			add(graph.KindReference, r.ID)
		}
		for _, p := range c.Persons {
			add(graph.KindPerson, p.Key)
		}
		for _, t := range c.Tags {
			add(graph.KindTag, t)
		}
		for _, k := range c.Countries {
			add(graph.KindCountry, k.Code)
		}
		for _, o := range c.Organizations {
			add(graph.KindOrganization, o.Key)
		}
	}
	return append(out, graph.NodeRef{Kind: graph.KindCable, ID: "00NOSUCHCABLE1"}, graph.NodeRef{Kind: "Planet", ID: "mars"})
}

// TestNeo4jEdgesEachMatchesEdges checks the one-statement EdgesEach
// against Edges asked node by node, on Neo4j and on the memstore, for
// every node of the fixtures (the seed, hand-built and 150 real cables),
// per-node limits that cut hubs (1, 3) and that keep all (1000), with
// nodes planned type by type (the default) and ordered whole.
func TestNeo4jEdgesEachMatchesEdges(t *testing.T) {
	ctx := context.Background()
	n := openEmpty(t)
	m, cables := memstoreBeside(t, n)
	nodes := fixtureNodes(cables)
	if len(nodes) < 100 {
		t.Fatalf("only %d fixture nodes: the test would prove little", len(nodes))
	}
	cut := 0
	// The default plans every node whose edges are all of one-way types
	// type by type (push_hubs.go); 1<<40 orders every node's edges whole.
	for _, c := range []struct {
		perNode int
		hubMin  int64
	}{{1, defaultHubMin}, {3, defaultHubMin}, {1000, defaultHubMin}, {1, 1 << 40}, {3, 1 << 40}, {1000, 1 << 40}} {
		perNode := c.perNode
		edges, totals, err := n.edgesEach(ctx, nodes, perNode, c.hubMin, false)
		if err != nil {
			t.Fatalf("EdgesEach(%d nodes, %d, hubs from %d): %v", len(nodes), perNode, c.hubMin, err)
		}
		if len(edges) != len(nodes) || len(totals) != len(nodes) {
			t.Fatalf("EdgesEach: %d edge lists and %d totals for %d nodes", len(edges), len(totals), len(nodes))
		}
		for i, node := range nodes {
			for name, s := range map[string]graph.Reader{"neo4j": n, "memstore": m} {
				want, wantTotal, err := s.Edges(ctx, []graph.NodeRef{node}, perNode)
				if err != nil {
					t.Fatalf("%s Edges(%v): %v", name, node, err)
				}
				if totals[i] != wantTotal || !reflect.DeepEqual(edges[i], want) {
					t.Errorf("perNode %d, hubs from %d, %v: EdgesEach gave %d of %d %v; %s Edges gave %d of %d %v",
						perNode, c.hubMin, node, len(edges[i]), totals[i], edges[i], name, len(want), wantTotal, want)
				}
			}
			if totals[i] > len(edges[i]) {
				cut++
			}
		}
	}
	if cut == 0 {
		t.Errorf("no node had more edges than the limit: the cut was not exercised")
	}
	if _, _, err := n.EdgesEach(ctx, nodes, 0); err == nil {
		t.Errorf("EdgesEach with limit 0: no error")
	}
	edges, totals, err := n.EdgesEach(ctx, nil, 5)
	if err != nil || len(edges) != 0 || len(totals) != 0 {
		t.Errorf("EdgesEach(no nodes) = %v, %v, %v; want empty", edges, totals, err)
	}
}

// TestNeo4jNeighborhoodPushdownMatchesMemstore asks the same
// neighbourhoods of the Neo4j store (one EdgesEach statement per level)
// and of the memstore (node by node): the subgraphs must be identical,
// nodes, edges, weights, omitted counts.
func TestNeo4jNeighborhoodPushdownMatchesMemstore(t *testing.T) {
	ctx := context.Background()
	n := openEmpty(t)
	m, cables := memstoreBeside(t, n)
	if _, ok := query.ReaderAs[query.EdgesEachSource](graph.Reader(m)); ok {
		t.Fatalf("memstore implements EdgesEachSource: this test would compare the pushdown with itself")
	}
	qn, qm := query.New(n, nil), query.New(m, nil)
	var starts []string
	for i, node := range fixtureNodes(cables) {
		if i%7 == 0 && node.Kind != "Planet" && node.Kind != graph.KindReference {
			starts = append(starts, node.Kind+":"+node.ID)
		}
	}
	truncated := 0
	for _, id := range starts {
		for _, c := range []struct{ depth, limit int }{{1, 5}, {2, 100}, {3, 30}} {
			gn, en := qn.Neighborhood(ctx, id, c.depth, c.limit)
			gm, em := qm.Neighborhood(ctx, id, c.depth, c.limit)
			if (en == nil) != (em == nil) {
				t.Errorf("%s depth %d limit %d: errors differ: neo4j %v, memstore %v", id, c.depth, c.limit, en, em)
				continue
			}
			if !reflect.DeepEqual(gn, gm) {
				t.Errorf("%s depth %d limit %d differs:\nneo4j    %+v\nmemstore %+v", id, c.depth, c.limit, gn, gm)
			}
			if gn != nil && gn.Truncated {
				truncated++
			}
		}
	}
	if len(starts) < 20 || truncated == 0 {
		t.Errorf("%d starts, %d truncated answers: too few to prove the cut", len(starts), truncated)
	}
}

// memstoreBeside writes the fixtures into n and into a new memstore, so a
// test can ask both the same questions.
func memstoreBeside(t *testing.T, n *Store) (*memstore.Store, []*graph.Cable) {
	t.Helper()
	m := memstore.New()
	cables := storetest.Fixtures(t)
	for _, s := range []graph.Store{n, m} {
		if err := s.WriteCables(context.Background(), cables, hashesOf(cables)); err != nil {
			t.Fatalf("write: %v", err)
		}
	}
	return m, cables
}
