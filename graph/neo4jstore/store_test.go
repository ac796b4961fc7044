package neo4jstore

// Every test that touches Neo4j lives in this package and none runs in
// parallel: Neo4j Community has one user database, and these tests empty
// it (wipe) before loading their fixtures. No other package may wipe it.

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// neo4jURI returns the test database URI or skips the test.
func neo4jURI(t testing.TB) string {
	t.Helper()
	uri := os.Getenv("CABLEGRAPH_NEO4J_URI")
	if uri == "" {
		t.Skip("CABLEGRAPH_NEO4J_URI not set: start Neo4j with `make neo4j-up` and run `make test`")
	}
	return uri
}

// openEmpty opens the test database, wipes it and ensures the schema.
func openEmpty(t testing.TB) *Store {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, Config{URI: neo4jURI(t), QueryTimeout: 5 * time.Minute})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	if err := wipe(ctx, s); err != nil {
		t.Fatalf("wipe: %v", err)
	}
	if err := s.EnsureSchema(ctx); err != nil {
		t.Fatalf("ensure schema: %v", err)
	}
	return s
}

// wipe deletes every node. CALL {} IN TRANSACTIONS needs an auto-commit
// transaction, hence session.Run.
func wipe(ctx context.Context, s *Store) error {
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db})
	defer func() { _ = sess.Close(ctx) }()
	res, err := sess.Run(ctx, `MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`, nil)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}

func hashesOf(cs []*graph.Cable) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = "h-" + c.ID + "-" + c.Subject
	}
	return out
}
