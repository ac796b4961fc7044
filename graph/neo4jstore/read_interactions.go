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
	if n, ok := m["paragraph"].(int64); ok {
		in.Paragraph = int(n)
	}
	if c, ok := m["confidence"].(float64); ok {
		in.Confidence = c
	}
	if t, ok := m["date"].(time.Time); ok {
		u := t.UTC()
		in.Date = &u
	}
	return in
}

// interactionsMatch compiles f (Limit aside) into a MATCH ... WITH a, r, b
// WHERE ... binding a, r and b, adding its parameters to params. The
// parameter names are those of Interactions; a statement that embeds it
// must not reuse them for anything else.
func interactionsMatch(f graph.InteractionFilter, params map[string]any) string {
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
	conds = append(conds, kindDateConds(f, params)...)
	if len(f.Topics) > 0 {
		topics := make([]any, len(f.Topics))
		for i, t := range f.Topics {
			topics[i] = strings.ToLower(t)
		}
		params["topics"] = topics
		if len(f.Cables) == 0 && len(f.Persons) == 0 {
			match = topicAnchor(f)
		} else {
			conds = append(conds, topicCond)
		}
	}
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
func topicAnchor(f graph.InteractionFilter) string {
	kind1, kind2 := "", ""
	switch {
	case f.Kinds != nil:
		kind1 = "r.kind IN $kinds AND "
		kind2 = kind1
	case !f.IncludeCoMentions:
		kind1 = "r.kind <> $co AND "
		kind2 = "(r.kind < $co OR r.kind > $co) AND "
	}
	return `CALL {
  MATCH (t:Tag) WHERE toLower(t.code) IN $topics
  MATCH (t)<-[:TAGGED]-(c:Cable)
  MATCH (a:Person)-[r:INTERACTED]->(b:Person) USING INDEX r:INTERACTED(cable) WHERE ` + kind1 + `r.cable = c.id
  RETURN a, r, b
  UNION
  MATCH (a:Person)-[r:INTERACTED]->(b:Person) WHERE ` + kind2 + `any(t IN r.topics WHERE toLower(t) IN $topics)
  RETURN a, r, b
}`
}
