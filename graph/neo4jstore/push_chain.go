package neo4jstore

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
)

// A connection between two persons (graph/query, ChainSource) is, at the
// size of the release, usually one or two links long: ambassadors and
// ministers meet everybody. The search over InteractionPartners asks a
// statement per level, each shipping every partner of a hub, then one for
// the proof. Here one statement answers those chains exactly, the proof
// included. Reading a relationship's kind or date is what costs around a
// hub (thousands of property reads), so the neighbourhoods are read
// without them and the filter is checked only where the answer is:
//
//   - a direct link: the second's neighbours hold the first, and an
//     interaction between them passes the filter;
//   - else two links: the first's links to the second's neighbours (the
//     second's read once, the first's once, kept only where they meet),
//     grouped by neighbour in key order, checked one by one until one is
//     linked to both by interactions passing the filter (usually the
//     first: the smallest key wins whatever follows); the check collects
//     those interactions, which are the proof (an existence check first
//     and the proof after it would scan the hubs' links again);
//   - else, with maxHops of 3 or more, shortestPath says whether any chain
//     is within reach: none is an exact answer, a longer one is left to the
//     search (exact false), which picks the smallest among all the
//     shortest chains.
//
// With the default filter, once the database says its persons carry
// partners and its interactions pair keys, the one- and two-link chains
// come from those instead (partners_chain.go: two small statements, no
// hub's relationships read); this statement answers the rest.
//
// The search stops once it has reached more than maxVisited persons; its
// answer is this one whenever it cannot have reached that many: after one
// level for two links (at most every person plus the two ends), at most
// every person from each side for no chain. The count of persons comes
// from the count store.

// maxChainHops bounds the hops a statement may ask of shortestPath, whose
// length bound is a literal in the statement.
const maxChainHops = 32

// relVar finds relConds' relationship variable r in its conditions.
var relVar = regexp.MustCompile(`\br\.`)

// ShortestChain implements query.ChainSource. The answer says whether a and
// b are persons' keys at all (a connection asked by key needs no other
// statement to find them) and carries the records of both ends and of the
// chain's persons (the answer shows them).
func (s *Store) ShortestChain(ctx context.Context, a, b string, maxHops, maxVisited int, f graph.InteractionFilter) (graph.ChainAnswer, error) {
	if maxHops < 1 || maxHops > maxChainHops {
		return graph.ChainAnswer{}, fmt.Errorf("shortest chain of at most %d hops: %w", maxHops, graph.ErrInvalid)
	}
	if a == b {
		return graph.ChainAnswer{}, nil // shortestPath refuses one node at both ends
	}
	if isLinkFilter(f) {
		ans, ok, err := s.partnersChain(ctx, a, b, maxHops, maxVisited)
		if err != nil || ok {
			return ans, err
		}
	}
	return s.statementChain(ctx, a, b, maxHops, maxVisited, f)
}

// statementChain answers ShortestChain with chainCypher, for any filter.
func (s *Store) statementChain(ctx context.Context, a, b string, maxHops, maxVisited int, f graph.InteractionFilter) (graph.ChainAnswer, error) {
	params := map[string]any{"a": a, "b": b, "hops": int64(maxHops)}
	recs, err := s.readOne(ctx, "shortest chain", chainCypher(maxHops, relConds(f, params)), params)
	if err != nil {
		return graph.ChainAnswer{}, err
	}
	if len(recs) == 0 { // a or b is nobody
		return graph.ChainAnswer{}, nil
	}
	v := recs[0].Values
	if len(v) != 5 {
		return graph.ChainAnswer{}, fmt.Errorf("shortest chain %s to %s: a record of %d columns", a, b, len(v))
	}
	out := graph.ChainAnswer{Known: true}
	chain := strList(v[0])
	rows, _ := v[2].([]any)
	persons, _ := v[3].(int64)
	proof := make([]graph.Interaction, 0, len(rows))
	for _, row := range rows {
		cols, _ := row.([]any)
		if len(cols) != 5 {
			return graph.ChainAnswer{}, fmt.Errorf("shortest chain %s to %s: a proof row of %d columns", a, b, len(cols))
		}
		proof = append(proof, toInteraction(cols))
	}
	recsOf, _ := v[4].([]any)
	for _, p := range recsOf {
		out.Persons = append(out.Persons, toPerson(p))
	}
	switch {
	case len(chain) == 2:
		out.Exact, out.Chain, out.Proof = true, chain, proof
	case len(chain) == 3:
		out.Exact, out.Chain, out.Proof = persons+2 <= int64(maxVisited), chain, proof
	case len(chain) != 0:
		return graph.ChainAnswer{}, fmt.Errorf("shortest chain %s to %s: a chain of %d persons", a, b, len(chain))
	case v[1] == nil: // no chain at all within maxHops
		out.Exact, out.Chain, out.Proof = 2*persons <= int64(maxVisited), []string{}, []graph.Interaction{}
	default: // three links or more (or a shorter one the checks above
		// did not see): the search picks among them
	}
	if !out.Exact {
		out.Chain, out.Proof = nil, nil
	}
	return out, nil
}

// chainCypher is the statement of ShortestChain for conds, the conditions
// on an interaction r (relConds).
func chainCypher(maxHops int, conds []string) string {
	on := func(v string) string { // the conditions on relationship v
		if len(conds) == 0 {
			return "true"
		}
		return "(" + relVar.ReplaceAllString(strings.Join(conds, " AND "), v+".") + ")"
	}
	return `MATCH (x:Person {key: $a}), (y:Person {key: $b})
CALL (y) {
  MATCH (y)-[:INTERACTED]-(m)
  RETURN collect(DISTINCT m) AS nb
}
CALL (x, y, nb) {
  WITH x, y WHERE x IN nb
  MATCH (x)-[r:INTERACTED]-(y) WHERE ` + on("r") + `
  RETURN collect(r) AS direct
}
CALL (x, y, nb, direct) {
  WITH x, y, nb WHERE size(direct) = 0 AND $hops >= 2
  MATCH (x)-[r:INTERACTED]-(m) WHERE m IN nb AND m <> x AND m <> y
  WITH y, m, collect(r) AS r1 ORDER BY m.key
  WITH y, m, [r IN r1 WHERE ` + on("r") + `] AS r1 WHERE m:Person AND size(r1) > 0
  CALL (y, m) { MATCH (m)-[r:INTERACTED]-(y) WHERE ` + on("r") + ` RETURN collect(r) AS r2 }
  WITH m, r1, r2 WHERE size(r2) > 0
  WITH m, r1, r2 LIMIT 1
  RETURN collect(m) AS mid, collect(r1 + r2) AS via
}
CALL (x, y, direct, mid) {
  WITH x, y WHERE size(direct) = 0 AND size(mid) = 0 AND $hops >= 3
  OPTIONAL MATCH p = shortestPath((x)-[:INTERACTED*..` + fmt.Sprint(maxHops) + `]-(y))
  WHERE all(r IN relationships(p) WHERE ` + on("r") + `)
  RETURN min(length(p)) AS far
}
WITH x, y, mid, far, CASE WHEN size(direct) > 0 THEN direct ELSE coalesce(via[0], []) END AS proof
RETURN CASE WHEN size(proof) = 0 THEN [] ELSE [x.key] + [m IN mid | m.key] + [y.key] END, far,
  [r IN proof | [startNode(r).key, endNode(r).key, startNode(r).name, endNode(r).name,
    r {.kind, .status, .cable, .paragraph, .evidence, .topics, .date, .confidence}]],
  COUNT { MATCH (n:Person) },
  [p IN [x, y] + CASE WHEN size(proof) = 0 THEN [] ELSE mid END | ` + personProps + `]`
}
