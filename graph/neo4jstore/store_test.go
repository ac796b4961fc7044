package neo4jstore

// Every test that touches Neo4j lives in this package and none runs in
// parallel: Neo4j Community has one user database, and these tests empty
// it (wipe) before loading their fixtures. No other package may wipe it.

import (
	"context"
	"log/slog"
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

// openEmpty opens the test database, wipes it and ensures the schema, and
// wipes it again when the test ends: later packages' end-to-end tests share
// the database, load the seed into it when it is absent and assume no more.
func openEmpty(t testing.TB) *Store {
	t.Helper()
	ctx := context.Background()
	cfg := Config{URI: neo4jURI(t), QueryTimeout: 5 * time.Minute}
	if os.Getenv("CABLEGRAPH_TEST_DEBUG") != "" {
		cfg.Logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	s, err := Open(ctx, cfg)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	if err := wipe(ctx, s); err != nil {
		t.Fatalf("wipe: %v", err)
	}
	t.Cleanup(func() {
		// A fresh connection: the test may have closed s.
		ctx := context.Background()
		w, err := Open(ctx, Config{URI: cfg.URI, QueryTimeout: cfg.QueryTimeout})
		if err != nil {
			t.Errorf("wipe after the test: open: %v", err)
			return
		}
		defer func() { _ = w.Close(ctx) }()
		if err := wipe(ctx, w); err != nil {
			t.Errorf("wipe after the test: %v", err)
		}
	})
	if err := s.EnsureSchema(ctx); err != nil {
		t.Fatalf("ensure schema: %v", err)
	}
	return s
}

// wipe deletes every node, a few thousand per transaction so that a big
// graph never hits the server's transaction timeout.
func wipe(ctx context.Context, s *Store) error {
	for {
		out, err := s.write(ctx, "wipe", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
			recs, err := collect(ctx, tx, `MATCH (n) WITH n LIMIT 5000 DETACH DELETE n RETURN count(*)`, nil)
			if err != nil {
				return nil, err
			}
			return recs[0].Values[0], nil
		})
		if err != nil {
			return err
		}
		if out.(int64) == 0 {
			return nil
		}
	}
}

func hashesOf(cs []*graph.Cable) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = "h-" + c.ID + "-" + c.Subject
	}
	return out
}
