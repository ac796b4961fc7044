package neo4jstore

import (
	"cmp"
	"context"
	"fmt"

	"github.com/cablegraph/cablegraph/graph"
)

// With the default filter, a connection's chain of one or two links is
// read from the ends' partners (see partners_aggregate.go): two list
// properties instead of both ends' thousands of relationships. One
// statement (cyPartnersChain) checks whether the second is a partner of
// the first, else picks the smallest key among the partners of both, and
// reads the proof of that chain's links (by their pair keys, from
// pairIndex: a hub's relationships are not read) and the records of its
// persons. Anything else (no partners yet, a chain of three links or
// more, none within maxHops) is left to chainCypher, whose answer this one
// equals.
//
// It was two statements, the partners lists and then the proof, with the
// chain picked in Go (partnersPath) in between: each statement costs
// Neo4j its fixed share (about 0.45 ms of CPU for an empty one) and both
// servers a round trip, a third of a connection's CPU. The common
// partners are found by hash aggregation (each key of both lists counted:
// a key counted twice is in both, the lists being distinct keys), linear
// in the lists' lengths; a membership test of one list's keys in the
// other is their product, milliseconds for two hubs. Most pairs of hubs
// share a partner early in key order, so the keys up to the largest of
// the first's first probeKeys partners (bound) are counted first: a common
// key up to bound is among them, and is smaller than any other common key;
// only when there is none are all keys counted (two hubs of 588 and 426
// partners: 1.9-2.3 -> 1.1-1.8 ms of Neo4j CPU per statement).

// probeKeys is how many of the first person's partners bound the first,
// small count of common partners (see above).
const probeKeys = 64

// cyPartnersChain is partnersChain's statement. It returns no record when
// a or b is nobody; else whether the partners are ready (the LoadState
// mark), the chain ([] for none of one or two links within $hops), its
// links' proof in chain order and its persons' records, as chainCypher
// gives them. The middle is $mid when given (see astralMiddle), else the
// smallest common partner in Cypher's order of strings.
//
// Cypher orders strings by UTF-16 units, Go (and the memstore) by code
// points: the two disagree only between a character of U+E000-U+FFFF and
// one beyond U+FFFF. When the middle Cypher picked holds no character
// beyond U+FFFF no other key precedes it in code points either (at the
// first difference from a key that did, the middle would hold one), so
// only a middle that does needs Go's pick: cyChainPartners reads the two
// lists, partnersPath picks, and the statement runs again with $mid.
const cyChainPartners = `
MATCH (x:Person {key: $a}), (y:Person {key: $b})
RETURN x.partners, y.partners`
const cyPartnersChain = `
MATCH (x:Person {key: $a}), (y:Person {key: $b})
OPTIONAL MATCH (s:LoadState {name: '` + partnersState + `'})
WITH coalesce(s.stale = false, false) AS ready, coalesce(x.partners, []) AS pa, coalesce(y.partners, []) AS pb
WITH ready, pa, pb, ready AND $b IN pa AS direct
CALL (ready, direct, pa, pb) {
  WITH pa, pb WHERE ready AND NOT direct AND $hops >= 2 AND $mid IS NULL
  WITH pa, pb, reduce(m = pa[0], k IN pa[0..$probe] | CASE WHEN k > m THEN k ELSE m END) AS bound
  WITH pa, pb, CASE WHEN bound IS NULL THEN [] ELSE [k IN pa WHERE k <= bound] + [k IN pb WHERE k <= bound] END AS near
  CALL (near) {
    UNWIND near AS k
    WITH k, count(*) AS c WHERE c = 2 AND k <> $a
    RETURN min(k) AS early
  }
  CALL (pa, pb, early) {
    WITH pa + pb AS both WHERE early IS NULL
    UNWIND both AS k
    WITH k, count(*) AS c WHERE c = 2 AND k <> $a
    RETURN min(k) AS late
  }
  RETURN min(coalesce(early, late)) AS found
}
WITH ready, CASE
  WHEN direct THEN [$a, $b]
  WHEN $mid IS NOT NULL AND ready AND $hops >= 2 THEN [$a, $mid, $b]
  WHEN found IS NULL THEN []
  ELSE [$a, found, $b] END AS chain
CALL (chain) {
  UNWIND range(0, size(chain) - 2) AS i
  CALL (chain, i) {
    UNWIND [chain[i] + $sep + chain[i + 1], chain[i + 1] + $sep + chain[i]] AS pk
    MATCH ()-[r:INTERACTED]->() WHERE r.pair = pk AND r.kind <> $co
    RETURN collect([startNode(r).key, endNode(r).key, startNode(r).name, endNode(r).name,
      r {.kind, .status, .cable, .paragraph, .evidence, .topics, .date, .confidence}]) AS rows
  }
  RETURN collect(rows) AS links
}
CALL (chain) {
  UNWIND chain AS k
  MATCH (p:Person {key: k})
  RETURN collect(` + personProps + `) AS recs
}
RETURN ready, chain, links, COUNT { MATCH (n:Person) }, recs`

// partnersChain answers ShortestChain for the default filter from the
// persons' partners; ok is false when chainCypher must answer instead.
func (s *Store) partnersChain(ctx context.Context, a, b string, maxHops, maxVisited int) (out graph.ChainAnswer, ok bool, err error) {
	params := map[string]any{
		"a": a, "b": b, "hops": int64(maxHops), "sep": pairSep, "co": graph.InteractionCoMentioned, "mid": nil,
		"probe": int64(cmp.Or(s.chainProbe, probeKeys)),
	}
	recs, err := s.readOne(ctx, "shortest chain: partners", cyPartnersChain, params)
	if err != nil {
		return graph.ChainAnswer{}, false, err
	}
	if len(recs) == 0 { // a or b is nobody
		return graph.ChainAnswer{}, true, nil
	}
	v := recs[0].Values
	if len(recs) != 1 || len(v) != 5 {
		return graph.ChainAnswer{}, false, fmt.Errorf("shortest chain %s to %s: %d records of %d columns for the partners", a, b, len(recs), len(v))
	}
	chain := strList(v[1])
	if ready, _ := v[0].(bool); !ready || len(chain) < 2 {
		return graph.ChainAnswer{}, false, nil
	}
	if len(chain) == 3 && astral(chain[1]) {
		mid, ok, err := s.goMiddle(ctx, a, b, maxHops)
		if err != nil || !ok {
			return graph.ChainAnswer{}, false, err
		}
		if mid != chain[1] {
			params["mid"] = mid
			return s.partnersChainOf(ctx, a, b, maxVisited, params)
		}
	}
	return partnersAnswer(a, b, maxVisited, v)
}

// partnersChainOf runs cyPartnersChain with params (a middle given) and
// reads its answer.
func (s *Store) partnersChainOf(ctx context.Context, a, b string, maxVisited int, params map[string]any) (graph.ChainAnswer, bool, error) {
	recs, err := s.readOne(ctx, "shortest chain: partners", cyPartnersChain, params)
	if err != nil {
		return graph.ChainAnswer{}, false, err
	}
	if len(recs) != 1 || len(recs[0].Values) != 5 {
		return graph.ChainAnswer{}, false, nil // a person went in between
	}
	v := recs[0].Values
	if ready, _ := v[0].(bool); !ready || len(strList(v[1])) < 2 {
		return graph.ChainAnswer{}, false, nil
	}
	return partnersAnswer(a, b, maxVisited, v)
}

// goMiddle is the middle partnersPath picks from the stored partners; ok
// is false when it picks no chain of two links.
func (s *Store) goMiddle(ctx context.Context, a, b string, maxHops int) (string, bool, error) {
	recs, err := s.readOne(ctx, "shortest chain: partners lists", cyChainPartners, map[string]any{"a": a, "b": b})
	if err != nil || len(recs) != 1 {
		return "", false, err
	}
	chain := partnersPath(a, b, strList(recs[0].Values[0]), strList(recs[0].Values[1]), maxHops)
	if len(chain) != 3 {
		return "", false, nil
	}
	return chain[1], true, nil
}

// astral reports whether k holds a character beyond U+FFFF (two UTF-16
// units), where Cypher's order of strings and Go's may differ.
func astral(k string) bool {
	for _, r := range k {
		if r > 0xFFFF {
			return true
		}
	}
	return false
}

// partnersAnswer reads cyPartnersChain's record v (ready, a chain) into
// the answer; ok is false when a link of the chain has no interaction.
func partnersAnswer(a, b string, maxVisited int, v []any) (out graph.ChainAnswer, ok bool, err error) {
	chain := strList(v[1])
	links, _ := v[2].([]any)
	var proof []graph.Interaction
	for _, l := range links {
		rows, _ := l.([]any)
		if len(rows) == 0 {
			// A link without an interaction: the partners are not
			// exact (they are kept so, see partners_aggregate.go).
			return graph.ChainAnswer{}, false, nil
		}
		for _, row := range rows {
			rc, _ := row.([]any)
			if len(rc) != 5 {
				return graph.ChainAnswer{}, false, fmt.Errorf("shortest chain %s to %s: a proof row of %d columns", a, b, len(rc))
			}
			proof = append(proof, toInteraction(rc))
		}
	}
	persons, _ := v[3].(int64)
	out = graph.ChainAnswer{Known: true, Chain: chain, Proof: proof, Exact: true}
	if len(chain) == 3 {
		out.Exact = persons+2 <= int64(maxVisited)
	}
	if !out.Exact {
		out.Chain, out.Proof = nil, nil
	}
	recsOf, _ := v[4].([]any)
	for _, p := range recsOf {
		out.Persons = append(out.Persons, toPerson(p))
	}
	return out, true, nil
}

// partnersPath is the chain of one or two links from a to b given their
// partners (pa, pb): [a b] when b is a partner of a, else [a m b] for the
// smallest m (in Go's order) that is a partner of both (with maxHops of 2
// or more), else nil. cyPartnersChain picks the same chain, and asks this
// one when the orders may differ.
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
