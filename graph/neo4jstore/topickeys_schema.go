package neo4jstore

import (
	"context"
	"sync"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// A database written before topic keys existed has interactions without
// them, and the interactedTopicKeys index would silently miss those: the
// discussions statement asks the index only when the LoadState node named
// topicKeysState says every interaction carries its keys (stale = false,
// the mark the aggregates and partners use too). EnsureSchema backfills
// the keys of an older database and then sets the mark; this version's
// writes (WriteCables, the import files) write the keys, so the mark stays
// true across them.

// topicKeysIndex is the schema statement of the index over r.topicKeys:
// analyzer simple like interactedTopics (so topicIndexQuery's phrases find
// a superset of the exact matches), eventually consistent like the others
// (reads wait for it with awaitText).
const topicKeysIndex = `CREATE FULLTEXT INDEX interactedTopicKeys IF NOT EXISTS FOR ()-[r:INTERACTED]-() ON EACH [r.topicKeys]
	 OPTIONS {indexConfig: {` + "`fulltext.analyzer`" + `: 'simple', ` + "`fulltext.eventually_consistent`" + `: true}}`

// Cypher of the flag and of the backfill. The backfill computes the keys
// as topicKeys does, with Cypher's own toLower (which cypherLower
// reproduces), one batch of relationships per transaction so that a
// database of millions of interactions is not one huge transaction.
const (
	cyTopicKeysFill = `
MATCH ()-[r:INTERACTED]->() WHERE r.kind <> $co AND r.topicKeys IS NULL
CALL (r) {
  OPTIONAL MATCH (c:Cable {id: r.cable})-[:TAGGED]->(t:Tag)
  WITH r, [x IN coalesce(r.topics, []) | toLower(x)] + collect(toLower(t.code)) AS ks
  SET r.topicKeys = reduce(acc = [], k IN ks | CASE WHEN k IN acc THEN acc ELSE acc + k END)
} IN TRANSACTIONS OF 10000 ROWS`
)

// topicKeysState names the LoadState node whose stale = false says that
// every interaction that is not a co-mention carries its topic keys.
const topicKeysState = "topicKeys"

// topicKeysRecheck is how long a Store trusts a flag it read as unset
// before reading it again (another process's EnsureSchema may set it); a
// set flag is trusted for the Store's life, since this version's writes
// keep it true.
const topicKeysRecheck = 30 * time.Second

// topicKeysMark caches the topicKeysState mark for one Store.
type topicKeysMark struct {
	mu    sync.Mutex
	known bool
	on    bool
	at    time.Time
}

func (t *topicKeysMark) set(on bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.known, t.on, t.at = true, on, time.Now()
}

// topicKeysOn reports whether every interaction carries its topic keys,
// from the cache or, when stale, the database. An error reading the flag
// counts as unset: the fallback statement answers the same, slower.
func (s *Store) topicKeysOn(ctx context.Context) bool {
	t := &s.topicKeys
	t.mu.Lock()
	if t.known && (t.on || time.Since(t.at) < topicKeysRecheck) {
		on := t.on
		t.mu.Unlock()
		return on
	}
	t.mu.Unlock()
	recs, err := s.readOne(ctx, "topic keys flag", markReady(topicKeysState), nil)
	if err != nil {
		s.log.Debug("neo4j: topic keys flag unread; discussions take the fallback statement", "err", err)
		return false
	}
	on := len(recs) == 1 && recs[0].Values[0] == true
	t.set(on)
	return on
}

// ensureTopicKeys backfills the topic keys of the interactions that lack
// them, when the mark is not set yet, and then sets it (ensureDerived).
func (s *Store) ensureTopicKeys(ctx context.Context, sess neo4j.SessionWithContext) error {
	err := s.ensureDerived(ctx, sess, topicKeysState, []backfill{
		{"backfill", cyTopicKeysFill, map[string]any{"co": graph.InteractionCoMentioned}},
	})
	if err == nil {
		s.topicKeys.set(true)
	}
	return err
}
