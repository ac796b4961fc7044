package neo4jstore

import (
	"context"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// ensurePartners computes every person's partners and every
// interaction's pair once on a database that does not say it has them
// (one written before partners existed, or whose backfill stopped
// halfway: the mark is stale from the first statement to the last), then
// marks them exact. Writes keep them exact afterwards; an empty database
// costs one statement. The backfill of the whole release takes about two
// minutes (see ensureDerived for its bound).
func (s *Store) ensurePartners(ctx context.Context, sess neo4j.SessionWithContext) error {
	co := graph.InteractionCoMentioned
	return s.ensureDerived(ctx, sess, partnersState, []backfill{
		{"mark stale", markStale(partnersState), nil},
		{"backfill", cyBackfillPartners, map[string]any{"co": co}},
		{"backfill pairs", cyBackfillPairs, map[string]any{"co": co, "sep": pairSep}},
	})
}
