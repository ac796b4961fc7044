package neo4jstore

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/storetest"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// cyFindPersonsScan is the statement FindPersons ran before personNorms:
// a filter over every Person, kept as the oracle of the indexed one.
const cyFindPersonsScan = `MATCH (p:Person) WHERE $n IN p.norms OR ($sk <> '' AND p.surnameKey = $sk)`

// dbHits sums a profiled plan's database hits.
func dbHits(p neo4j.ProfiledPlan) int64 {
	if p == nil {
		return 0
	}
	n := p.DbHits()
	for _, c := range p.Children() {
		n += dbHits(c)
	}
	return n
}

// TestNeo4jFindPersonsUsesIndexes loads the fixtures, then for every name,
// surname and key of their persons (and names no one has) runs the
// indexed FindPersons statement and the full scan it replaced: both must
// return the same persons in the same order, the indexed plan must not scan
// the Person label, and it must touch fewer records (PROFILE db hits).
func TestNeo4jFindPersonsUsesIndexes(t *testing.T) {
	ctx := context.Background()
	s := openEmpty(t)
	// Leave the database empty: the resolvers' Neo4j e2e test loads the
	// seed only when it is missing and never deletes anything.
	t.Cleanup(func() {
		if err := wipe(ctx, s); err != nil {
			t.Errorf("wipe: %v", err)
		}
	})
	cables := storetest.Fixtures(t)
	hs := make([]string, len(cables))
	for i, c := range cables {
		hs[i] = "h:" + c.ID
	}
	if err := s.WriteCables(ctx, cables, hs); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	queries := []string{"Nobody Atall", "zzzz", `quote " and \ backslash`}
	for _, c := range cables {
		for _, m := range c.Persons {
			for _, q := range []string{m.Name, m.Surname, m.Key} {
				if q != "" && !seen[q] {
					seen[q] = true
					queries = append(queries, q)
				}
			}
		}
	}
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db})
	defer func() { _ = sess.Close(ctx) }()
	run := func(stmt string, params map[string]any) ([]string, neo4j.ResultSummary) {
		t.Helper()
		res, err := sess.Run(ctx, "PROFILE "+stmt+" RETURN p.key ORDER BY p.cables DESC, p.key", params)
		if err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
		var keys []string
		for res.Next(ctx) {
			keys = append(keys, res.Record().Values[0].(string))
		}
		sum, err := res.Consume(ctx)
		if err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
		return keys, sum
	}
	var hitsScan, hitsIndexed int64
	found := 0
	for _, q := range queries {
		n := graph.NormalizeName(q)
		if n == "" {
			continue
		}
		params := map[string]any{"n": n, "sk": "", "q": luceneTerm(n)}
		if !strings.Contains(n, " ") {
			params["sk"] = graph.NameKey(n)
		}
		want, sumScan := run(cyFindPersonsScan, params)
		got, sumIdx := run(cyFindPersons, params)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: indexed %v, scan %v", q, got, want)
		}
		if len(want) > 0 {
			found++
		}
		hitsScan += dbHits(sumScan.Profile())
		hitsIndexed += dbHits(sumIdx.Profile())
		for _, op := range operators(sumIdx.Plan()) {
			if strings.HasPrefix(op, "NodeByLabelScan") || strings.HasPrefix(op, "AllNodesScan") {
				t.Fatalf("%q: indexed plan scans: %v", q, operators(sumIdx.Plan()))
			}
		}
	}
	if found == 0 {
		t.Fatal("no query found anyone: the comparison tested nothing")
	}
	t.Logf("%d queries (%d with persons): db hits scan %d, indexed %d", len(queries), found, hitsScan, hitsIndexed)
	if hitsIndexed >= hitsScan {
		t.Errorf("indexed lookups touched %d records, the scan %d", hitsIndexed, hitsScan)
	}
}
