package neo4jstore

import (
	"slices"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
)

// Topic keys: a topical discussions question ("Kosovo") wants the
// interactions, co-mentions excluded, whose topics or whose cable's tags
// name a topic. Answered from the tags (then the interacted_cable index)
// and the interactedTopics index, it reads mostly co-mentions (1.94M of
// the release's 2.2M interactions) only to drop them. Each interaction
// that is not a co-mention therefore carries r.topicKeys, its topics and
// its cable's tag codes lower-cased and distinct, and the
// interactedTopicKeys full-text index over them finds the topical ones in
// one lookup; co-mentions carry none, so the index skips them.
//
// The keys are lower-cased as Cypher's toLower lower-cases (the generic
// test, topicCond, compares toLower(topic) and toLower(code)): Go folds
// U+0130 into ASCII "i" where Java gives "i" and U+0307; every other
// letter lowering into ASCII lowers alike in both. The keys of the same
// interaction are thus equal, for every ASCII question (the only ones the
// index path accepts, see topicIndexQuery), to what topicCond compares.

// topicKeysProp is the INTERACTED property holding the keys, the
// interactedTopicKeys index's property and the import file's column.
const topicKeysProp = "topicKeys"

// topicKeys returns the topicKeys of an interaction of kind with topics
// in a cable tagged tags: nil (no property) for a co-mention, else the
// distinct lower-cased topics and non-empty tag codes, sorted (an empty
// list when there are none, so that the backfill can tell a done
// interaction from one still to do).
func topicKeys(kind string, topics, tags []string) any {
	if kind == graph.InteractionCoMentioned {
		return nil
	}
	keys := make([]string, 0, len(topics)+len(tags))
	for _, t := range topics {
		keys = append(keys, cypherLower(t))
	}
	for _, t := range tags {
		if t != "" {
			keys = append(keys, cypherLower(t))
		}
	}
	slices.Sort(keys)
	return strs(slices.Compact(keys))
}

// cypherLower lower-cases s as Cypher's toLower does for the purpose of
// comparing with an ASCII value (see the note above topicKeysProp).
func cypherLower(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, "\u0130", "i\u0307"))
}

// topicKeysUsable reports whether a discussions question with filter f
// may find its topical interactions through the interactedTopicKeys
// index: only when co-mentions are excluded (they carry no keys).
func topicKeysUsable(f graph.InteractionFilter) bool {
	return !f.IncludeCoMentions && !slices.Contains(f.Kinds, graph.InteractionCoMentioned)
}

// topicKeysCond is topicCond for an interaction that carries its topic
// keys: the same test, without reading the cable's tags.
const topicKeysCond = `any(t IN r.` + topicKeysProp + ` WHERE t IN $topics)`

// topicKeysMatch is interactionsMatchBy(f, params, topicq) for a topic
// question with no person, cable or limit whose co-mentions are excluded
// (topicKeysUsable), on a database whose interactions all carry their
// keys: one lookup of the interactedTopicKeys index (a superset, as for
// interactedTopics) narrowed by the exact test, instead of the union of
// the tagged cables' interactions and the interactedTopics hits, both of
// which read mostly co-mentions to drop them.
func topicKeysMatch(f graph.InteractionFilter, params map[string]any, topicq string) string {
	params["topics"] = lowerAll(f.Topics)
	params["topicq"] = topicq
	conds := append(kindDateConds(f, params), topicKeysCond)
	return `CALL db.index.fulltext.queryRelationships('interactedTopicKeys', $topicq) YIELD relationship AS r
  WITH r WHERE ` + strings.Join(conds, " AND ") + `
  MATCH (a:Person)-[r]->(b:Person)`
}
