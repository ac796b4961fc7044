package neo4jstore

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// cyEdgesEach finds each asked node by its label's key (one index seek per
// node; $<Label> is a list of [position, key]), then, per node, groups its
// relationships as Edges does (INTERACTED per direction, counted; every
// other relationship on its own), orders them in the store's edge order
// and keeps the first $perNode: a hub's thousands of edges are ordered
// inside the database and only the kept ones cross the wire. Start and end
// labels of known types are left null and filled from relEnds: within one
// type they are the same on every row, so the order is unchanged.
var cyEdgesEach = func() string {
	var parts []string
	for _, nk := range nodeKeys {
		parts = append(parts, fmt.Sprintf("  UNWIND $%[1]s AS q MATCH (n:%[1]s {%[2]s: q[1]}) RETURN q[0] AS i, n", nk.label, nk.key))
	}
	return "CALL () {\n" + strings.Join(parts, "\n  UNION ALL\n") + "\n}\n" + `CALL (n) {
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
	if perNode < 1 {
		return nil, nil, fmt.Errorf("edges each: per-node limit %d: %w", perNode, graph.ErrInvalid)
	}
	edges := make([][]graph.Edge, len(nodes))
	totals := make([]int, len(nodes))
	for i := range edges {
		edges[i] = []graph.Edge{}
	}
	params := map[string]any{"known": knownRels, "perNode": int64(perNode)}
	asked := false
	for _, nk := range nodeKeys {
		qs := []any{}
		for i, n := range nodes {
			if n.Kind == nk.label {
				qs = append(qs, []any{int64(i), n.ID})
			}
		}
		params[nk.label] = qs
		asked = asked || len(qs) > 0
	}
	if !asked {
		return edges, totals, nil
	}
	_, err := s.read(ctx, "edges each", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		for i := range edges {
			edges[i], totals[i] = edges[i][:0], 0
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
	for _, es := range edges {
		slices.SortFunc(es, compareEdges)
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
