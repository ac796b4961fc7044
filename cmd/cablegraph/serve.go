package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/cablegraph/cablegraph/explorer"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/cablegraph/cablegraph/examples"
	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/loader"
	"github.com/cablegraph/cablegraph/resolvers"
)

const serveHelp = `
cablegraph serve answers relationship questions over GraphQL at /graphql,
with a GraphiQL playground at /, an explorer page at /explore/ (see who is
connected to whom and read the proving sentences), a health check at
/healthz and metrics at /metrics.

Usage:
  cablegraph serve [flags]

Without --neo4j it needs no database: it loads the cables at the --data paths
into an embedded in-process store at start-up (progress on stderr), or, with
no --data, the example cable 08MOSCOW235 shipped in the binary. With --neo4j
it serves the graph already in Neo4j (see cablegraph load); --data paths are
then loaded into Neo4j first.

It prints the playground URL once it listens. SIGINT/SIGTERM (Ctrl-C) shut it
down gracefully, letting requests in flight finish (up to 10 seconds).

Environment:
  CABLEGRAPH_ADDR        default for --addr
  CABLEGRAPH_AUTH_TOKEN  default for --auth-token
  NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE  defaults for the Neo4j flags

Examples:
  cablegraph serve
  cablegraph serve --data ../shared/data/cables/cablegate-html-fragments --addr 127.0.0.1:9000
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

	ext, err := newExtractor(lf.gazetteer)
	if err != nil {
		return err
	}
	var store graph.Store
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
		store = s
	} else {
		store = memstore.New()
		if len(data) == 0 {
			src.Blobs = []loader.Blob{{Name: "examples/" + examples.Moscow235Name, Data: examples.Moscow235}}
		}
	}
	if len(src.Paths) > 0 || len(src.Blobs) > 0 {
		_, err := loadInto(ctx, e, store, ext, src, lf)
		switch {
		case ctx.Err() != nil:
			return err
		case errors.Is(err, loader.ErrFailures):
			e.log.Warn("serving what loaded; some records failed (see the summary above)")
		case err != nil:
			return err
		}
	}

	h, err := resolvers.NewHandler(resolvers.Config{
		Store: store, Topics: ext, Logger: e.log, AuthToken: *token, CORSOrigins: cors, Introspection: !*noIntro,
		Explorer: explorer.Handler(),
	})
	if err != nil {
		return fmt.Errorf("building the GraphQL handler: %w", err)
	}
	return serveHTTP(ctx, e, *addr, h)
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
