package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

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

// TestNeo4jServeIsReadyAfterWarmUp starts `cablegraph serve --neo4j` and
// checks that /readyz says ready only once the warm-up is done (its log
// line written), while /healthz answers from the start, and that every
// warm-up statement ran (--verbose logs each).
func TestNeo4jServeIsReadyAfterWarmUp(t *testing.T) {
	uri := os.Getenv("CABLEGRAPH_NEO4J_URI")
	if uri == "" {
		t.Skip("CABLEGRAPH_NEO4J_URI not set: no Neo4j to serve from (make test sets it)")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url, _, errb, done := startServe(t, ctx, "--neo4j", uri, "--verbose")
	base := strings.TrimSuffix(url, "/graphql")
	get := func(path string) int {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := get("/healthz"); code != http.StatusOK {
		t.Errorf("/healthz: %d while warming up, want 200", code)
	}
	deadline := time.Now().Add(2 * time.Minute)
	for get("/readyz") != http.StatusOK {
		if time.Now().After(deadline) {
			t.Fatalf("/readyz not ready after 2 minutes\n%s", errb.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(errb.String(), "warmed up") {
		t.Errorf("/readyz said ready before the warm-up was done:\n%s", errb.String())
	}
	if strings.Contains(errb.String(), "warm-up statement failed") || !strings.Contains(errb.String(), "failed=0") {
		t.Errorf("a warm-up statement failed:\n%s", errb.String())
	}
	if !strings.Contains(errb.String(), `msg="neo4j warm-up statement" statement="discussion page"`) {
		t.Errorf("--verbose logged no timing of the warm-up's statements:\n%s", errb.String())
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve after cancel: %v", err)
	}
}
