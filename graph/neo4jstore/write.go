package neo4jstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Cypher of WriteCables, in the order it runs: forget the cables' old
// outgoing facts (remembering which shared nodes they touched), write
// nodes, then relationships, then recompute what depends on them.
const (
	cyDropCableFacts = `
MATCH (c:Cable)-[r:TAGGED|ORIGINATED_IN|CONCERNS|CITES|MENTIONS_ORG]->(n)
WHERE c.id IN $ids
WITH r, type(r) AS t, coalesce(n.code, n.id, n.key) AS k
DELETE r
RETURN DISTINCT t, k`
	cyDropPersonFacts = `
MATCH (p:Person)-[r:MENTIONED_IN|CLASSIFIED|SIGNED]->(c:Cable)
WHERE c.id IN $ids
WITH r, p.key AS k
DELETE r
RETURN DISTINCT k`
	cyDropInteractions = `
MATCH ()-[r:INTERACTED]->() WHERE r.cable IN $ids DELETE r`

	cyCables = `
UNWIND $rows AS row
MERGE (c:Cable {id: row.id})
SET c.created = row.created, c.released = row.released, c.classification = row.classification,
    c.origin = row.origin, c.originLower = row.originLower, c.subject = row.subject, c.body = row.body, c.tags = row.tags,
    c.hash = row.hash, c.doc = row.doc`

	cyExisting = `MATCH (c:Cable) WHERE c.id IN $ids RETURN c.id`

	cyTagged = `
UNWIND $rows AS row
MATCH (c:Cable {id: row.cable}) MERGE (t:Tag {code: row.code})
CREATE (c)-[:TAGGED {meaning: row.meaning, kind: row.kind}]->(t)`
	cyOriginated = `
UNWIND $rows AS row
MATCH (c:Cable {id: row.cable}) MERGE (k:Country {code: row.code}) ON CREATE SET k.name = ''
CREATE (c)-[:ORIGINATED_IN]->(k)`
	cyConcerns = `
UNWIND $rows AS row
MATCH (c:Cable {id: row.cable}) MERGE (k:Country {code: row.code}) ON CREATE SET k.name = ''
CREATE (c)-[:CONCERNS {count: row.count, name: row.name}]->(k)`
	cyCites = `
UNWIND $rows AS row
MATCH (c:Cable {id: row.cable}) MERGE (r:Reference {id: row.id}) ON CREATE SET r.kind = 'cable'
CREATE (c)-[:CITES {letter: row.letter, raw: row.raw}]->(r)`
	cyMentionsOrg = `
UNWIND $rows AS row
MATCH (c:Cable {id: row.cable}) MERGE (o:Organization {key: row.key})
CREATE (c)-[:MENTIONS_ORG {count: row.count, name: row.name, kind: row.kind}]->(o)`
	cyMentioned = `
UNWIND $rows AS row
MATCH (c:Cable {id: row.cable}) MERGE (p:Person {key: row.key})
CREATE (p)-[:MENTIONED_IN {count: row.count, paragraphs: row.paragraphs, name: row.name,
  surname: row.surname, aliases: row.aliases, roles: row.roles, country: row.country, how: row.how}]->(c)`
	cyClassified = `
UNWIND $rows AS row
MATCH (c:Cable {id: row.cable}) MATCH (p:Person {key: row.key})
CREATE (p)-[:CLASSIFIED]->(c)`
	cySigned = `
UNWIND $rows AS row
MATCH (c:Cable {id: row.cable}) MATCH (p:Person {key: row.key})
CREATE (p)-[:SIGNED]->(c)`
	cyInteracted = `
UNWIND $rows AS row
MATCH (a:Person {key: row.a}) MATCH (b:Person {key: row.b})
CREATE (a)-[:INTERACTED {kind: row.kind, status: row.status, cable: row.cable, paragraph: row.paragraph,
  evidence: row.evidence, topics: row.topics, date: row.date, confidence: row.confidence, topicKeys: row.topicKeys,
  pair: row.pair, ` + topicEvidenceProp + `: ` + topicEvidenceOf + `}]->(b)`
	// A reference resolves to a loaded cable whichever was written first.
	cyResolves = `
UNWIND $ids AS id
MATCH (r:Reference {id: id}) MATCH (c:Cable {id: id})
MERGE (r)-[:RESOLVES_TO]->(c)`

	cyOrphanRefs      = `UNWIND $keys AS k MATCH (n:Reference {id: k}) WHERE NOT ()-[:CITES]->(n) DETACH DELETE n`
	cyOrphanOrgs      = `UNWIND $keys AS k MATCH (n:Organization {key: k}) WHERE NOT ()-[:MENTIONS_ORG]->(n) DETACH DELETE n`
	cyOrphanTags      = `UNWIND $keys AS k MATCH (n:Tag {code: k}) WHERE NOT ()-->(n) DETACH DELETE n`
	cyOrphanCountries = `UNWIND $keys AS k MATCH (n:Country {code: k}) WHERE NOT ()-->(n) DETACH DELETE n`

	cyHashes  = `MATCH (c:Cable) WHERE c.id IN $ids RETURN c.id AS id, c.hash AS hash`
	cyDataset = `
MERGE (d:Dataset {name: 'dataset'})
SET d.version = $version, d.loadedAt = $loadedAt, d.cables = $cables`
)

// WriteCables replaces every fact of each given cable in one transaction.
// Between BeginBulk and FinishBulk it writes the facts only and remembers
// which shared nodes to recompute.
func (s *Store) WriteCables(ctx context.Context, cables []*graph.Cable, hashes []string) error {
	b, err := buildRows(cables, hashes)
	if err != nil {
		return err
	}
	if len(b.ids) == 0 {
		return nil
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	start := time.Now()
	var (
		inTx time.Duration
		t    *touched
	)
	fresh := freshOf(b)
	_, err = s.write(ctx, "write cables", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		t0 := time.Now()
		defer func() { inTx = time.Since(t0) }()
		var err error
		t, err = s.writeFacts(ctx, tx, b)
		if err != nil || s.bulk != nil {
			return nil, err
		}
		t.fresh = fresh
		return nil, s.aggregates(ctx, tx, t)
	})
	if err != nil {
		return err
	}
	if s.bulk != nil {
		t.fresh = fresh
		s.bulk.merge(t)
	}
	s.log.Debug("neo4j wrote cables", "cables", len(b.ids), "persons", len(b.personKey),
		"interactions", len(b.interacted), "statements", inTx, "took", time.Since(start))
	return nil
}

// stringSet keeps insertion order, for deterministic parameters. It keeps
// copies of what it is given: sets outlive the batch they are filled from
// (a bulk load's touched nodes, the import writer's countries), and a
// string of a cable decoded from the loader's spool is a slice of its
// whole record, which a kept slice would keep alive until the end.
type stringSet struct {
	seen map[string]bool
	list []string
}

func (s *stringSet) add(v ...string) {
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	for _, x := range v {
		if x != "" && !s.seen[x] {
			x = strings.Clone(x)
			s.seen[x] = true
			s.list = append(s.list, x)
		}
	}
}

// writeFacts forgets the old facts of the batch's cables that are already
// stored and writes the new ones. It returns the shared nodes that lost
// facts. A batch of cables none of which is stored (every batch of a first
// load) skips the forgetting and CREATEs its cables instead of MERGEing.
func (s *Store) writeFacts(ctx context.Context, tx neo4j.ManagedTransaction, b *batchRows) (*touched, error) {
	t := &touched{}
	t0 := time.Now()
	// Set in the transaction that changes the relationships; aggregates,
	// when in the same transaction, need no second one.
	if err := bumpWriteStamp(ctx, tx); err != nil {
		return nil, fmt.Errorf("write stamp: %w", err)
	}
	recs, err := collect(ctx, tx, cyExisting, map[string]any{"ids": strs(b.ids)})
	if err != nil {
		return nil, fmt.Errorf("find stored cables: %w", err)
	}
	existing := make([]any, 0, len(recs))
	for _, r := range recs {
		existing = append(existing, r.Values[0])
	}

	// 1. Forget the old facts of the stored cables.
	if len(existing) > 0 {
		recs, err := collect(ctx, tx, cyDropCableFacts, map[string]any{"ids": existing})
		if err != nil {
			return nil, fmt.Errorf("drop old cable facts: %w", err)
		}
		for _, r := range recs {
			rel, _ := r.Values[0].(string)
			k, _ := r.Values[1].(string)
			switch rel {
			case graph.RelCites:
				t.refs.add(k)
			case graph.RelMentionsOrg:
				t.orgs.add(k)
			case graph.RelTagged:
				t.tags.add(k)
			default:
				t.countries.add(k)
			}
		}
		recs, err = collect(ctx, tx, cyDropPersonFacts, map[string]any{"ids": existing})
		if err != nil {
			return nil, fmt.Errorf("drop old person facts: %w", err)
		}
		for _, r := range recs {
			k, _ := r.Values[0].(string)
			t.persons.add(k)
		}
		if err := run(ctx, tx, cyDropInteractions, map[string]any{"ids": existing}); err != nil {
			return nil, fmt.Errorf("drop old interactions: %w", err)
		}
	}
	s.log.Debug("neo4j write step", "step", "drop old facts", "stored", len(existing), "took", time.Since(t0))

	// 2. Cables, then their relationships; each MERGEs the shared node
	// at its far end on its constrained key (one pass instead of a node
	// pass and a relationship pass).
	// Cables are MERGEd even when none was found stored: CREATE would
	// save little and turn a concurrent writer into a constraint error.
	steps := []struct {
		name, cypher string
		rows         []any
	}{
		{"cables", cyCables, b.cables},
		{"TAGGED", cyTagged, b.tagged},
		{"ORIGINATED_IN", cyOriginated, b.originated},
		{"CONCERNS", cyConcerns, b.concerns},
		{"CITES", cyCites, b.cites},
		{"MENTIONS_ORG", cyMentionsOrg, b.mentionsOrg},
		{"MENTIONED_IN", cyMentioned, b.mentioned},
		{"CLASSIFIED", cyClassified, b.classified},
		{"SIGNED", cySigned, b.signed},
		{"INTERACTED", cyInteracted, b.interacted},
	}
	for _, st := range steps {
		t0 := time.Now()
		if err := s.unwind(ctx, tx, st.cypher, "rows", st.rows); err != nil {
			return nil, fmt.Errorf("write %s: %w", st.name, err)
		}
		s.log.Debug("neo4j write step", "step", st.name, "rows", len(st.rows), "took", time.Since(t0))
	}
	var resolve stringSet
	resolve.add(b.ids...)
	resolve.add(b.refIDs...)
	if err := s.unwind(ctx, tx, cyResolves, "ids", strs(resolve.list)); err != nil {
		return nil, fmt.Errorf("write RESOLVES_TO: %w", err)
	}
	return t, nil
}

// aggregates recomputes the shared nodes t names (step 3) and deletes
// those nothing points at any more (step 4).
func (s *Store) aggregates(ctx context.Context, tx neo4j.ManagedTransaction, t *touched) error {
	t0 := time.Now()
	defer func() { s.log.Debug("neo4j write step", "step", "aggregates", "took", time.Since(t0)) }()
	// 3. Aggregates of every shared node touched: recomputed from all
	// its facts when it lost some, else folded with the new ones.
	affLost, err := s.personAggregates(ctx, tx, t.fresh, t.persons)
	if err != nil {
		return err
	}
	var gone stringSet
	gone.add(t.countries.list...)
	gone.add(affLost...)
	for i, spec := range nodeSpecs {
		var lost stringSet
		switch spec.label {
		case graph.KindTag:
			lost = t.tags
		case graph.KindCountry:
			lost = t.countries
		case graph.KindOrganization:
			lost = t.orgs
		case graph.KindReference:
			lost = t.refs
		}
		if err := s.nodeAggregates(ctx, tx, i, lost, t.fresh); err != nil {
			return err
		}
	}

	// 4. Shared nodes nothing points at any more go.
	orphans := []struct {
		name, cypher string
		keys         []string
	}{
		{"persons", cyDeletePersons, t.persons.list},
		{"references", cyOrphanRefs, t.refs.list},
		{"organizations", cyOrphanOrgs, t.orgs.list},
		{"tags", cyOrphanTags, t.tags.list},
		{"countries", cyOrphanCountries, gone.list},
	}
	for _, o := range orphans {
		if err := s.unwind(ctx, tx, o.cypher, "keys", strs(o.keys)); err != nil {
			return fmt.Errorf("delete orphan %s: %w", o.name, err)
		}
	}
	return nil
}

// unwind runs an UNWIND statement over rows in chunks of the batch size.
func (s *Store) unwind(ctx context.Context, tx neo4j.ManagedTransaction, cypher, param string, rows []any) error {
	for chunk := range chunks(rows, s.batch) {
		if err := run(ctx, tx, cypher, map[string]any{param: chunk}); err != nil {
			return err
		}
	}
	return nil
}

// chunks yields rows in slices of at most n; nothing for no rows.
func chunks(rows []any, n int) func(func([]any) bool) {
	return func(yield func([]any) bool) {
		for len(rows) > 0 {
			k := min(n, len(rows))
			if !yield(rows[:k]) {
				return
			}
			rows = rows[k:]
		}
	}
}

// CableHashes returns the stored content hash of each loaded cable.
func (s *Store) CableHashes(ctx context.Context, ids []string) (map[string]string, error) {
	out := make(map[string]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	_, err := s.read(ctx, "cable hashes", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		recs, err := collect(ctx, tx, cyHashes, map[string]any{"ids": strs(ids)})
		for _, r := range recs {
			out[str(r.Values[0])] = str(r.Values[1])
		}
		return nil, err
	})
	return out, err
}

// SetDataset records the dataset version on the single Dataset node.
func (s *Store) SetDataset(ctx context.Context, d graph.DatasetInfo) error {
	_, err := s.write(ctx, "set dataset", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		return nil, run(ctx, tx, cyDataset, map[string]any{
			"version": d.Version, "loadedAt": timeParam(utc(d.LoadedAt)), "cables": int64(d.Cables),
		})
	})
	return err
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// strList converts a driver list; a missing property (nil) stays nil.
func strList(v any) []string {
	if v == nil {
		return nil
	}
	raw, _ := v.([]any)
	out := make([]string, 0, len(raw))
	for _, x := range raw {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

var _ graph.HashIndex = (*Store)(nil)

// AllCableHashes returns the stored hash of every cable.
func (s *Store) AllCableHashes(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	_, err := s.read(ctx, "all cable hashes", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		clear(out)
		res, err := tx.Run(ctx, `MATCH (c:Cable) RETURN c.id, c.hash`, nil)
		if err != nil {
			return nil, err
		}
		for res.Next(ctx) {
			r := res.Record()
			out[str(r.Values[0])] = str(r.Values[1])
		}
		return nil, res.Err()
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// SetCableHashes replaces the stored hash of stored cables, nothing else.
func (s *Store) SetCableHashes(ctx context.Context, hashes map[string]string) error {
	rows := make([]any, 0, len(hashes))
	for id, h := range hashes {
		rows = append(rows, map[string]any{"id": id, "hash": h})
	}
	if len(rows) == 0 {
		return nil
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	_, err := s.write(ctx, "set cable hashes", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		return nil, s.unwind(ctx, tx, `UNWIND $rows AS row MATCH (c:Cable {id: row.id}) SET c.hash = row.hash`, "rows", rows)
	})
	return err
}
