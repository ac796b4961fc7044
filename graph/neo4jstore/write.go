package neo4jstore

import (
	"context"
	"fmt"
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
  evidence: row.evidence, topics: row.topics, date: row.date, confidence: row.confidence}]->(b)`
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
	var inTx time.Duration
	_, err = s.write(ctx, "write cables", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		t0 := time.Now()
		defer func() { inTx = time.Since(t0) }()
		return nil, s.writeBatch(ctx, tx, b)
	})
	if err != nil {
		return err
	}
	s.log.Debug("neo4j wrote cables", "cables", len(b.ids), "persons", len(b.personKey),
		"interactions", len(b.interacted), "statements", inTx, "took", time.Since(start))
	return nil
}

// stringSet keeps insertion order, for deterministic parameters.
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
			s.seen[x] = true
			s.list = append(s.list, x)
		}
	}
}

func (s *Store) writeBatch(ctx context.Context, tx neo4j.ManagedTransaction, b *batchRows) error {
	ids := b.ids
	var oldRefs, oldOrgs, oldTags, countries, lostPersons stringSet

	// 1. Forget the old facts of these cables.
	t0 := time.Now()
	recs, err := collect(ctx, tx, cyDropCableFacts, map[string]any{"ids": ids})
	if err != nil {
		return fmt.Errorf("drop old cable facts: %w", err)
	}
	for _, r := range recs {
		t, _ := r.Values[0].(string)
		k, _ := r.Values[1].(string)
		switch t {
		case graph.RelCites:
			oldRefs.add(k)
		case graph.RelMentionsOrg:
			oldOrgs.add(k)
		case graph.RelTagged:
			oldTags.add(k)
		default:
			countries.add(k)
		}
	}
	recs, err = collect(ctx, tx, cyDropPersonFacts, map[string]any{"ids": ids})
	if err != nil {
		return fmt.Errorf("drop old person facts: %w", err)
	}
	for _, r := range recs {
		k, _ := r.Values[0].(string)
		lostPersons.add(k)
	}
	if err := run(ctx, tx, cyDropInteractions, map[string]any{"ids": ids}); err != nil {
		return fmt.Errorf("drop old interactions: %w", err)
	}
	s.log.Debug("neo4j write step", "step", "drop old facts", "took", time.Since(t0))

	// 2. Cables, then their relationships; each MERGEs the shared node
	// at its far end on its constrained key (one pass instead of a node
	// pass and a relationship pass).
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
			return fmt.Errorf("write %s: %w", st.name, err)
		}
		s.log.Debug("neo4j write step", "step", st.name, "rows", len(st.rows), "took", time.Since(t0))
	}
	var resolve stringSet
	resolve.add(ids...)
	resolve.add(b.refIDs...)
	if err := s.unwind(ctx, tx, cyResolves, "ids", strs(resolve.list)); err != nil {
		return fmt.Errorf("write RESOLVES_TO: %w", err)
	}

	t0 = time.Now()
	defer func() { s.log.Debug("neo4j write step", "step", "aggregates", "took", time.Since(t0)) }()
	// 3. Aggregates of every shared node touched: recomputed from all
	// its facts when it lost some, else folded with the new ones.
	affLost, err := s.personAggregates(ctx, tx, b, lostPersons)
	if err != nil {
		return err
	}
	var gone stringSet
	gone.add(countries.list...)
	gone.add(affLost...)
	for _, spec := range nodeSpecs {
		var lost stringSet
		switch spec.label {
		case graph.KindTag:
			lost = oldTags
		case graph.KindCountry:
			lost = countries
		case graph.KindOrganization:
			lost = oldOrgs
		case graph.KindReference:
			lost = oldRefs
		}
		if err := s.nodeAggregates(ctx, tx, spec, lost, b); err != nil {
			return err
		}
	}

	// 4. Shared nodes nothing points at any more go.
	orphans := []struct {
		name, cypher string
		keys         []string
	}{
		{"persons", cyDeletePersons, lostPersons.list},
		{"references", cyOrphanRefs, oldRefs.list},
		{"organizations", cyOrphanOrgs, oldOrgs.list},
		{"tags", cyOrphanTags, oldTags.list},
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
