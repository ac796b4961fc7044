package neo4jstore

import (
	"context"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Some reads rely on data the writes derive (topic keys, partners and pair
// keys): a database written before that data existed lacks it, and the
// reads would silently miss what is not there. A LoadState node per kind
// of derived data says, with stale = false, that all of it is present
// (like the aggregates' node); the reads use the derived data only then,
// and EnsureSchema computes it once on a database that does not say so
// (ensureDerived).

// markReady is the statement reading whether the LoadState node named
// state says its data is complete (true), else false or null.
func markReady(state string) string {
	return `OPTIONAL MATCH (s:LoadState {name: '` + state + `'}) RETURN s.stale = false`
}

// markStale and markExact are the statements setting that node's mark.
func markStale(state string) string {
	return `MERGE (s:LoadState {name: '` + state + `'}) SET s.stale = true`
}

func markExact(state string) string {
	return `MERGE (s:LoadState {name: '` + state + `'}) SET s.stale = false`
}

// backfill is one statement of a derived data's computation.
type backfill struct {
	name, cypher string
	params       map[string]any
}

// ensureDerived runs fills in order, then marks state exact, unless the
// LoadState node named state already says the data is complete. sess is
// EnsureSchema's auto-commit session (CALL IN TRANSACTIONS needs one).
// The fills take minutes at the release's size: without a deadline from
// ctx they are bounded by importFinishTimeout, not the read timeout.
func (s *Store) ensureDerived(ctx context.Context, sess neo4j.SessionWithContext, state string, fills []backfill) error {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, importFinishTimeout)
		defer cancel()
	}
	run := func(cypher string, params map[string]any) ([]*neo4j.Record, error) {
		res, err := sess.Run(ctx, cypher, params)
		if err != nil {
			return nil, err
		}
		return res.Collect(ctx)
	}
	recs, err := run(markReady(state), nil)
	if err != nil {
		return s.wrap("ensure schema: "+state+" mark", err)
	}
	if len(recs) == 1 && recs[0].Values[0] == true {
		return nil
	}
	t0 := time.Now()
	for _, f := range append(fills, backfill{name: "mark exact", cypher: markExact(state)}) {
		if _, err := run(f.cypher, f.params); err != nil {
			return s.wrap(fmt.Sprintf("ensure schema: %s: %s", state, f.name), err)
		}
	}
	s.log.Info("neo4j: derived data computed for the whole database", "data", state, "took", time.Since(t0).Round(time.Millisecond))
	return nil
}
