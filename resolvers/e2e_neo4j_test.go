package resolvers_test

import (
	"context"
	"os"
	"testing"

	"github.com/cablegraph/cablegraph/graph/neo4jstore"
	"github.com/cablegraph/cablegraph/resolvers/e2etest"
)

// TestE2ENeo4j runs the same end-to-end suite against a real Neo4j, so
// both stores answer the API the same way. It loads the seed only when
// it is missing and never deletes anything.
func TestE2ENeo4j(t *testing.T) {
	uri := os.Getenv("CABLEGRAPH_NEO4J_URI")
	if uri == "" {
		t.Skip("CABLEGRAPH_NEO4J_URI is not set: start Neo4j with `make neo4j-up` and run `make test`")
	}
	ctx := context.Background()
	store, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: uri})
	if err != nil {
		t.Fatalf("open %s: %v", uri, err)
	}
	t.Cleanup(func() { _ = store.Close(ctx) })
	e2etest.RunE2E(t, store)
}
