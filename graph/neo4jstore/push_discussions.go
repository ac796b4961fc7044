package neo4jstore

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// DiscussionInteractions reads, in one statement, everything a
// discussions question reads over the Reader (graph/query,
// DiscussionsSource): topical is Interactions(base with Topics: topics);
// byWord[i] holds the interactions passing base in the cables of
// ListCables(Text: words[i], base's window) whose evidence contains
// words[i] lower-cased (a superset of the whole-word matches the
// caller keeps). Over the Reader that is four statements or more, the text
// pass shipping every interaction of 500 cables per batch; here the cables
// never leave the database and only sentences naming the word come back.
//
// ok is false, with nothing read, when the question is not one this
// statement reproduces exactly: base with persons, cables, topics or a
// limit; no topics; a word the full-text index cannot narrow (ListCables
// would scan every cable) or that is not ASCII (Go's and Java's
// lower-casing differ outside ASCII).
func (s *Store) DiscussionInteractions(ctx context.Context, base graph.InteractionFilter, topics, words []string) (topical []graph.Interaction, byWord [][]graph.Interaction, ok bool, err error) {
	if len(base.Persons) > 0 || len(base.Cables) > 0 || len(base.Topics) > 0 || base.Limit != 0 || len(topics) == 0 {
		return nil, nil, false, nil
	}
	var textqs, split, lower []any
	for _, w := range words {
		lq := substringQuery(w)
		lw := strings.ToLower(w)
		if lq == "" || !isASCII(lw) {
			return nil, nil, false, nil
		}
		textqs = append(textqs, lq)
		split = append(split, strs(slices.DeleteFunc(strings.Fields(lw), indexDecides)))
		lower = append(lower, lw)
	}
	f := base
	f.Topics = topics
	params := map[string]any{"textqs": textqs, "twords": split, "tlw": lower}
	topicq := topicIndexQuery(topics)
	topical, byWord, err = s.discussionInteractions(ctx, f, words, params, topicq)
	if err != nil && topicq != "" && noTopicIndex(err) {
		// A database loaded before the index existed: scan, until the
		// next load's EnsureSchema creates it.
		s.log.Debug("neo4j: no interactedTopics index; topics are scanned", "err", err)
		topical, byWord, err = s.discussionInteractions(ctx, f, words, params, "")
	}
	if err != nil {
		return nil, nil, true, err
	}
	return topical, byWord, true, nil
}

// noTopicIndex tells the error of a statement asking an interactedTopics
// index the database does not have.
func noTopicIndex(err error) bool {
	return err != nil && strings.Contains(err.Error(), "interactedTopics")
}

// discussionInteractions runs the statement of DiscussionInteractions; f
// is base with the topics, params holds the text pass's parameters.
func (s *Store) discussionInteractions(ctx context.Context, f graph.InteractionFilter, words []string, params map[string]any, topicq string) (topical []graph.Interaction, byWord [][]graph.Interaction, err error) {
	base := f
	base.Topics = nil
	params = maps.Clone(params)
	topicalMatch := interactionsMatchBy(f, params, topicq)
	cableConds := []string{"all(w IN $twords[wi] WHERE toLower(c.subject + ' ' + c.body) CONTAINS w)"}
	if base.Since != nil {
		cableConds = append(cableConds, "c.created >= $since")
	}
	if base.Until != nil {
		cableConds = append(cableConds, "c.created <= $until")
	}
	// U+0130 is the one letter Go lower-cases into ASCII and Java does
	// not: a sentence holding it is kept for the caller's exact test.
	relConds := append(kindDateConds(base, params), "(toLower(r.evidence) CONTAINS $tlw[wi] OR r.evidence CONTAINS '\u0130')")
	cypher := `CALL () {
` + topicalMatch + `
  RETURN a, r, b, 0 AS part, 0 AS wi
  UNION ALL
  UNWIND range(0, size($tlw) - 1) AS wi
  CALL (wi) {
    CALL db.index.fulltext.queryNodes('cableText', $textqs[wi]) YIELD node AS c
    WITH c WHERE ` + strings.Join(cableConds, " AND ") + `
    RETURN c.id AS cid
  }
  MATCH (a:Person)-[r:INTERACTED]->(b:Person) USING INDEX r:INTERACTED(cable) WHERE r.cable = cid
  WITH a, r, b, wi WHERE ` + strings.Join(relConds, " AND ") + `
  RETURN a, r, b, 1 AS part, wi
}
RETURN ` + interactionColumns + `, part, wi
ORDER BY part, wi, ` + interactionOrder
	_, err = s.read(ctx, "discussion interactions", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		topical = []graph.Interaction{}
		byWord = make([][]graph.Interaction, len(words))
		if len(words) > 0 || topicq != "" {
			// Both full-text indexes are eventually consistent.
			if err := run(ctx, tx, awaitText, nil); err != nil {
				return nil, err
			}
		}
		recs, err := collect(ctx, tx, cypher, params)
		for _, rec := range recs {
			in := toInteraction(rec.Values)
			part, _ := rec.Values[5].(int64)
			wi, _ := rec.Values[6].(int64)
			switch {
			case part == 0:
				topical = append(topical, in)
			case wi >= 0 && int(wi) < len(byWord):
				byWord[wi] = append(byWord[wi], in)
			default:
				return nil, fmt.Errorf("discussion interactions: row for word %d of %d", wi, len(byWord))
			}
		}
		return nil, err
	})
	return topical, byWord, err
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
