package neo4jstore

import (
	"context"
	"reflect"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
)

// sameAsMemstore checks that s holds the graph the memstore builds from
// the same cables: counts, and every person, tag and country.
func sameAsMemstore(t *testing.T, s *Store, cables []*graph.Cable, hashes []string) {
	t.Helper()
	ctx := context.Background()
	m := memstore.New()
	if err := m.WriteCables(ctx, cables, hashes); err != nil {
		t.Fatal(err)
	}
	counts := func(st graph.Store) *graph.Stats {
		t.Helper()
		x, err := st.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		x.Dataset = graph.DatasetInfo{}
		return x
	}
	if got, want := counts(s), counts(m); !reflect.DeepEqual(got, want) {
		t.Errorf("neo4j counts %v\nmemstore     %v", got, want)
	}
	var keys []string
	tags, countries := map[string]bool{}, map[string]bool{}
	for _, c := range cables {
		for _, p := range c.Persons {
			keys = append(keys, p.Key)
		}
		for _, tg := range c.Tags {
			tags[tg] = true
		}
		for _, k := range c.Countries {
			countries[k.Code] = true
		}
	}
	got, err := s.Persons(ctx, keys)
	if err != nil {
		t.Fatal(err)
	}
	want, err := m.Persons(ctx, keys)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 || !reflect.DeepEqual(got, want) {
		t.Errorf("persons differ from memstore (%d vs %d)", len(got), len(want))
	}
	for code := range tags {
		a, aerr := s.Tag(ctx, code)
		b, berr := m.Tag(ctx, code)
		if (aerr == nil) != (berr == nil) || !reflect.DeepEqual(a, b) {
			t.Errorf("tag %s: neo4j %+v (%v), memstore %+v (%v)", code, a, aerr, b, berr)
		}
	}
	for code := range countries {
		a, aerr := s.Country(ctx, code)
		b, berr := m.Country(ctx, code)
		if (aerr == nil) != (berr == nil) || !reflect.DeepEqual(a, b) {
			t.Errorf("country %s: neo4j %+v (%v), memstore %+v (%v)", code, a, aerr, b, berr)
		}
	}
}

func writeIn(t *testing.T, s *Store, cables []*graph.Cable, hashes []string, size int) {
	t.Helper()
	for i := 0; i < len(cables); i += size {
		j := min(i+size, len(cables))
		if err := s.WriteCables(context.Background(), cables[i:j], hashes[i:j]); err != nil {
			t.Fatalf("write: %v", err)
		}
	}
}

// TestNeo4jBulkMatchesMemstore writes real cables between BeginBulk and
// FinishBulk, rewriting part of them inside the same bulk (nodes that lose
// facts there), and checks the graph equals the memstore's.
func TestNeo4jBulkMatchesMemstore(t *testing.T) {
	neo4jURI(t)
	ctx := context.Background()
	cables, hashes := realCables(t, 300)
	s := openEmpty(t)
	if err := s.BeginBulk(ctx); err != nil {
		t.Fatal(err)
	}
	writeIn(t, s, cables, hashes, 120)
	writeIn(t, s, cables[50:150], hashes[50:150], 40)
	if err := s.FinishBulk(ctx); err != nil {
		t.Fatal(err)
	}
	sameAsMemstore(t, s, cables, hashes)

	// A second bulk that only adds cables folds into the stored values.
	more, moreHashes := realCables(t, 400)
	if err := s.BeginBulk(ctx); err != nil {
		t.Fatal(err)
	}
	writeIn(t, s, more[300:], moreHashes[300:], 60)
	if err := s.FinishBulk(ctx); err != nil {
		t.Fatal(err)
	}
	sameAsMemstore(t, s, more, moreHashes)
}

// TestNeo4jBulkCrashIsRepaired stops a bulk load before FinishBulk (as a
// killed loader would) and checks that the next bulk load repairs every
// aggregate, including those of the dead load's cables.
func TestNeo4jBulkCrashIsRepaired(t *testing.T) {
	neo4jURI(t)
	ctx := context.Background()
	cables, hashes := realCables(t, 200)
	dead := openEmpty(t)
	if err := dead.BeginBulk(ctx); err != nil {
		t.Fatal(err)
	}
	writeIn(t, dead, cables[:120], hashes[:120], 60)
	// Rewritten cables lose facts: orphans wait for a FinishBulk.
	writeIn(t, dead, cables[:30], hashes[:30], 30)

	s, err := Open(ctx, Config{URI: neo4jURI(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	if err := s.BeginBulk(ctx); err != nil {
		t.Fatal(err)
	}
	if !s.bulkAll {
		t.Fatal("BeginBulk after a dead bulk load did not see the stale mark")
	}
	writeIn(t, s, cables[120:], hashes[120:], 50)
	if err := s.FinishBulk(ctx); err != nil {
		t.Fatal(err)
	}
	sameAsMemstore(t, s, cables, hashes)

	// The mark is cleared: the next bulk load is incremental again.
	if err := s.BeginBulk(ctx); err != nil {
		t.Fatal(err)
	}
	if s.bulkAll {
		t.Error("stale mark still set after a finished bulk load")
	}
	if err := s.FinishBulk(ctx); err != nil {
		t.Fatal(err)
	}
}
