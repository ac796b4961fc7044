package neo4jstore

import (
	"context"
	"fmt"

	"github.com/cablegraph/cablegraph/graph"
)

// With the default filter, a connection's chain of one or two links is
// read from the ends' partners (see partners_aggregate.go): two list
// properties instead of both ends' thousands of relationships. Go checks
// whether the second is a partner of the first, else picks the smallest
// key among the partners of both; a second statement reads the proof of
// that chain's links (by their pair keys, from pairIndex: a hub's
// relationships are not read) and the records of its persons. Anything else (no partners yet, a chain of three links
// or more, none within maxHops, a link gone between the statements) is
// left to chainCypher, whose answer this one equals.

// Cypher of partnersChain.
const (
	cyChainPartners = `
MATCH (x:Person {key: $a}), (y:Person {key: $b})
OPTIONAL MATCH (s:LoadState {name: '` + partnersState + `'})
RETURN coalesce(s.stale = false, false), x.partners, y.partners`
	cyChainProof = `
CALL () {
  UNWIND $pairs AS pr
  MATCH ()-[r:INTERACTED]->() WHERE r.pair = pr[1] AND r.kind <> $co
  RETURN pr[0] AS i, collect([startNode(r).key, endNode(r).key, startNode(r).name, endNode(r).name,
    r {.kind, .status, .cable, .paragraph, .evidence, .topics, .date, .confidence}]) AS rows
}
WITH collect([i, rows]) AS links
CALL () {
  UNWIND $chain AS k
  MATCH (p:Person {key: k})
  RETURN collect(` + personProps + `) AS recs
}
RETURN links, COUNT { MATCH (n:Person) }, recs`
)

// partnersChain answers ShortestChain for the default filter from the
// persons' partners; ok is false when chainCypher must answer instead.
func (s *Store) partnersChain(ctx context.Context, a, b string, maxHops, maxVisited int) (out graph.ChainAnswer, ok bool, err error) {
	recs, err := s.readOne(ctx, "shortest chain: partners", cyChainPartners, map[string]any{"a": a, "b": b})
	if err != nil {
		return graph.ChainAnswer{}, false, err
	}
	if len(recs) == 0 { // a or b is nobody
		return graph.ChainAnswer{}, true, nil
	}
	v := recs[0].Values
	if ready, _ := v[0].(bool); !ready {
		return graph.ChainAnswer{}, false, nil
	}
	chain := partnersPath(a, b, strList(v[1]), strList(v[2]), maxHops)
	if chain == nil {
		return graph.ChainAnswer{}, false, nil
	}
	pairs := make([]any, 0, 2*len(chain))
	for i := 0; i+1 < len(chain); i++ {
		pairs = append(pairs, []any{int64(i), chain[i] + pairSep + chain[i+1]}, []any{int64(i), chain[i+1] + pairSep + chain[i]})
	}
	recs, err = s.readOne(ctx, "shortest chain: proof", cyChainProof,
		map[string]any{"chain": strs(chain), "pairs": pairs, "co": graph.InteractionCoMentioned})
	if err != nil {
		return graph.ChainAnswer{}, false, err
	}
	if len(recs) != 1 || len(recs[0].Values) != 3 {
		return graph.ChainAnswer{}, false, fmt.Errorf("shortest chain %s to %s: %d records for the proof", a, b, len(recs))
	}
	v = recs[0].Values
	links, _ := v[0].([]any)
	if len(links) != len(chain)-1 {
		return graph.ChainAnswer{}, false, nil // a link went since the partners were read
	}
	var proof []graph.Interaction
	for _, l := range links {
		cols, _ := l.([]any)
		if len(cols) != 2 {
			return graph.ChainAnswer{}, false, fmt.Errorf("shortest chain %s to %s: a proof link of %d columns", a, b, len(cols))
		}
		rows, _ := cols[1].([]any)
		for _, row := range rows {
			rc, _ := row.([]any)
			if len(rc) != 5 {
				return graph.ChainAnswer{}, false, fmt.Errorf("shortest chain %s to %s: a proof row of %d columns", a, b, len(rc))
			}
			proof = append(proof, toInteraction(rc))
		}
	}
	persons, _ := v[1].(int64)
	out = graph.ChainAnswer{Known: true, Chain: chain, Proof: proof, Exact: true}
	if len(chain) == 3 {
		out.Exact = persons+2 <= int64(maxVisited)
	}
	if !out.Exact {
		out.Chain, out.Proof = nil, nil
	}
	recsOf, _ := v[2].([]any)
	for _, p := range recsOf {
		out.Persons = append(out.Persons, toPerson(p))
	}
	return out, true, nil
}

// partnersPath is the chain of one or two links from a to b given their
// partners (pa, pb): [a b] when b is a partner of a, else [a m b] for the
// smallest m that is a partner of both (with maxHops of 2 or more), else
// nil.
func partnersPath(a, b string, pa, pb []string, maxHops int) []string {
	inB := make(map[string]bool, len(pb))
	for _, k := range pb {
		inB[k] = true
	}
	mid := ""
	for _, k := range pa {
		if k == b {
			return []string{a, b}
		}
		if k != a && inB[k] && (mid == "" || k < mid) {
			mid = k
		}
	}
	if mid == "" || maxHops < 2 {
		return nil
	}
	return []string{a, mid, b}
}
