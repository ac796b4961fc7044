package neo4jstore

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// A hub (a Tag, Country or Organization on thousands of cables, a cable
// cited by hundreds) has its first edges computed type by type instead of
// by ordering all of them (cyEdgesEach): its edges of one type all have the
// hub at the same end and the same label at the other, so the store's
// edge order within a type is the order of the other ends' keys. The
// per-type degrees (Neo4j keeps them, no relationship is read) give the
// total and say which types hold the first perNode edges, and only those
// types' edges are read and ordered. (Walking the far label's key index in
// order and keeping the nodes linked to the hub was tried: Neo4j checks
// each link from the hub's side, 1.4 million db hits instead of 33,000 at
// 6,712 cables.)

// defaultHubMin is the degree from which EdgesEach plans a node type by
// type. Every node is: at 6,712 cables the frontier of a depth-2
// neighbourhood took 104 ms planned type by type from degree 1, 141 ms
// from degree 1,000 and 882 ms ordering every edge (scratch timing on a
// loaded machine, warm plans). Tests raise it to order every edge.
const defaultHubMin = 1

// hubGroup is one relationship type at a hub: the hub is its start (out)
// or its end, and other is the label at the far end.
type hubGroup struct {
	rel   string
	out   bool
	other string
}

// hubGroups lists every known type but INTERACTED (person to person, both
// directions and aggregated: never planned type by type) in both
// directions, in the order of the statement's degree columns.
var hubGroups = func() []hubGroup {
	var out []hubGroup
	for _, t := range relTypes {
		ends, ok := relEnds[t]
		if !ok || t == graph.RelInteracted {
			continue
		}
		out = append(out, hubGroup{t, true, ends[1]}, hubGroup{t, false, ends[0]})
	}
	return out
}()

func keyOfLabel(label string) string {
	for _, nk := range nodeKeys {
		if nk.label == label {
			return nk.key
		}
	}
	return ""
}

func (g hubGroup) pattern() string {
	if g.out {
		return "(n)-[r:" + g.rel + "]->(m)"
	}
	return "(n)<-[r:" + g.rel + "]-(m)"
}

// farPattern is pattern seen from the far end m, the hub being x.
func (g hubGroup) farPattern() string {
	if g.out {
		return "(m)<-[r:" + g.rel + "]-(x)"
	}
	return "(m)-[r:" + g.rel + "]->(x)"
}

func (g hubGroup) weight() string {
	if g.rel == graph.RelConcerns || g.rel == graph.RelMentionedIn {
		return "coalesce(r.count, 0)"
	}
	return "1"
}

// cyInteractedDegrees is a node's INTERACTED relationships out and in, its
// INTERACTED self-loops, and its INTERACTED edges (Edges aggregates the
// relationships per direction and person: their number is the number of
// distinct persons on each side).
const cyInteractedDegrees = "[COUNT { (n)-[:" + graph.RelInteracted + "]->() }, COUNT { (n)<-[:" + graph.RelInteracted + "]-() }, " +
	"COUNT { (n)-[:" + graph.RelInteracted + "]->(n) }, " +
	"COUNT { MATCH (n)-[:" + graph.RelInteracted + "]->(m) RETURN DISTINCT m } + COUNT { MATCH (n)<-[:" + graph.RelInteracted + "]-(m) RETURN DISTINCT m }]"

// interactedGroup is the group index of a person's INTERACTED edges in
// hubPlan.groups and $reqs, after the hubGroups indexes.
var interactedGroup = len(hubGroups)

// cyHubDegrees returns, per asked node, its element id, its degree, its
// degree per hubGroups entry and cyInteractedDegrees.
var cyHubDegrees = func() string {
	var cols []string
	for _, g := range hubGroups {
		if g.out {
			cols = append(cols, "COUNT { (n)-[:"+g.rel+"]->() }")
		} else {
			cols = append(cols, "COUNT { (n)<-[:"+g.rel+"]-() }")
		}
	}
	return cyFindNodes + "RETURN i, elementId(n), COUNT { (n)--() }, [" + strings.Join(cols, ", ") + "], " + cyInteractedDegrees
}()

// cyHubDegreesCables is cyHubDegrees with, on each row, the number of
// cables (count store) that walkFlag weighs.
var cyHubDegreesCables = "CALL () { MATCH (c:" + graph.KindCable + ") RETURN count(c) AS cables }\n" + cyHubDegrees + ", cables"

// cyHubEdges reads the first $perNode edges of planned groups: $reqs is a
// list of [position, element id, group index, walk]. A person's INTERACTED
// edges (group interactedGroup) are read whole, aggregated per direction
// and person as Edges does: counted per person node, whose key is then
// read once (grouping by the key read it for every relationship, a third
// of the statement for a page naming a dozen hubs). A group read by
// expansion (walk 0) reads every edge of its type at the hub and keeps the
// first by the far end's key. A group read by walking (walk 1) goes through
// the far label's key index in key order, asks each far node (from its
// own side: a cable has a few edges of a type) whether it is linked to the
// hub, and stops at the $perNode-th link: for a hub holding a large share
// of the type's relationships that is a few hundred index entries instead
// of the hub's whole degree (planHubs chooses).
var cyHubEdges = func() string {
	var parts []string
	for j, g := range hubGroups {
		key := keyOfLabel(g.other)
		parts = append(parts, fmt.Sprintf(`  UNWIND $reqs AS q WITH q WHERE q[2] = %d AND q[3] = 0
  CALL (q) {
    MATCH (n) WHERE elementId(n) = q[1]
    MATCH %s
    WITH m.%s AS mk, %s AS w ORDER BY mk, w LIMIT $perNode
    RETURN collect([mk, w]) AS es
  }
  RETURN q[0] AS i, q[2] AS g, es`, j, g.pattern(), key, g.weight()))
		parts = append(parts, fmt.Sprintf(`  UNWIND $reqs AS q WITH q WHERE q[2] = %[1]d AND q[3] = 1
  CALL (q) {
    MATCH (m:%[2]s) WHERE m.%[3]s IS NOT NULL
    WITH m ORDER BY m.%[3]s
    CALL (m) {
      MATCH %[4]s
      RETURN collect([elementId(x), %[5]s]) AS xs
    }
    UNWIND xs AS p
    WITH m, p WHERE p[0] = q[1]
    WITH m.%[3]s AS mk, p[1] AS w LIMIT $perNode
    RETURN collect([mk, w]) AS es
  }
  RETURN q[0] AS i, q[2] AS g, es`, j, g.other, key, g.farPattern(), g.weight()))
	}
	parts = append(parts, fmt.Sprintf(`  UNWIND $reqs AS q WITH q WHERE q[2] = %[1]d
  CALL (q) {
    MATCH (n) WHERE elementId(n) = q[1]
    CALL (n) {
      MATCH (n)-[:%[2]s]->(m) WITH m, count(*) AS w RETURN m.key AS mk, w, 1 AS o
      UNION ALL
      MATCH (n)<-[:%[2]s]-(m) WITH m, count(*) AS w RETURN m.key AS mk, w, 0 AS o
    }
    RETURN collect([mk, w, o]) AS es
  }
  RETURN q[0] AS i, q[2] AS g, es`, interactedGroup, graph.RelInteracted))
	return "CALL () {\n" + strings.Join(parts, "\n  UNION ALL\n") + "\n}\nRETURN i, g, es"
}()

// hubPlan is what the degrees say about one asked node.
type hubPlan struct {
	elementID string
	groups    []int // hubGroups indexes holding its first edges, in edge order
	total     int
}

// planHubs asks the degrees of the nodes not to skip and plans those that
// are hubs whose every relationship is of a hubGroups type; the others
// (and nodes not found) are left out of the map.
func (s *Store) planHubs(ctx context.Context, tx neo4j.ManagedTransaction, nodes []graph.NodeRef, skip []bool, perNode int, hubMin int64) (map[int]hubPlan, []any, error) {
	params := map[string]any{}
	nodesParam(nodes, params, func(i int) bool { return !skip[i] })
	recs, err := collect(ctx, tx, cyHubDegreesCables, params)
	if err != nil {
		return nil, nil, err
	}
	plans := map[int]hubPlan{}
	var reqs []any
	for _, r := range recs {
		i, _ := r.Values[0].(int64)
		deg, _ := r.Values[2].(int64)
		degs, _ := r.Values[3].([]any)
		ints, _ := r.Values[4].([]any)
		cables, _ := r.Values[5].(int64)
		if deg < hubMin || len(degs) != len(hubGroups) || len(ints) != 4 || int(i) >= len(nodes) {
			continue
		}
		if loops, _ := ints[2].(int64); loops > 0 {
			continue // an INTERACTED self-loop is one edge of both directions: ordered whole
		}
		// Groups in edge order: by type, then start label.
		order := make([]int, len(hubGroups)+1)
		for j := range order {
			order[j] = j
		}
		rel := func(j int) string {
			if j == interactedGroup {
				return graph.RelInteracted
			}
			return hubGroups[j].rel
		}
		slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(rel(a), rel(b)) })
		var sum, edges int64 // relationships (to check against deg) and edges
		p := hubPlan{elementID: str(r.Values[1])}
		taken := int64(0)
		for _, j := range order {
			rels, d := int64(0), int64(0) // d: the group's edges
			if j == interactedGroup {
				out, _ := ints[0].(int64)
				in, _ := ints[1].(int64)
				rels = out + in
				d, _ = ints[3].(int64)
			} else {
				rels, _ = degs[j].(int64)
				d = rels
			}
			if rels == 0 {
				continue
			}
			sum += rels
			edges += d
			if taken >= int64(perNode) {
				continue
			}
			taken += d
			p.groups = append(p.groups, j)
			walk := int64(0)
			if j != interactedGroup && hubGroups[j].other == graph.KindCable {
				walk = walkFlag(d, cables, perNode)
			}
			reqs = append(reqs, []any{i, p.elementID, int64(j), walk})
		}
		if sum != deg {
			continue // a type the writer does not create: ordered whole
		}
		p.total = int(edges)
		plans[int(i)] = p
	}
	// Requests of nodes dropped above are harmless (their rows are
	// ignored), but need not be read.
	kept := []any{}
	for _, q := range reqs {
		if _, ok := plans[int(q.([]any)[0].(int64))]; ok {
			kept = append(kept, q)
		}
	}
	return plans, kept, nil
}

// walkFlag says (1) whether a group of d relationships at a hub whose far
// ends are cables is read by walking the cables' key index (cyHubEdges).
// The walk meets a link about every cables/d index entries and pays about
// ten db hits per cable met (the index entry, the cable's relationships of
// the type, their far ends: measured 9,963 hits for 2,003 cables at 6,712
// cables), against about two per relationship (it and the far key) for
// reading the group whole. So a group is walked when 10*perNode*cables/d
// is under d/2, with a margin of two for hubs whose cables are not spread
// evenly over the ids: a walk then costs at most about sqrt(10*perNode*
// cables) db hits whatever the hub's degree (15,800 at 251,287 cables and
// a limit of 100; a 100,000-cable tag: about 2,500 instead of 200,000).
// Only cables are walked: a person at the far end can be a dense node
// (measured: walking persons to a country cost 11,160 db hits against
// 4,826 for reading it whole).
func walkFlag(d, cables int64, perNode int) int64 {
	if d > int64(perNode) && 10*int64(perNode)*cables < d*d {
		return 1
	}
	return 0
}

// hubEdges answers the planned hubs: their first perNode edges and totals.
func (s *Store) hubEdges(ctx context.Context, tx neo4j.ManagedTransaction, nodes []graph.NodeRef, perNode int, plans map[int]hubPlan, reqs []any) (map[int][]graph.Edge, error) {
	params := map[string]any{"perNode": int64(perNode), "reqs": reqs}
	recs, err := collect(ctx, tx, cyHubEdges, params)
	if err != nil {
		return nil, err
	}
	got := map[[2]int][]graph.Edge{}
	for _, r := range recs {
		i, _ := r.Values[0].(int64)
		j, _ := r.Values[1].(int64)
		if int(i) >= len(nodes) || int(j) > interactedGroup {
			return nil, fmt.Errorf("edges each: row for node %d, group %d", i, j)
		}
		hub := nodes[i]
		rows, _ := r.Values[2].([]any)
		if int(j) == interactedGroup {
			for _, row := range rows {
				v, _ := row.([]any)
				if len(v) != 3 {
					return nil, fmt.Errorf("edges each: bad interaction row %v", row)
				}
				w, _ := v[1].(int64)
				other := graph.NodeRef{Kind: graph.KindPerson, ID: str(v[0])}
				e := graph.Edge{Kind: graph.RelInteracted, Source: hub, Target: other, Weight: int(w)}
				if out, _ := v[2].(int64); out == 0 {
					e.Source, e.Target = other, hub
				}
				got[[2]int{int(i), int(j)}] = append(got[[2]int{int(i), int(j)}], e)
			}
			continue
		}
		g := hubGroups[j]
		for _, row := range rows {
			v, _ := row.([]any)
			if len(v) != 2 {
				return nil, fmt.Errorf("edges each: bad hub row %v", row)
			}
			w, _ := v[1].(int64)
			other := graph.NodeRef{Kind: g.other, ID: str(v[0])}
			e := graph.Edge{Kind: g.rel, Source: hub, Target: other, Weight: int(w)}
			if !g.out {
				e.Source, e.Target = other, hub
			}
			got[[2]int{int(i), int(j)}] = append(got[[2]int{int(i), int(j)}], e)
		}
	}
	out := map[int][]graph.Edge{}
	for i, p := range plans {
		es := []graph.Edge{}
		for _, j := range p.groups {
			es = append(es, got[[2]int{i, j}]...)
		}
		slices.SortFunc(es, compareEdges)
		if len(es) > perNode {
			es = es[:perNode]
		}
		out[i] = es
	}
	return out, nil
}
