package neo4jstore

import (
	"context"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Topic evidence: the text part of a discussions question ("Kosovo")
// wants the interactions, co-mentions excluded, whose evidence names the
// word. The interactedEvidence index covers every interaction, and at the
// release's size "kosovo" is in 3,873 sentences, most of them
// co-mentions the statement reads only to drop. So every interaction
// that is not a co-mention also carries its evidence as r.topicEvidence,
// and the interactedTopicEvidence index over it finds only the sentences
// the question can keep; co-mentions carry none, so the index skips them.
// A relationship is never changed once created (a replacement deletes and
// creates), so the copy is exact from its CREATE (cyInteracted).
//
// A database written before the property existed lacks it: the
// LoadState node named topicEvidenceState says, with stale = false, that
// every interaction that is not a co-mention carries it, and the
// statement reads that mark itself (no cache to go stale) and asks the
// old index without it. EnsureSchema backfills an older database and then
// sets the mark (ensureDerived). The import writes the property and the
// mark itself (import_writer.go), so that its finish back-fills nothing.

// topicEvidenceProp is the INTERACTED property holding the evidence of a
// non-co-mention.
const topicEvidenceProp = "topicEvidence"

// topicEvidenceState names the LoadState node whose stale = false says
// that every interaction that is not a co-mention carries topicEvidence.
const topicEvidenceState = "topicEvidence"

// topicEvidenceIndex is the schema statement of the index over
// r.topicEvidence, configured as interactedEvidence so that evidenceQuery
// finds the same superset among the sentences it covers.
const topicEvidenceIndex = `CREATE FULLTEXT INDEX interactedTopicEvidence IF NOT EXISTS FOR ()-[r:INTERACTED]-() ON EACH [r.` + topicEvidenceProp + `]
	 OPTIONS {indexConfig: {` + "`fulltext.analyzer`" + `: 'simple', ` + "`fulltext.eventually_consistent`" + `: true}}`

// cyTopicEvidenceFill copies the evidence of every non-co-mention that
// lacks the copy, one batch of relationships per transaction.
const cyTopicEvidenceFill = `
MATCH ()-[r:INTERACTED]->() WHERE r.kind <> $co AND r.` + topicEvidenceProp + ` IS NULL AND r.evidence IS NOT NULL
CALL (r) {
  SET r.` + topicEvidenceProp + ` = r.evidence
} IN TRANSACTIONS OF 10000 ROWS`

// topicEvidenceOf is the topicEvidence property of an interaction of kind
// with evidence, as Cypher for cyInteracted's row: null for a co-mention.
const topicEvidenceOf = `CASE WHEN row.kind <> '` + graph.InteractionCoMentioned + `' THEN row.evidence END`

// ensureTopicEvidence backfills topicEvidence when the mark is not set,
// then sets it (ensureDerived).
func (s *Store) ensureTopicEvidence(ctx context.Context, sess neo4j.SessionWithContext) error {
	return s.ensureDerived(ctx, sess, topicEvidenceState, []backfill{
		{"mark stale", markStale(topicEvidenceState), nil},
		{"backfill", cyTopicEvidenceFill, map[string]any{"co": graph.InteractionCoMentioned}},
	})
}

// evidenceHits is the start of the discussions statement's evidence part
// for word wi: the relationships r whose evidence the word's query
// $evqs[wi] finds. With topical (co-mentions excluded, so the caller drops
// them anyway), from interactedTopicEvidence when the mark says every
// non-co-mention carries its copy, else from interactedEvidence.
func evidenceHits(topical bool) string {
	if !topical {
		return `
    CALL db.index.fulltext.queryRelationships('interactedEvidence', $evqs[wi]) YIELD relationship AS r`
	}
	return `
    OPTIONAL MATCH (ls:LoadState {name: '` + topicEvidenceState + `'})
    WITH wi, coalesce(ls.stale = false, false) AS own
    CALL (wi, own) {
      WITH wi WHERE own
      CALL db.index.fulltext.queryRelationships('interactedTopicEvidence', $evqs[wi]) YIELD relationship AS r
      RETURN r
      UNION ALL
      WITH wi WHERE NOT own
      CALL db.index.fulltext.queryRelationships('interactedEvidence', $evqs[wi]) YIELD relationship AS r
      RETURN r
    }`
}
