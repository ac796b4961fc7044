package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	"github.com/cablegraph/cablegraph/examples"
	"github.com/cablegraph/cablegraph/explorer"
	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/loader"
	"github.com/cablegraph/cablegraph/resolvers"
)

const serveHelp = `
cablegraph serve answers relationship questions over GraphQL at /graphql,
with a GraphiQL playground at /, an explorer page at /explore/ (see who is
connected to whom and read the proving sentences), a health check at
/healthz, a readiness check at /readyz and metrics at /metrics.

Usage:
  cablegraph serve [flags]

Without --neo4j it needs no database: it loads the cables at the --data paths
into an embedded in-process store at start-up (progress on stderr), or, with
no --data, the example cable 08MOSCOW235 shipped in the binary. With --neo4j
it serves the graph already in Neo4j (see cablegraph load); --data paths are
then loaded into Neo4j first. Right after Neo4j starts, its first answers
are slow (plans to compile, pages to read): serve warms it up in the
background (10-30 s for the whole release) while already answering, and
/readyz answers 503 until that is done.

Restarts are fast: after loading --data into the embedded store, serve
writes a snapshot of the store to the cache directory in the background
(once it is serving), and the next start with the same inputs restores the
snapshot instead of parsing, in a fraction of the time. The snapshot is
keyed by the inputs (paths, sizes, modification times), the flags that
change extraction (--format, --gazetteer, --no-resolve) and the binary
itself, so a changed input or a new build loads again. A damaged or
outdated snapshot is reported and ignored. --force loads from the inputs
(and rewrites the snapshot); --no-cache neither reads nor writes one.
Snapshots of stdin (-) are never made. One snapshot is kept per set of
--data paths; it is about the size of the inputs' text.

Memory: the embedded store holds the whole release (251,287 cables) in
about 10-12 GB (RSS) once loaded or restored, 7-9 GB of it live; its
first load peaks near 16 GB on a 24 GB machine (the collector is relaxed
up to half the machine's memory while loading, then the snapshot is
written);
phase 1 waits in a spool file when memory is short (--spool). While
serving, the Go collector keeps the heap under a soft limit of twice the
live heap plus 1 GiB, at most 3/4 of the machine's memory (so up to ~17 GB
for the whole release): marking the whole store takes seconds, and less
room made collections follow each other under load. The limit is logged
as "serving memory limit set" once the first collection after ready has
measured the live heap; that collection waits until the heap nears a
provisional limit instead of marking the whole store while the first
questions arrive. Set GOMEMLIMIT (and GOGC) to choose otherwise. Below
~16 GB of RAM, serve the whole release from Neo4j (--neo4j) instead.

It prints the playground URL once it listens. SIGINT/SIGTERM (Ctrl-C) shut it
down gracefully, letting requests in flight finish (up to 10 seconds).

Environment:
  CABLEGRAPH_ADDR        default for --addr
  CABLEGRAPH_AUTH_TOKEN  default for --auth-token
  NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE  defaults for the Neo4j flags

Examples:
  cablegraph serve
  cablegraph serve --data ../shared/data/cables/cablegate-html-fragments --addr 127.0.0.1:9000
  cablegraph serve --data cables.csv --cache-dir /var/cache/cablegraph
  cablegraph serve --neo4j bolt://127.0.0.1:7687 --auth-token s3cret --cors https://newsroom.example
`

func runServe(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", envOr("CABLEGRAPH_ADDR", "127.0.0.1:8080"), "listen on `HOST:PORT` (port 0 picks a free one) (env CABLEGRAPH_ADDR)")
	var data, cors listFlag
	fs.Var(&data, "data", "load the cables at `PATH` (file, directory or -) at start-up; repeatable; default: the example cable")
	fs.Var(&cors, "cors", "allow browser requests from `ORIGIN`; repeatable")
	token := fs.String("auth-token", os.Getenv("CABLEGRAPH_AUTH_TOKEN"), "require \"Authorization: Bearer `TOKEN`\" on /graphql (env CABLEGRAPH_AUTH_TOKEN)")
	noIntro := fs.Bool("no-introspection", false, "disable GraphQL schema introspection")
	cacheDir := fs.String("cache-dir", defaultCacheDir(), "keep snapshots of the embedded store in `DIR` for fast restarts ($XDG_CACHE_HOME/cablegraph or ~/.cache/cablegraph)")
	noCache := fs.Bool("no-cache", false, "neither restore nor write a snapshot of the embedded store: always load --data")
	cpuProfile := fs.String("cpu-profile", "", "write a CPU profile of start-up (loading or restoring, until ready) to `FILE`, for go tool pprof")
	debugAddr := fs.String("debug-addr", "", "serve Go's profiling endpoints (/debug/pprof/) on `HOST:PORT`, apart from the API, to profile slow queries")
	var nf neo4jFlags
	var lf loadFlags
	nf.register(fs)
	lf.register(fs)
	helpText(fs, serveHelp)
	pos, err := parseFlags(fs, args, e)
	if err != nil {
		return done(err)
	}
	if len(pos) > 0 {
		return usagef("serve takes no PATH arguments (got %q); load cables with --data PATH", pos[0])
	}

	lf.setLevel(e)
	stopProfile, err := startCPUProfile(*cpuProfile)
	if err != nil {
		return err
	}
	defer stopProfile()
	stopDebug, err := startDebug(ctx, e, *debugAddr)
	if err != nil {
		return err
	}
	defer stopDebug()
	restoreGC := func() {}
	if nf.uri == "" {
		restoreGC = relaxGC(memTotal(), func(limit int64) {
			e.log.Info("serving memory limit set", "mem_limit_mb", limit>>20, "live_heap_mb", liveHeap()>>20)
		})
	}
	defer restoreGC()
	ext, err := newExtractor(lf.gazetteer)
	if err != nil {
		return err
	}
	var store graph.Store
	var warmed atomic.Bool
	var ready func() bool // nil: ready once listening
	var mem *memstore.Store
	var cache *snapshotCache
	var snapNote string
	src := loader.Source{Paths: data, Stdin: e.stdin}
	if nf.uri != "" {
		s, err := nf.open(ctx, e)
		if err != nil {
			return err
		}
		defer closeStore(s, e)
		if err := s.Ping(ctx); err != nil {
			return fmt.Errorf("no answer from Neo4j at %s: %w", nf.uri, err)
		}
		// Compile the API's statements and read the hubs in the
		// background so the first questions after a Neo4j start do not
		// time out; /readyz says when that is done.
		go func() {
			start := time.Now()
			failed := s.Warm(ctx)
			e.log.Info("warmed up: ready for questions (/readyz)", "took", time.Since(start).Round(time.Millisecond), "failed", failed)
			warmed.Store(true)
		}()
		ready = warmed.Load
		store = s
	} else {
		if len(data) == 0 {
			src.Blobs = []loader.Blob{{Name: "examples/" + examples.Moscow235Name, Data: examples.Moscow235}}
		}
		if !*noCache {
			if cache, err = newSnapshotCache(*cacheDir, data, lf); err != nil {
				e.log.Warn("no snapshot cache for these inputs", "err", err)
			}
		}
		if cache != nil && !lf.force {
			mem = restorePaused(pauseGC, func() *memstore.Store { return cache.restore(ctx, e) })
			if ctx.Err() != nil {
				return fmt.Errorf("restoring the snapshot: %w", context.Cause(ctx))
			}
		}
		if mem != nil {
			src = loader.Source{} // restored: nothing to load
			cache = nil           // and nothing to save
		} else {
			mem = memstore.New()
		}
		store = mem
	}
	if mem != nil && !flagSet(fs, "batch") {
		// One write per batch recomputes the aggregates and name index
		// entries of every person it touches: popular persons are in
		// every batch, so in-process writes go in fewer, larger batches
		// (the cables are in memory anyway, see loader.Options.Spool).
		lf.batch = memBatch
	}
	if len(src.Paths) > 0 || len(src.Blobs) > 0 {
		sum, err := loadInto(ctx, e, store, ext, src, lf)
		switch {
		case ctx.Err() != nil:
			return err
		case errors.Is(err, loader.ErrFailures):
			e.log.Warn("serving what loaded; some records failed (see the summary above)")
		case err != nil:
			return err
		}
		if cache != nil {
			var note strings.Builder
			_ = sum.Write(&note, 0, "")
			snapNote = strings.TrimSpace(strings.SplitN(note.String(), "\n", 2)[0])
		}
	}

	h, err := resolvers.NewHandler(resolvers.Config{
		Store: store, Topics: ext, Logger: e.log, AuthToken: *token, CORSOrigins: cors, Introspection: !*noIntro,
		Explorer: explorer.Handler(), Ready: ready,
	})
	if err != nil {
		return fmt.Errorf("building the GraphQL handler: %w", err)
	}
	stopProfile()
	restoreGC()
	if nf.uri != "" {
		defer relaxGCForNeo4j()()
	}
	e.log.Info("ready", "cpu_s", processCPU().Seconds(), "peak_rss_mb", peakRSS()>>20, "mem_limit_mb", debug.SetMemoryLimit(-1)>>20)
	if cache == nil {
		return serveHTTP(ctx, e, *addr, h)
	}
	// The snapshot is written once serving, so that it never delays ready;
	// shutting down stops it (no partial file is left) and waits for it.
	saved := make(chan struct{})
	sctx, stop := context.WithCancel(ctx)
	go func() {
		defer close(saved)
		cache.save(sctx, e, mem, snapNote)
	}()
	err = serveHTTP(ctx, e, *addr, h)
	stop()
	<-saved
	return err
}

// memBatch is the default --batch of serve's embedded store.
const memBatch = 4000

// flagSet reports whether the flag name was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// serveHTTP listens on addr, says where, and serves until ctx is done, then
// shuts down gracefully.
func serveHTTP(ctx context.Context, e *env, addr string, h http.Handler) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", addr, err)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	a := ln.Addr().String()
	fmt.Fprintf(e.stdout, "cablegraph: playground at http://%s/ — explorer at http://%s/explore/ — GraphQL at http://%s/graphql\n", a, a, a)

	select {
	case err := <-served:
		return fmt.Errorf("serving on %s: %w", a, err)
	case <-ctx.Done():
	}
	e.log.Info("shutting down", "addr", a)
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serving on %s: %w", a, err)
	}
	return nil
}
