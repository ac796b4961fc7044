package neo4jstore

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Config says how to reach Neo4j.
type Config struct {
	URI, User, Password, Database string // Database defaults to "neo4j"; empty User means no auth
	Logger                        *slog.Logger
	// BatchSize is the number of rows per UNWIND statement; default 2000.
	BatchSize int
	// QueryTimeout is the deadline applied to a read whose context has
	// none; default 30s.
	QueryTimeout time.Duration
	// WriteTimeout is the deadline applied to one WriteCables batch whose
	// context has none; default 10 minutes. A batch of hundreds of cables
	// on a busy machine takes tens of seconds, and a load must not fail
	// on a read-sized deadline.
	WriteTimeout time.Duration
}

// Store is a graph.Store backed by Neo4j. It is safe for concurrent use:
// the driver pools connections and every call opens its own session.
type Store struct {
	driver  neo4j.DriverWithContext
	db      string
	uri     string
	log     *slog.Logger
	batch   int
	timeout time.Duration
	wtime   time.Duration

	// writeMu makes this process one writer: WriteCables folds new facts
	// into shared nodes' current values (read, then SET), which two
	// concurrent transactions would race on. Other processes must not
	// write the same database at the same time (the loader is the writer).
	writeMu sync.Mutex
	// bulk, between BeginBulk and FinishBulk, collects the shared nodes
	// whose aggregates are deferred; bulkAll says an earlier bulk load
	// died, so FinishBulk recomputes every one. Guarded by writeMu.
	bulk    *touched
	bulkAll bool

	// edges keeps the first edges of nodes with edgeCacheMin edges or
	// more (edges_cache.go); tests lower the threshold.
	edges        edgeCache
	edgeCacheMin int

	// topicKeys caches whether every interaction carries its topic keys
	// (topickeys_schema.go).
	topicKeys topicKeysMark

	// chainProbe, when not 0, replaces probeKeys (partners_chain.go):
	// tests make both of the statement's counts answer.
	chainProbe int
}

var _ graph.Store = (*Store)(nil)

// Open connects to Neo4j and checks that the database answers. The error
// says what is wrong: unreachable server, bad credentials or a missing
// database.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.URI == "" {
		return nil, fmt.Errorf("neo4j: no URI given: %w", graph.ErrInvalid)
	}
	if cfg.Database == "" {
		cfg.Database = "neo4j"
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = 2000
	}
	if cfg.QueryTimeout <= 0 {
		cfg.QueryTimeout = 30 * time.Second
	}
	if cfg.WriteTimeout <= 0 {
		cfg.WriteTimeout = 10 * time.Minute
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	auth := neo4j.NoAuth()
	if cfg.User != "" {
		auth = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	drv, err := neo4j.NewDriverWithContext(cfg.URI, auth)
	if err != nil {
		return nil, fmt.Errorf("neo4j: bad URI %q: %w", cfg.URI, err)
	}
	s := &Store{
		driver:  drv,
		db:      cfg.Database,
		uri:     cfg.URI,
		log:     cfg.Logger,
		batch:   cfg.BatchSize,
		timeout: cfg.QueryTimeout,
		wtime:   cfg.WriteTimeout,

		edgeCacheMin: defaultEdgeCacheMin,
	}
	if err := s.Ping(ctx); err != nil {
		_ = drv.Close(context.WithoutCancel(ctx))
		return nil, err
	}
	s.log.Debug("neo4j connected", "uri", cfg.URI, "database", cfg.Database)
	return s, nil
}

// Close releases the driver's connections.
func (s *Store) Close(ctx context.Context) error {
	if err := s.driver.Close(ctx); err != nil {
		return fmt.Errorf("neo4j: close: %w", err)
	}
	return nil
}

// Ping checks that the server answers and the database exists.
func (s *Store) Ping(ctx context.Context) error {
	ctx, cancel := s.deadline(ctx)
	defer cancel()
	if err := s.driver.VerifyConnectivity(ctx); err != nil {
		return s.wrap("connect", err)
	}
	_, err := s.read(ctx, "ping", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		return collect(ctx, tx, `RETURN 1 AS ok`, nil)
	})
	return err
}

// deadline gives ctx the default timeout when it has no deadline.
func (s *Store) deadline(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, s.timeout)
}

type txFunc func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error)

// read runs fn in a read transaction on the named database, with a
// deadline; op names the call in errors.
func (s *Store) read(ctx context.Context, op string, fn txFunc) (any, error) {
	return s.exec(ctx, op, neo4j.AccessModeRead, fn)
}

// write runs fn in one write transaction: all of it lands or none does.
// The driver retries transient failures, so fn must be repeatable.
func (s *Store) write(ctx context.Context, op string, fn txFunc) (any, error) {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, s.wtime)
		defer cancel()
	}
	return s.exec(ctx, op, neo4j.AccessModeWrite, fn)
}

func (s *Store) exec(ctx context.Context, op string, mode neo4j.AccessMode, fn txFunc) (any, error) {
	ctx, cancel := s.deadline(ctx)
	defer cancel()
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: mode})
	defer func() { _ = sess.Close(context.WithoutCancel(ctx)) }()
	work := func(tx neo4j.ManagedTransaction) (any, error) { return fn(ctx, tx) }
	var (
		out any
		err error
	)
	if mode == neo4j.AccessModeRead {
		out, err = sess.ExecuteRead(ctx, work)
	} else {
		out, err = sess.ExecuteWrite(ctx, work)
	}
	if err != nil {
		return nil, s.wrap(op, err)
	}
	return out, nil
}

// readOne runs one read-only statement as an auto-commit transaction and
// returns its records. ExecuteRead wraps a statement in BEGIN and COMMIT,
// a second round trip (and two more server messages) per question for a
// read that needs no isolation from itself; the read questions made of a
// single statement (a connection's frontier and proof, a cable and what
// its page shows) use this instead. A transient failure (the driver's
// retryable errors: a dropped connection, a leader switch) is retried
// once, as ExecuteRead would.
func (s *Store) readOne(ctx context.Context, op, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	ctx, cancel := s.deadline(ctx)
	defer cancel()
	var (
		recs []*neo4j.Record
		err  error
	)
	for try := 0; try < 2; try++ {
		recs, err = s.autoCommit(ctx, cypher, params)
		if err == nil || !neo4j.IsRetryable(err) || ctx.Err() != nil {
			break
		}
	}
	if err != nil {
		return nil, s.wrap(op, err)
	}
	return recs, nil
}

func (s *Store) autoCommit(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeRead})
	defer func() { _ = sess.Close(context.WithoutCancel(ctx)) }()
	res, err := sess.Run(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// collect runs one statement and returns all its records.
func collect(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// run runs one statement and discards its records.
func run(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any) error {
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}
