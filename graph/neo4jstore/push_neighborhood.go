package neo4jstore

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// cyEdgesEach finds each asked node (cyFindNodes), then, per node, groups its
// relationships as Edges does (INTERACTED per direction, counted; every
// other relationship on its own), orders them in the store's edge order
// and keeps the first $perNode: a hub's thousands of edges are ordered
// inside the database and only the kept ones cross the wire. Start and end
// labels of known types are left null and filled from relEnds: within one
// type they are the same on every row, so the order is unchanged.
var cyEdgesEach = func() string {
	return cyFindNodes + `CALL (n) {
  MATCH (n)-[r]-()
  WITH DISTINCT r
  WITH r, type(r) AS t, startNode(r) AS s, endNode(r) AS e
  WITH t,
    CASE WHEN t IN $known THEN null ELSE head(labels(s)) END AS sk, ` + keyByType("s", 0) + ` AS sid,
    CASE WHEN t IN $known THEN null ELSE head(labels(e)) END AS ek, ` + keyByType("e", 1) + ` AS eid,
    CASE WHEN t = '` + graph.RelInteracted + `' THEN null ELSE elementId(r) END AS dup,
    CASE WHEN t IN ['` + graph.RelConcerns + `', '` + graph.RelMentionedIn + `'] THEN coalesce(r.count, 0) ELSE 1 END AS w
  WITH t, sk, sid, ek, eid, dup, sum(w) AS w
  ORDER BY t, sk, sid, ek, eid, w
  RETURN collect([t, sk, sid, ek, eid, w]) AS es
}
RETURN i, size(es), es[..$perNode]`
}()

// EdgesEach returns each node's first perNode edges and its number of
// edges, as Edges does for one node, in one statement for all nodes.
func (s *Store) EdgesEach(ctx context.Context, nodes []graph.NodeRef, perNode int) ([][]graph.Edge, []int, error) {
	return s.edgesEach(ctx, nodes, perNode, defaultHubMin, true)
}

// edgesEach is EdgesEach planning nodes of hubMin edges or more type by
// type (push_hubs.go), answering from and filling s.edges when cached
// (tests comparing plans read every answer from the database).
func (s *Store) edgesEach(ctx context.Context, nodes []graph.NodeRef, perNode int, hubMin int64, cached bool) ([][]graph.Edge, []int, error) {
	if perNode < 1 {
		return nil, nil, fmt.Errorf("edges each: per-node limit %d: %w", perNode, graph.ErrInvalid)
	}
	edges := make([][]graph.Edge, len(nodes))
	totals := make([]int, len(nodes))
	for i := range edges {
		edges[i] = []graph.Edge{}
	}
	if len(nodes) == 0 {
		return edges, totals, nil
	}
	var stamp string
	kept := make([]bool, len(nodes)) // answered from s.edges
	_, err := s.read(ctx, "edges each", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		for i := range edges {
			edges[i], totals[i], kept[i] = edges[i][:0], 0, false
		}
		var err error
		if cached {
			if stamp, err = writeStamp(ctx, tx); err != nil {
				return nil, err
			}
		}
		left := false
		for i, n := range nodes {
			if es, total, ok := s.edges.get(stamp, n, perNode); ok {
				edges[i], totals[i], kept[i] = es, total, true
			} else {
				left = true
			}
		}
		if !left {
			return nil, nil
		}
		plans, reqs, err := s.planHubs(ctx, tx, nodes, kept, perNode, hubMin)
		if err != nil {
			return nil, err
		}
		if len(plans) > 0 {
			hubs, err := s.hubEdges(ctx, tx, nodes, perNode, plans, reqs)
			if err != nil {
				return nil, err
			}
			for i, p := range plans {
				edges[i], totals[i] = hubs[i], p.total
			}
		}
		params := map[string]any{"known": knownRels, "perNode": int64(perNode)}
		asked := nodesParam(nodes, params, func(i int) bool { _, hub := plans[i]; return !hub && !kept[i] })
		if !asked {
			return nil, nil
		}
		recs, err := collect(ctx, tx, cyEdgesEach, params)
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			i, _ := r.Values[0].(int64)
			if i < 0 || int(i) >= len(nodes) {
				return nil, fmt.Errorf("edges each: row for node %d of %d", i, len(nodes))
			}
			n, _ := r.Values[1].(int64)
			totals[i] = int(n)
			rows, _ := r.Values[2].([]any)
			for _, row := range rows {
				e, err := edgeRow(row)
				if err != nil {
					return nil, err
				}
				edges[i] = append(edges[i], e)
			}
		}
		return nil, nil
	})
	if err != nil {
		return nil, nil, err
	}
	// The database ordered the strings; sorting the few kept edges again
	// makes their order Go's byte order whatever its collation.
	for i, es := range edges {
		if kept[i] {
			continue
		}
		slices.SortFunc(es, compareEdges)
		if totals[i] >= s.edgeCacheMin {
			s.edges.put(stamp, nodes[i], perNode, es, totals[i])
		}
	}
	return edges, totals, nil
}

// edgeRow decodes one [type, start label, start key, end label, end key,
// weight] row of cyEdgesEach.
func edgeRow(row any) (graph.Edge, error) {
	v, _ := row.([]any)
	if len(v) != 6 {
		return graph.Edge{}, fmt.Errorf("edges each: bad edge row %v", row)
	}
	kind := str(v[0])
	sk, ek := str(v[1]), str(v[3])
	if ends, ok := relEnds[kind]; ok {
		sk, ek = ends[0], ends[1]
	}
	w, _ := v[5].(int64)
	return graph.Edge{
		Kind:   kind,
		Source: graph.NodeRef{Kind: sk, ID: str(v[2])},
		Target: graph.NodeRef{Kind: ek, ID: str(v[4])},
		Weight: int(w),
	}, nil
}

// cyFindNodes is a CALL finding each node of $nodes, a list of [position,
// label, key], by its label's key: one index seek per node. One list for
// every label keeps the parameters' types the same from call to call, so
// Neo4j plans the statement once (a plan is cached per query text and
// parameter types: per-label lists, some empty, planned it again and
// again, seconds each time for the hubs' statement).
var cyFindNodes = func() string {
	var parts []string
	for _, nk := range nodeKeys {
		parts = append(parts, fmt.Sprintf("  UNWIND $nodes AS q WITH q WHERE q[1] = '%[1]s' MATCH (n:%[1]s {%[2]s: q[2]}) RETURN q[0] AS i, n", nk.label, nk.key))
	}
	return "CALL () {\n" + strings.Join(parts, "\n  UNION ALL\n") + "\n}\n"
}()

// nodesParam sets params["nodes"] for cyFindNodes to the nodes for which
// keep is true, and reports whether there is any.
func nodesParam(nodes []graph.NodeRef, params map[string]any, keep func(i int) bool) bool {
	qs := []any{}
	for i, n := range nodes {
		if keep(i) {
			qs = append(qs, []any{int64(i), n.Kind, n.ID})
		}
	}
	params["nodes"] = qs
	return len(qs) > 0
}
