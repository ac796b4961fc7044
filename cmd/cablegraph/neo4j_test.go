package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/neo4jstore"
)

// TestNeo4jLoadCommand runs `cablegraph load` twice on a slice of the real
// cables against the Neo4j of CABLEGRAPH_NEO4J_URI and checks the second run
// writes nothing and leaves the same counts.
//
// It does not wipe the database (other packages' tests own that) and
// asserts nothing about what was there before; it assumes no other test
// writes to Neo4j while it runs, so packages with Neo4j tests must run one at
// a time (go test -p 1), as make test does.
func TestNeo4jLoadCommand(t *testing.T) {
	uri := os.Getenv("CABLEGRAPH_NEO4J_URI")
	if uri == "" {
		t.Skip("CABLEGRAPH_NEO4J_URI not set: no Neo4j to load into (make test sets it)")
	}
	dir := filepath.Join(sharedDir(t), "data", "cables", "cablegate-html-fragments", "cable", "2004", "08")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := len(entries)
	ctx := context.Background()
	store, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: uri})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close(ctx)
	counts := func() *graph.Stats {
		st, err := store.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		st.Dataset = graph.DatasetInfo{}
		return st
	}

	failures := filepath.Join(t.TempDir(), "failures.tsv")
	if _, stderr, err := runCmd(t, ctx, nil, "load", dir, "--neo4j", uri, "--batch", "10", "--failures", failures); err != nil {
		t.Fatalf("first load: %v\n%s", err, stderr)
	}
	first := counts()
	if first.Nodes[graph.KindCable] < n {
		t.Errorf("Neo4j holds %d cables, want at least the %d loaded", first.Nodes[graph.KindCable], n)
	}
	_, stderr, err := runCmd(t, ctx, nil, "load", "--neo4j", uri, dir)
	if err != nil {
		t.Fatalf("second load: %v\n%s", err, stderr)
	}
	if want := fmt.Sprintf("0 loaded, %d unchanged, 0 failed", n); !strings.Contains(stderr, want) {
		t.Errorf("second load summary lacks %q:\n%s", want, stderr)
	}
	if second := counts(); !reflect.DeepEqual(first, second) {
		t.Errorf("counts changed on reload:\nfirst  %+v\nsecond %+v", first, second)
	}
}
