package resolvers

import (
	"log/slog"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/query"
)

// Resolver is the composition root of the GraphQL resolvers: the store (as
// an instrumented graph.Reader), the relationship questions computed over
// it, and the limits. It holds no per-request state; that lives in the
// Loaders put into each request's context.
type Resolver struct {
	store       graph.Reader
	questions   *query.Service
	logger      *slog.Logger
	maxPageSize int
}

// defaultPageSize is the page size when a client does not say "first".
const defaultPageSize = 20
