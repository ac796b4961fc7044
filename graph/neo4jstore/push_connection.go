package neo4jstore

import (
	"context"
	"slices"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
)

// A connection search (graph/query, LinkSource) asks two things: who is
// linked to a frontier, and, once a chain is found, the proof of each of
// its links. Over Interactions the first ships and sorts every interaction
// of every frontier person, sentences included (816 rows for a frontier of
// 29 around two ambassadors in the shared cables); here it ships one row of
// keys per frontier person, and the proof is read for the chain's pairs
// only, by an Expand(Into) between the two persons.

// InteractionPartners returns, for each of persons with any, the distinct
// keys at the other end of their interactions passing f (f.Persons and
// f.Limit ignored), sorted; a person interacting with themself is their
// own partner.
func (s *Store) InteractionPartners(ctx context.Context, persons []string, f graph.InteractionFilter) (map[string][]string, error) {
	out := map[string][]string{}
	if len(persons) == 0 {
		return out, nil
	}
	params := map[string]any{"persons": strs(persons)}
	cypher := `MATCH (a:Person) WHERE a.key IN $persons
MATCH (a)-[r:INTERACTED]-(b:Person)` + whereAll(relConds(f, params)) + `
RETURN a.key, collect(DISTINCT b.key)`
	recs, err := s.readOne(ctx, "interaction partners", cypher, params)
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		ps := strList(rec.Values[1])
		slices.Sort(ps)
		out[str(rec.Values[0])] = ps
	}
	return out, nil
}

// PairInteractions returns the interactions between a and b, either way
// round, passing f (f.Persons and f.Limit ignored), in the Reader's order:
// those Interactions returns for f with Persons [a, b] that join a and b.
func (s *Store) PairInteractions(ctx context.Context, a, b string, f graph.InteractionFilter) ([]graph.Interaction, error) {
	return s.PairsInteractions(ctx, [][2]string{{a, b}}, f)
}

// PairsInteractions returns the interactions of every pair, either way
// round, passing f (f.Persons and f.Limit ignored), in one statement
// (query.PairsSource): a chain's proof in one round trip instead of one
// per link. An interaction joining two pairs' persons comes once.
func (s *Store) PairsInteractions(ctx context.Context, pairs [][2]string, f graph.InteractionFilter) ([]graph.Interaction, error) {
	if len(pairs) == 0 {
		return []graph.Interaction{}, nil
	}
	rows := make([]any, len(pairs))
	for i, p := range pairs {
		rows[i] = []any{p[0], p[1]}
	}
	params := map[string]any{"pairs": rows}
	conds := relConds(f, params)
	cypher := `UNWIND $pairs AS pr
MATCH (x:Person {key: pr[0]}), (y:Person {key: pr[1]})
MATCH (x)-[r:INTERACTED]-(y)
WITH DISTINCT r
WITH startNode(r) AS a, r, endNode(r) AS b` + whereAll(conds) + `
RETURN ` + interactionColumns + `
ORDER BY ` + interactionOrder
	return s.interactionRows(ctx, "pairs interactions", cypher, params)
}

// interactionRows runs one statement returning interactionColumns.
func (s *Store) interactionRows(ctx context.Context, op, cypher string, params map[string]any) ([]graph.Interaction, error) {
	recs, err := s.readOne(ctx, op, cypher, params)
	if err != nil {
		return nil, err
	}
	out := make([]graph.Interaction, 0, len(recs))
	for _, rec := range recs {
		out = append(out, toInteraction(rec.Values))
	}
	return out, nil
}

// relConds are the conditions of f on r alone (cables, kinds, dates,
// topics), with Interactions' parameter names and meaning.
func relConds(f graph.InteractionFilter, params map[string]any) []string {
	var conds []string
	if len(f.Cables) > 0 {
		params["cables"] = strs(f.Cables)
		conds = append(conds, "r.cable IN $cables")
	}
	conds = append(conds, kindDateConds(f, params)...)
	if len(f.Topics) > 0 {
		params["topics"] = lowerAll(f.Topics)
		conds = append(conds, topicCond)
	}
	return conds
}

// whereAll is " WHERE c1 AND c2 ..." on a new line, or "" for none.
func whereAll(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return "\nWHERE " + strings.Join(conds, " AND ")
}
