package neo4jstore

import (
	"context"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The write stamp is the token of the WriteStamp {name: 'writes'} node,
// set to a new random value by every write transaction that adds or
// removes relationships or writes cables (WriteCables' facts, the
// aggregates' AFFILIATED_WITH edges and orphan deletions) and by
// FinishImport. An answer computed after reading a token is current for
// as long as the token stays the same, whichever process writes: the server
// keeps hubs' first edges under it (edges_cache.go). A database without
// the node (no writer of this version touched it) gets none kept.

const (
	cyWriteStamp     = `OPTIONAL MATCH (g:WriteStamp {name: 'writes'}) RETURN g.token`
	cyBumpWriteStamp = `MERGE (g:WriteStamp {name: 'writes'}) SET g.token = randomUUID()`
)

// bumpWriteStamp sets a new stamp inside a write transaction: every kept
// answer of every server is stale once it commits.
func bumpWriteStamp(ctx context.Context, tx neo4j.ManagedTransaction) error {
	return run(ctx, tx, cyBumpWriteStamp, nil)
}

// newWriteStamp sets a new stamp in a transaction of its own.
func (s *Store) newWriteStamp(ctx context.Context) error {
	_, err := s.write(ctx, "write stamp", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		return nil, bumpWriteStamp(ctx, tx)
	})
	return err
}

// writeStamp reads the stamp ("" when there is none).
func writeStamp(ctx context.Context, tx neo4j.ManagedTransaction) (string, error) {
	recs, err := collect(ctx, tx, cyWriteStamp, nil)
	if err != nil {
		return "", err
	}
	toks := make([]string, 0, len(recs))
	for _, r := range recs {
		if t := str(r.Values[0]); t != "" {
			toks = append(toks, t)
		}
	}
	// Two stamp nodes (two writers that raced on the MERGE) are one
	// stamp; each write changes both.
	slices.Sort(toks)
	return strings.Join(toks, ","), nil
}
