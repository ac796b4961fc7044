package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// schema is every constraint and index the store relies on. Uniqueness
// constraints give the MERGE on business keys an index and make a
// duplicate impossible; the other indexes serve the reads' filters.
var schema = []string{
	`CREATE CONSTRAINT cable_id IF NOT EXISTS FOR (c:Cable) REQUIRE c.id IS UNIQUE`,
	`CREATE CONSTRAINT person_key IF NOT EXISTS FOR (p:Person) REQUIRE p.key IS UNIQUE`,
	`CREATE CONSTRAINT country_code IF NOT EXISTS FOR (c:Country) REQUIRE c.code IS UNIQUE`,
	`CREATE CONSTRAINT tag_code IF NOT EXISTS FOR (t:Tag) REQUIRE t.code IS UNIQUE`,
	`CREATE CONSTRAINT reference_id IF NOT EXISTS FOR (r:Reference) REQUIRE r.id IS UNIQUE`,
	`CREATE CONSTRAINT organization_key IF NOT EXISTS FOR (o:Organization) REQUIRE o.key IS UNIQUE`,
	`CREATE CONSTRAINT dataset_name IF NOT EXISTS FOR (d:Dataset) REQUIRE d.name IS UNIQUE`,
	`CREATE INDEX cable_created IF NOT EXISTS FOR (c:Cable) ON (c.created)`,
	`CREATE INDEX cable_origin IF NOT EXISTS FOR (c:Cable) ON (c.origin)`,
	// Origin filters are case-insensitive: they use the lower-cased copy.
	`CREATE INDEX cable_origin_lower IF NOT EXISTS FOR (c:Cable) ON (c.originLower)`,
	`CREATE INDEX cable_classification IF NOT EXISTS FOR (c:Cable) ON (c.classification)`,
	`CREATE INDEX person_cables IF NOT EXISTS FOR (p:Person) ON (p.cables)`,
	// FindPersons: RANGE indexes do not index lists, a keyword full-text index does (one term per norm).
	`CREATE FULLTEXT INDEX personNorms IF NOT EXISTS FOR (p:Person) ON EACH [p.norms] OPTIONS {indexConfig: {` + "`fulltext.analyzer`" + `: 'keyword'}}`,
	`CREATE INDEX person_surname_key IF NOT EXISTS FOR (p:Person) ON (p.surnameKey)`,
	`CREATE INDEX interacted_cable IF NOT EXISTS FOR ()-[r:INTERACTED]-() ON (r.cable)`,
	`CREATE INDEX interacted_kind IF NOT EXISTS FOR ()-[r:INTERACTED]-() ON (r.kind)`,
	// Discussions: the interactions whose topics name a topic, without
	// scanning them all (RANGE indexes do not index lists); analyzer
	// simple (letter runs, lower-cased) so that a lookup is
	// case-insensitive. Eventually consistent like cableText: reads wait.
	`CREATE FULLTEXT INDEX interactedTopics IF NOT EXISTS FOR ()-[r:INTERACTED]-() ON EACH [r.topics]
	 OPTIONS {indexConfig: {` + "`fulltext.analyzer`" + `: 'simple', ` + "`fulltext.eventually_consistent`" + `: true}}`,
	// Discussions: the sentences naming a topic word, so that the text
	// pass reads those and not every interaction of every cable naming
	// the word. Analyzer simple like interactedTopics: a whole-word
	// occurrence of a word's letter runs is a phrase of its tokens, so
	// the hits are a superset the caller narrows (see evidenceQuery).
	`CREATE FULLTEXT INDEX interactedEvidence IF NOT EXISTS FOR ()-[r:INTERACTED]-() ON EACH [r.evidence]
	 OPTIONS {indexConfig: {` + "`fulltext.analyzer`" + `: 'simple', ` + "`fulltext.eventually_consistent`" + `: true}}`,
	// Discussions: the topical interactions that are not co-mentions
	// (see topickeys_rows.go).
	topicKeysIndex,
	// Discussions: the sentences of non-co-mentions naming a topic word
	// (see evidence_topical.go).
	topicEvidenceIndex,
	// Connection: the interactions between two persons without reading
	// either's relationships (see partners_aggregate.go).
	pairIndex,
	// Eventually consistent: commits do not wait for Lucene, which
	// halves the cost of a load batch; Search waits for pending updates
	// (awaitEventuallyConsistentIndexRefresh), so a reader still sees
	// every committed cable.
	`CREATE FULLTEXT INDEX cableText IF NOT EXISTS FOR (c:Cable) ON EACH [c.subject, c.body]
	 OPTIONS {indexConfig: {` + "`fulltext.eventually_consistent`" + `: true}}`,
}

// EnsureSchema creates the constraints and indexes (idempotent) and waits
// until they are online, so that the first load already uses them. A
// full-text index still being built is waited for only briefly and then
// left to finish in the background (awaitSchema).
func (s *Store) EnsureSchema(ctx context.Context) error {
	caller := ctx // the backfills bound themselves: minutes at full size
	ctx, cancel := s.deadline(ctx)
	defer cancel()
	// Schema statements cannot share a transaction with anything else, so
	// each runs in its own auto-commit transaction.
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeWrite})
	defer func() { _ = sess.Close(context.WithoutCancel(ctx)) }()
	for _, stmt := range schema {
		// Auto-commit statements are not retried by the driver; two
		// processes creating the schema at once can deadlock on the label
		// lock, which is transient: try again a few times.
		var err error
		for attempt := 0; attempt < 5; attempt++ {
			var res neo4j.ResultWithContext
			res, err = sess.Run(ctx, stmt, nil)
			if err == nil {
				_, err = res.Consume(ctx)
			}
			if alreadyExists(err) {
				// IF NOT EXISTS still fails when another process creates
				// the same rule at the same moment: it exists, as wanted.
				err = nil
			}
			if err == nil || !neo4j.IsRetryable(err) {
				break
			}
			select {
			case <-ctx.Done():
				return s.wrap("ensure schema", ctx.Err())
			case <-time.After(time.Duration(attempt+1) * 200 * time.Millisecond):
			}
		}
		if err != nil {
			return s.wrap("ensure schema", err)
		}
	}
	if err := s.awaitSchema(ctx, sess); err != nil {
		return err
	}
	if err := s.ensurePartners(caller, sess); err != nil {
		return err
	}
	if err := s.ensureTopicKeys(caller, sess); err != nil {
		return err
	}
	if err := s.ensureTopicEvidence(caller, sess); err != nil {
		return err
	}
	s.log.Debug("neo4j schema ensured", "statements", len(schema))
	return nil
}

// fulltextWait is how long EnsureSchema waits for a full-text index that
// is not online yet, in seconds.
const fulltextWait = 10

// awaitSchema waits until the indexes that are not online are: each range
// index and constraint (writes MERGE through them) for up to 300 s, each
// full-text index for fulltextWait. A full-text index this version added
// to an existing graph takes many minutes to build at the release's size
// (interactedEvidence: about 20 on this project's 2-core machine); the
// load must not fail on it, and its readers fall back to the slower path
// until it is online, so it is logged and left to build.
func (s *Store) awaitSchema(ctx context.Context, sess neo4j.SessionWithContext) error {
	res, err := sess.Run(ctx, `SHOW INDEXES YIELD name, type, state, populationPercent WHERE state <> 'ONLINE'
RETURN name, type, state, populationPercent`, nil)
	if err != nil {
		return s.wrap("ensure schema: list indexes", err)
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return s.wrap("ensure schema: list indexes", err)
	}
	for _, r := range recs {
		name, typ, state := str(r.Values[0]), str(r.Values[1]), str(r.Values[2])
		if state == "FAILED" {
			return fmt.Errorf("ensure schema: index %s failed to build: %w", name, graph.ErrInvalid)
		}
		secs := int64(300)
		if typ == "FULLTEXT" {
			secs = fulltextWait
		}
		res, err := sess.Run(ctx, `CALL db.awaitIndex($name, $secs)`, map[string]any{"name": name, "secs": secs})
		if err == nil {
			_, err = res.Consume(ctx)
		}
		switch {
		case err == nil:
		case typ == "FULLTEXT" && ctx.Err() == nil:
			s.log.Warn("neo4j: a full-text index is still being built; it is used once online, and until then the questions that need it take the slower path",
				"index", name, "percent", r.Values[3])
		default:
			return s.wrap("ensure schema: await index "+name, err)
		}
	}
	return nil
}

// alreadyExists reports the error Neo4j gives when a concurrent session
// created the same index or constraint first.
func alreadyExists(err error) bool {
	var ne *neo4j.Neo4jError
	if !errors.As(err, &ne) {
		return false
	}
	switch ne.Code {
	case "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists",
		"Neo.ClientError.Schema.IndexAlreadyExists",
		"Neo.ClientError.Schema.ConstraintAlreadyExists":
		return true
	}
	return false
}
