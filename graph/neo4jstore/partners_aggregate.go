package neo4jstore

import (
	"maps"
	"slices"

	"github.com/cablegraph/cablegraph/graph"
)

// A connection's default filter links two persons by any interaction but
// a co-mention, at any date. Its chains are almost always one or two links
// long, and finding them over INTERACTED reads both ends' relationships:
// thousands around an ambassador, where the distinct persons linked to
// them are a few hundred. So every Person carries partners, the sorted
// distinct keys of the persons it is linked to by at least one such
// interaction (either way round), itself excluded; absent when there are
// none (the offline importer cannot write an empty list). It is kept
// exact like the other aggregates: recomputed from the relationships for
// persons that lost interactions, folded with the new partners otherwise,
// computed in Go by the ImportWriter.
//
// The proof of a link is every interaction between its two persons, which
// Expand(Into) finds by reading all of one end's relationships: a hub's
// thousands when the chain passes through two. So every non-co-mention
// INTERACTED also carries pair, its start's and end's keys joined by
// pairSep, and the index pairIndex finds a link's interactions by the two
// keys in either order. A relationship is never changed once created
// (a replacement deletes and creates), so pair is exact from its CREATE.
//
// The LoadState node named partnersState says whether every person
// carries partners and every interaction its pair (see ensurePartners);
// ShortestChain uses them only then.

// partnersState names the LoadState node whose stale = false says that
// every person's partners and every interaction's pair are exact.
const partnersState = "partnerPairs"

// pairProp is the INTERACTED property of the pair key; pairSep joins the
// two keys (no key holds it: the import's list delimiter).
const (
	pairProp  = "pair"
	pairSep   = "\x1f"
	pairIndex = `CREATE INDEX interacted_pair IF NOT EXISTS FOR ()-[r:INTERACTED]-() ON (r.pair)`
)

// Cypher of partners.
const (
	// partnersOf is the one definition of a person p's partners (kind <>
	// $co as kindDateConds for the default filter), in key order as q,
	// shared by the recomputation and the backfill.
	partnersOf = `
  OPTIONAL MATCH (p)-[r:INTERACTED]-(q:Person) WHERE r.kind <> $co AND q <> p
  WITH DISTINCT q.key AS q ORDER BY q`
	// cyPartnersOf recomputes the partners of persons from their
	// relationships.
	cyPartnersOf = `
UNWIND $keys AS k
MATCH (p:Person {key: k})
CALL (p) {` + partnersOf + `
  RETURN collect(q) AS partners
}
RETURN k, partners`
	// cyBackfillPartners computes every person's partners, in
	// transactions of 500 persons (an auto-commit statement).
	cyBackfillPartners = `
MATCH (p:Person)
CALL (p) {` + partnersOf + `
  WITH collect(q) AS ks
  SET p.partners = CASE WHEN size(ks) = 0 THEN null ELSE ks END
} IN TRANSACTIONS OF 500 ROWS`
	// cyBackfillPairs sets every non-co-mention interaction's pair.
	cyBackfillPairs = `
MATCH (a:Person)-[r:INTERACTED]->(b:Person)
WHERE r.kind <> $co AND r.pair IS NULL
CALL (a, r, b) {
  SET r.pair = a.key + $sep + b.key
} IN TRANSACTIONS OF 10000 ROWS`
)

// pairKey is the pair property of an interaction of kind from a to b:
// nil (absent) for a co-mention, which links no partners.
func pairKey(kind, a, b string) any {
	if kind == graph.InteractionCoMentioned {
		return nil
	}
	return a + pairSep + b
}

// linksPartners says whether an interaction of kind between a and b makes
// them partners.
func linksPartners(kind, a, b string) bool {
	return kind != graph.InteractionCoMentioned && a != b
}

// addPartners folds new partners of person key (already added).
func (f *freshFacts) addPartners(key string, partners map[string]bool) {
	p := f.persons[key]
	if p == nil || len(partners) == 0 {
		return
	}
	if p.partners == nil {
		p.partners = make(map[string]bool, len(partners))
	}
	maps.Copy(p.partners, partners)
}

// unionPartners is the sorted union of stored partners and new ones.
func unionPartners(stored []string, fresh map[string]bool) []string {
	out := slices.Clone(stored)
	for k := range fresh {
		out = append(out, k)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// partnersParam is the property value of partners: null for none.
func partnersParam(ps []string) any {
	if len(ps) == 0 {
		return nil
	}
	return strs(ps)
}

// isLinkFilter says whether f is the default filter of a connection (every
// kind but co-mentions, any date, any cable, any topic): the one partners
// answer.
func isLinkFilter(f graph.InteractionFilter) bool {
	return f.Kinds == nil && !f.IncludeCoMentions && f.Since == nil && f.Until == nil &&
		len(f.Cables) == 0 && len(f.Topics) == 0
}
