package neo4jstore

import (
	"context"
	"fmt"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Cypher of FinishImport: the lists the importer cannot write as empty
// (it reads an empty list as absent) where reads tell the two apart.
const (
	cyImportEmptyTags   = `MATCH (c:Cable) WHERE c.tags IS NULL SET c.tags = []`
	cyImportEmptyTopics = `
MATCH ()-[r:INTERACTED]->() WHERE r.` + importTopicsEmpty + ` = true
SET r.topics = [] REMOVE r.` + importTopicsEmpty
)

// FinishImport completes a database filled by neo4j-admin from an
// ImportWriter's files: it creates the schema, waits until every index is
// online, and restores the empty lists reads tell from absent ones. The
// aggregates are in the import already. It sets a new write stamp
// (write_stamp.go): a server that kept edges of the database this import
// replaced must not use them. It is idempotent.
func (s *Store) FinishImport(ctx context.Context) error {
	if _, ok := ctx.Deadline(); !ok {
		// Indexing the text of the whole release takes minutes, not the
		// default read deadline.
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, importFinishTimeout)
		defer cancel()
	}
	step := func(name string, f func(context.Context) error) error {
		t0 := time.Now()
		if err := f(ctx); err != nil {
			return fmt.Errorf("finish import: %s: %w", name, err)
		}
		s.log.Info("finish import", "step", name, "took", time.Since(t0).Round(time.Millisecond))
		return nil
	}
	return errorsFirst(
		func() error { return step("indexes", s.importIndexes) },
		func() error { return step("schema", s.EnsureSchema) },
		func() error { return step("empty lists", s.importEmptyLists) },
		func() error { return step("write stamp", s.newWriteStamp) },
	)
}

// importFinishTimeout bounds FinishImport when its context has no deadline.
const importFinishTimeout = 2 * time.Hour

// importIndexes creates the schema without waiting for it (EnsureSchema
// waits at most 300 s, less than the full-text index of the whole release
// takes to build) and waits until every index is online.
func (s *Store) importIndexes(ctx context.Context) error {
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeWrite})
	defer func() { _ = sess.Close(context.WithoutCancel(ctx)) }()
	for _, stmt := range schema {
		res, err := sess.Run(ctx, stmt, nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil && !alreadyExists(err) {
			return s.wrap("create schema", err)
		}
	}
	for {
		res, err := sess.Run(ctx, `SHOW INDEXES YIELD name, state, populationPercent WHERE state <> 'ONLINE'
RETURN name, state, populationPercent`, nil)
		if err != nil {
			return s.wrap("wait for indexes", err)
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return s.wrap("wait for indexes", err)
		}
		if len(recs) == 0 {
			return nil
		}
		for _, r := range recs {
			if str(r.Values[1]) == "FAILED" {
				return fmt.Errorf("index %s failed to build: %w", str(r.Values[0]), graph.ErrInvalid)
			}
		}
		s.log.Info("finish import: waiting for indexes", "building", len(recs), "first", str(recs[0].Values[0]),
			"percent", recs[0].Values[2])
		select {
		case <-ctx.Done():
			return s.wrap("wait for indexes", ctx.Err())
		case <-time.After(time.Second):
		}
	}
}

// errorsFirst runs the steps in order and stops at the first error.
func errorsFirst(steps ...func() error) error {
	for _, f := range steps {
		if err := f(); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) importEmptyLists(ctx context.Context) error {
	_, err := s.write(ctx, "import empty lists", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		if err := run(ctx, tx, cyImportEmptyTags, nil); err != nil {
			return nil, err
		}
		return nil, run(ctx, tx, cyImportEmptyTopics, nil)
	})
	return err
}
