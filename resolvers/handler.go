package resolvers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/99designs/gqlgen/graphql/playground"
	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/generated"
	"github.com/cablegraph/cablegraph/graph/query"
	"github.com/vektah/gqlparser/v2/ast"
)

// Config configures the HTTP handler. Zero limits take the defaults.
type Config struct {
	Store         graph.Reader
	Topics        query.TopicResolver // may be nil
	Logger        *slog.Logger
	AuthToken     string        // "" = open; else /graphql requires "Authorization: Bearer <token>"
	CORSOrigins   []string      // allowed origins for /graphql ("*" allowed)
	Introspection bool          // serve turns it on; public deployments turn it off
	MaxDepth      int           // default 12
	MaxComplexity int           // default 5000
	MaxPageSize   int           // default 100
	Timeout       time.Duration // per-request deadline, default 10s; reaches the store
	Explorer      http.Handler  // optional, mounted at /explore/
	// Ready, when set, says whether the server has finished warming up
	// (a Neo4j store compiles its plans and reads its hubs first): /readyz
	// answers 503 until it returns true. Nil means ready from the start.
	Ready func() bool
}

// Defaults for the zero values of Config.
const (
	DefaultMaxDepth      = 12
	DefaultMaxComplexity = 5000
	DefaultMaxPageSize   = 100
	DefaultTimeout       = 10 * time.Second
)

func (c *Config) withDefaults() error {
	if c.Store == nil {
		return errors.New("resolvers: Config.Store is required")
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.MaxDepth <= 0 {
		c.MaxDepth = DefaultMaxDepth
	}
	if c.MaxComplexity <= 0 {
		c.MaxComplexity = DefaultMaxComplexity
	}
	if c.MaxPageSize <= 0 {
		c.MaxPageSize = DefaultMaxPageSize
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	return nil
}

// NewHandler builds the whole HTTP surface: /graphql (POST and GET),
// / (GraphiQL), /healthz, /readyz, /metrics and, when given, /explore/.
func NewHandler(cfg Config) (http.Handler, error) {
	return newHandler(cfg, leanPOST{})
}

// newHandler is NewHandler with the given POST transport (tests compare
// leanPOST with gqlgen's own).
func newHandler(cfg Config, post graphql.Transport) (http.Handler, error) {
	if err := cfg.withDefaults(); err != nil {
		return nil, err
	}
	metrics := NewMetrics()
	store := &instrumentedReader{r: cfg.Store, m: metrics}
	root := &Resolver{
		store:       store,
		questions:   query.New(store, cfg.Topics),
		logger:      cfg.Logger,
		maxPageSize: cfg.MaxPageSize,
	}

	srv := handler.New(generated.NewExecutableSchema(generated.Config{
		Resolvers:  root,
		Complexity: complexity(min(defaultPageSize, cfg.MaxPageSize)),
	}))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(post)
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	if cfg.Introspection {
		srv.Use(extension.Introspection{})
	} else {
		srv.Use(noIntrospection{})
	}
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
	srv.Use(depthLimit{Max: cfg.MaxDepth})
	srv.Use(extension.FixedComplexityLimit(cfg.MaxComplexity))
	srv.SetErrorPresenter(errorPresenter(cfg.Logger, metrics))
	srv.SetRecoverFunc(recoverFunc(cfg.Logger))
	srv.AroundResponses(observeOperations(metrics))

	gql := withLoaders(store, srv)
	gql = withBodyLimit(maxBodyBytes, gql)
	gql = withAuth(cfg.AuthToken, gql)
	gql = withCORS(cfg.CORSOrigins, gql)
	gql = withTimeout(cfg.Timeout, gql)

	mux := http.NewServeMux()
	mux.Handle("/graphql", gql)
	mux.Handle("/healthz", healthz(store, cfg.Timeout, nil))
	mux.Handle("/readyz", healthz(store, cfg.Timeout, cfg.Ready))
	mux.Handle("/metrics", metrics)
	if cfg.Explorer != nil {
		mux.Handle("/explore/", cfg.Explorer)
	}
	mux.Handle("/{$}", playgroundPage(cfg.Explorer))
	return withRequestLog(cfg.Logger, metrics, mux), nil
}

// observeOperations counts GraphQL operations and their latency by
// operation name. Names are client-chosen, so only short identifiers are
// used as labels, bounding the number of series.
func observeOperations(m *Metrics) graphql.ResponseMiddleware {
	return func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		start := time.Now()
		resp := next(ctx)
		op := "unknown"
		if graphql.HasOperationContext(ctx) {
			oc := graphql.GetOperationContext(ctx)
			name := oc.OperationName
			if name == "" && oc.Operation != nil {
				name = oc.Operation.Name
			}
			op = operationLabel(name)
		}
		status := "ok"
		if resp != nil && len(resp.Errors) > 0 {
			status = "error"
		}
		m.Add("cablegraph_graphql_requests_total", 1, "operation", op, "status", status)
		m.Observe("cablegraph_graphql_duration_seconds", time.Since(start), "operation", op)
		return resp
	}
}

func operationLabel(name string) string {
	if name == "" {
		return "anonymous"
	}
	if len(name) > 40 {
		return "other"
	}
	for _, r := range name {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return "other"
		}
	}
	return name
}

// healthz answers 200 when the store answers a ping and ready (if not
// nil) says the server is ready, else 503. /healthz (liveness) has no
// ready: a warming server is alive. /readyz has, so that a load balancer
// or a benchmark waits for the warm-up instead of sending the first
// questions to a cold database.
func healthz(store graph.Reader, timeout time.Duration, ready func() bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), min(timeout, 5*time.Second))
		defer cancel()
		w.Header().Set("Content-Type", "application/json")
		if err := store.Ping(ctx); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = fmt.Fprintf(w, `{"status":"unavailable","request_id":%q}`+"\n", requestID(r.Context()))
			return
		}
		if ready != nil && !ready() {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte(`{"status":"warming"}` + "\n"))
			return
		}
		_, _ = w.Write([]byte(`{"status":"ok"}` + "\n"))
	})
}

// playgroundPage serves GraphiQL. With the explorer mounted it serves the
// explorer's bundled GraphiQL (explorer/dist/playground.html), which works
// offline; without it, gqlgen's page, which loads GraphiQL from a CDN.
func playgroundPage(explorer http.Handler) http.Handler {
	if explorer != nil {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			r2 := r.Clone(r.Context())
			r2.URL.Path = "/explore/playground.html"
			r2.URL.RawPath = ""
			explorer.ServeHTTP(w, r2)
		})
	}
	return playground.Handler("cablegraph", "/graphql")
}
