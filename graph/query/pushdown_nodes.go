package query

import (
	"context"
	"fmt"

	"github.com/cablegraph/cablegraph/graph"
)

// EdgesEachSource is a Reader that answers one neighbourhood level in one
// round trip. A database pays a round trip, a transaction and a statement
// per Edges call; asking the first edges of a hundred frontier nodes one by
// one costs a hundred of each, while one statement that cuts each node's
// edges at perNode inside the database costs one and ships only what is
// kept.
type EdgesEachSource interface {
	// EdgesEach returns, for each node in the order asked, exactly what
	// Edges(ctx, []graph.NodeRef{node}, perNode) returns: its first
	// perNode edges in the store's edge order and how many it has in all.
	// perNode is at least 1.
	EdgesEach(ctx context.Context, nodes []graph.NodeRef, perNode int) (edges [][]graph.Edge, totals []int, err error)
}

// Unwrapper is a Reader that decorates another one (metrics, logging).
// Optional interfaces such as EdgesEachSource are looked for on the
// decorated Reader too, so a decorator does not hide a store's pushdowns.
type Unwrapper interface {
	Unwrap() graph.Reader
}

// ReaderAs returns r, or the first Reader r decorates (see Unwrapper),
// that implements T.
func ReaderAs[T any](r graph.Reader) (T, bool) {
	for r != nil {
		if t, ok := r.(T); ok {
			return t, true
		}
		u, ok := r.(Unwrapper)
		if !ok {
			break
		}
		r = u.Unwrap()
	}
	var zero T
	return zero, false
}

// pushedEdgesEach answers edgesEach in one call when the Reader can; ok is
// false when it cannot and the caller asks node by node.
func (s *Service) pushedEdgesEach(ctx context.Context, nodes []graph.NodeRef, perNode int) (out []nodeEdges, ok bool, err error) {
	src, ok := ReaderAs[EdgesEachSource](s.r)
	if !ok || perNode < 1 {
		return nil, false, nil
	}
	edges, totals, err := src.EdgesEach(ctx, nodes, perNode)
	if err != nil {
		return nil, true, err
	}
	if len(edges) != len(nodes) || len(totals) != len(nodes) {
		return nil, true, fmt.Errorf("edges of %d nodes: store answered %d and %d", len(nodes), len(edges), len(totals))
	}
	out = make([]nodeEdges, len(nodes))
	for i := range nodes {
		out[i] = nodeEdges{edges: edges[i], total: totals[i]}
	}
	return out, true, nil
}

// CableSummarySource is a Reader that can return cables without their
// stored documents. A page of twenty cables asked for id and subject
// otherwise ships and decodes twenty whole documents (paragraphs,
// mentions, interactions: tens of kilobytes each) to show two strings.
type CableSummarySource interface {
	// CableSummaries returns the cables with these ids, in the order
	// asked, skipping ids that are not loaded, as Cables does, with only
	// these fields set: ID, Created, Released, Classification, Origin,
	// Subject. Each equals the same field of Cables' answer.
	CableSummaries(ctx context.Context, ids []string) ([]*graph.Cable, error)
}

// CableSummariesOf returns r's CableSummaries when r is a
// CableSummarySource and r.Cables otherwise: a summary is only ever asked
// where a whole cable would do too.
func CableSummariesOf(r graph.Reader) func(ctx context.Context, ids []string) ([]*graph.Cable, error) {
	if src, ok := ReaderAs[CableSummarySource](r); ok {
		return src.CableSummaries
	}
	return r.Cables
}
