package neo4jstore

import (
	"context"
	"reflect"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
)

// TestNeo4jRewriteIsIdempotent writes real cables, then writes them all
// again in differently cut batches (the replacement path: every node is
// recomputed from its facts), and checks that the counts do not move and
// equal the memstore's for the same cables.
func TestNeo4jRewriteIsIdempotent(t *testing.T) {
	neo4jURI(t)
	cables, hashes := realCables(t, 400)
	ctx := context.Background()
	s := openEmpty(t)
	m := memstore.New()
	writeIn := func(st graph.Store, size int) {
		t.Helper()
		for i := 0; i < len(cables); i += size {
			j := min(i+size, len(cables))
			if err := st.WriteCables(ctx, cables[i:j], hashes[i:j]); err != nil {
				t.Fatalf("write: %v", err)
			}
		}
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
	writeIn(s, 150)
	first := counts(s)
	writeIn(s, 70)
	second := counts(s)
	if !reflect.DeepEqual(first, second) {
		t.Errorf("counts moved on rewrite:\nfirst  %v\nsecond %v", first, second)
	}
	writeIn(m, 400)
	if want := counts(m); !reflect.DeepEqual(second, want) {
		t.Errorf("neo4j counts %v\nmemstore      %v", second, want)
	}
	var keys []string
	for _, c := range cables {
		for _, p := range c.Persons {
			keys = append(keys, p.Key)
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
	if !reflect.DeepEqual(got, want) {
		t.Errorf("persons differ from memstore after the rewrite")
	}
	t.Logf("counts after rewrite: %v", second)
}
