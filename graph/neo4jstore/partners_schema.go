package neo4jstore

import (
	"context"
	"fmt"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// ensurePartners computes every person's partners and every
// interaction's pair once on a database
// that does not say it has them (one written before partners existed, or
// whose backfill stopped halfway), then marks them exact. Writes keep
// them exact afterwards; an empty database costs one statement. Without
// a deadline from ctx it allows importFinishTimeout, not the read timeout:
// the backfill of the whole release takes about two minutes.
func (s *Store) ensurePartners(ctx context.Context, sess neo4j.SessionWithContext) error {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, importFinishTimeout)
		defer cancel()
	}
	recs, err := s.readOne(ctx, "ensure partners", cyPartnersReady, nil)
	if err != nil {
		return err
	}
	if len(recs) == 1 {
		if ok, _ := recs[0].Values[0].(bool); ok {
			return nil
		}
	}
	t0 := time.Now()
	for _, st := range []struct {
		name, cypher string
		params       map[string]any
	}{
		{"mark stale", cyPartnersStale, nil},
		{"backfill", cyBackfillPartners, map[string]any{"co": graph.InteractionCoMentioned}},
		{"backfill pairs", cyBackfillPairs, map[string]any{"co": graph.InteractionCoMentioned, "sep": pairSep}},
		{"mark exact", cyPartnersExact, nil},
	} {
		res, err := sess.Run(ctx, st.cypher, st.params)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return s.wrap(fmt.Sprintf("ensure partners: %s", st.name), err)
		}
	}
	s.log.Info("neo4j: computed every person's partners", "took", time.Since(t0).Round(time.Millisecond))
	return nil
}
