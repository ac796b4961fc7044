package neo4jstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Interactions returns the matching INTERACTED relationships ordered by
// date (nil last), cable, paragraph, a, b, kind, evidence, with the
// persons' current names as AName and BName.
func (s *Store) Interactions(ctx context.Context, f graph.InteractionFilter) ([]graph.Interaction, error) {
	if f.Limit < 0 {
		return nil, fmt.Errorf("interactions limit %d: %w", f.Limit, graph.ErrInvalid)
	}
	params := map[string]any{}
	cypher := interactionsMatch(f, params) + `
RETURN ` + interactionColumns + `
ORDER BY ` + interactionOrder
	if f.Limit > 0 {
		params["limit"] = int64(f.Limit)
		cypher += " LIMIT $limit"
	}
	out := []graph.Interaction{}
	_, err := s.read(ctx, "interactions", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		out = out[:0]
		recs, err := collect(ctx, tx, cypher, params)
		for _, rec := range recs {
			out = append(out, toInteraction(rec.Values))
		}
		return nil, err
	})
	return out, err
}

// interactionColumns are the columns toInteraction reads, over a, r, b.
const interactionColumns = `a.key, b.key, a.name, b.name, r {.kind, .status, .cable, .paragraph, .evidence, .topics, .date, .confidence}`

// interactionOrder is the Reader's order of interactions.
const interactionOrder = `r.date IS NULL, r.date, r.cable, r.paragraph, a.key, b.key, r.kind, r.evidence`

// toInteraction decodes the interactionColumns of one record.
func toInteraction(v []any) graph.Interaction {
	m, _ := v[4].(map[string]any)
	in := graph.Interaction{
		A: str(v[0]), B: str(v[1]), AName: str(v[2]), BName: str(v[3]),
		Kind: str(m["kind"]), Status: str(m["status"]), Cable: str(m["cable"]),
		Evidence: str(m["evidence"]), Topics: strList(m["topics"]),
	}
	setInteractionScalars(&in, m["paragraph"], m["date"], m["confidence"])
	return in
}

// setInteractionScalars sets in's paragraph, date (in UTC) and confidence
// from the values Bolt returned for them; a null or missing one leaves its
// field unset.
func setInteractionScalars(in *graph.Interaction, paragraph, date, confidence any) {
	if n, ok := paragraph.(int64); ok {
		in.Paragraph = int(n)
	}
	if t, ok := date.(time.Time); ok {
		u := t.UTC()
		in.Date = &u
	}
	if c, ok := confidence.(float64); ok {
		in.Confidence = c
	}
}

// interactionsMatch compiles f (Limit aside) into a MATCH ... WITH a, r, b
// WHERE ... binding a, r and b, adding its parameters to params. The
// parameter names are those of Interactions; a statement that embeds it
// must not reuse them for anything else.
func interactionsMatch(f graph.InteractionFilter, params map[string]any) string {
	return interactionsMatchBy(f, params, "")
}

// interactionsMatchBy is interactionsMatch; a topic question with no
// person or cable finds the interactions naming a topic through the
// interactedTopics full-text index with the Lucene query topicq when it is
// not "" (see topicIndexQuery), instead of scanning them all.
func interactionsMatchBy(f graph.InteractionFilter, params map[string]any, topicq string) string {
	var conds []string
	// Start from the most selective index: the relationship index on
	// r.cable, else the persons' keys, else every INTERACTED edge.
	match := `MATCH (a:Person)-[r:INTERACTED]->(b:Person)`
	switch {
	case len(f.Cables) > 0:
		match = `MATCH (a:Person)-[r:INTERACTED]->(b:Person) WHERE r.cable IN $cables`
	case len(f.Persons) > 0:
		match = `CALL {
  MATCH (a:Person)-[r:INTERACTED]->(b:Person) WHERE a.key IN $persons RETURN a, r, b
  UNION
  MATCH (a:Person)-[r:INTERACTED]->(b:Person) WHERE b.key IN $persons RETURN a, r, b
}`
	}
	if len(f.Cables) > 0 {
		params["cables"] = strs(f.Cables)
		conds = append(conds, "r.cable IN $cables")
	}
	if len(f.Persons) > 0 {
		params["persons"] = strs(f.Persons)
		conds = append(conds, "(a.key IN $persons OR b.key IN $persons)")
	}
	kd := kindDateConds(f, params)
	if len(f.Topics) > 0 {
		params["topics"] = lowerAll(f.Topics)
		if len(f.Cables) == 0 && len(f.Persons) == 0 {
			match = topicAnchor(f, topicq)
			if topicq != "" {
				params["topicq"] = topicq
			}
			// The anchor tests the kinds in both its parts already.
			kd = dateConds(f, params)
		} else {
			conds = append(conds, topicCond)
		}
	}
	conds = append(conds, kd...)
	if len(conds) == 0 {
		return match
	}
	return match + " WITH a, r, b WHERE " + strings.Join(conds, " AND ")
}

// topicCond keeps the interactions of r whose topics or cable's tags
// include one of $topics (lower-cased).
const topicCond = `(any(t IN r.topics WHERE toLower(t) IN $topics) OR
  EXISTS { MATCH (c:Cable)-[:TAGGED]->(t:Tag) WHERE c.id = r.cable AND toLower(t.code) IN $topics })`

// kindDateConds are the conditions of f's kinds and date window on r.
func kindDateConds(f graph.InteractionFilter, params map[string]any) []string {
	var conds []string
	switch {
	case f.Kinds != nil:
		kinds := strs(f.Kinds)
		if f.IncludeCoMentions {
			kinds = append(kinds, graph.InteractionCoMentioned)
		}
		params["kinds"] = kinds
		conds = append(conds, "r.kind IN $kinds")
	case !f.IncludeCoMentions:
		params["co"] = graph.InteractionCoMentioned
		conds = append(conds, "r.kind <> $co")
	}
	return append(conds, dateConds(f, params)...)
}

// dateConds are the conditions of f's date window on r.
func dateConds(f graph.InteractionFilter, params map[string]any) []string {
	var conds []string
	if f.Since != nil {
		params["since"] = *utc(f.Since)
		conds = append(conds, "r.date >= $since")
	}
	if f.Until != nil {
		params["until"] = *utc(f.Until)
		conds = append(conds, "r.date <= $until")
	}
	return conds
}

// topicAnchor is the MATCH of a topic question with no person or cable to
// start from: the union of the interactions in cables tagged with a topic
// (tags, then the interacted_cable index) and those whose own topics name
// one. The second part cannot use an index for list membership, so it
// starts from the interacted_kind index when only some kinds are wanted
// (co-mentions, most of the edges, are usually excluded: the two ranges
// around coMentioned are exactly "kind <> coMentioned" for string kinds).
// The caller's conditions still apply to the union.
//
// With topicq, the second part starts from the interactedTopics full-text
// index instead (a superset: see topicIndexQuery) and keeps the exact
// matches with the same test.
func topicAnchor(f graph.InteractionFilter, topicq string) string {
	kind1, kind2 := "", ""
	switch {
	case f.Kinds != nil:
		kind1 = "r.kind IN $kinds AND "
		kind2 = kind1
	case !f.IncludeCoMentions:
		kind1 = "r.kind <> $co AND "
		kind2 = "(r.kind < $co OR r.kind > $co) AND "
	}
	named := `MATCH (a:Person)-[r:INTERACTED]->(b:Person) WHERE ` + kind2 + `any(t IN r.topics WHERE toLower(t) IN $topics)`
	if topicq != "" {
		named = `CALL db.index.fulltext.queryRelationships('interactedTopics', $topicq) YIELD relationship AS r
  WITH r WHERE ` + kind1 + `any(t IN r.topics WHERE toLower(t) IN $topics)
  MATCH (a:Person)-[r]->(b:Person)`
	}
	return `CALL {
  MATCH (t:Tag) WHERE toLower(t.code) IN $topics
  MATCH (t)<-[:TAGGED]-(c:Cable)
  MATCH (a:Person)-[r:INTERACTED]->(b:Person) USING INDEX r:INTERACTED(cable) WHERE ` + kind1 + `r.cable = c.id
  RETURN a, r, b
  UNION
  ` + named + `
  RETURN a, r, b
}`
}

// topicIndexQuery returns the Lucene query of the interactedTopics index
// (analyzer simple: runs of letters, lower-cased) that finds every
// interaction with a topic t whose toLower(t) is one of topics: one phrase
// of each topic's letter runs. Lower-casing an ASCII topic's letters keeps
// its runs and Lucene lower-cases them as Cypher does, so the hits are a
// superset the caller narrows with the exact test. It returns "" when a
// topic is not ASCII or has no letter (nothing to ask the index for).
func topicIndexQuery(topics []string) string {
	var phrases []string
	for _, t := range topics {
		t = strings.ToLower(t)
		if !isASCII(t) {
			return ""
		}
		runs := strings.FieldsFunc(t, func(r rune) bool { return r < 'a' || r > 'z' })
		if len(runs) == 0 {
			return ""
		}
		phrases = append(phrases, `"`+strings.Join(runs, " ")+`"`)
	}
	return strings.Join(phrases, " OR ")
}

// lowerAll is the lower-cased list parameter for topic matching, which
// compares case-insensitively.
func lowerAll(xs []string) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = strings.ToLower(x)
	}
	return out
}
