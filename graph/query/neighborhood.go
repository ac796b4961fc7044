package query

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"

	"github.com/cablegraph/cablegraph/graph"
)

// Neighbourhood limits.
const (
	DefaultDepth = 1
	MaxDepth     = 3
	DefaultNodes = 100
	MaxNodes     = 1000
	// edgeWorkers is how many nodes' edges are asked for at once: enough
	// to overlap a database's round trips, few enough not to flood it.
	edgeWorkers = 4
)

// Neighborhood returns the nodes within depth hops of the node id, at most
// limit of them, breadth first: nearer nodes are always kept before farther
// ones. Each node taken for expansion is asked for its first limit edges
// only, in the store's edge order (kind, source kind and id, target kind
// and id), so a hub (a Tag or Country on thousands of cables) costs no more
// than any other node; the nodes of a level are expanded in the order they
// were kept, and the first limit distinct nodes met are kept. The cut is
// thus the same on every store. Edges are those between kept nodes among
// the edges fetched. When nodes are left out, Truncated is set and Omitted
// counts them: nodes met but not kept, plus each expanded node's edges that
// were not fetched (one node each: an upper bound, as a hub's edges mostly
// lead to distinct nodes).
func (s *Service) Neighborhood(ctx context.Context, id string, depth, limit int) (*graph.Subgraph, error) {
	depth, err := withDefault("depth", depth, DefaultDepth, MaxDepth)
	if err != nil {
		return nil, err
	}
	limit, err = withDefault("limit", limit, DefaultNodes, MaxNodes)
	if err != nil {
		return nil, err
	}
	start, err := s.resolveNode(ctx, id)
	if err != nil {
		return nil, err
	}
	// Nodes are keyed by NodeRef, not by their "Kind:id" string, which
	// would be built twice for each of thousands of edge ends per query.
	kept := map[graph.NodeRef]bool{start: true}
	order := []graph.NodeRef{start}
	omitted := map[graph.NodeRef]bool{}
	uncounted := 0
	type edgeKey struct {
		s, t graph.NodeRef
		k    string
	}
	edges := map[edgeKey]int{}
	frontier := []graph.NodeRef{start}
	for level := 0; level < depth && len(frontier) > 0; level++ {
		fetched, err := s.edgesEach(ctx, frontier, limit)
		if err != nil {
			return nil, fmt.Errorf("neighbourhood of %s, level %d: %w", nodeID(start), level+1, err)
		}
		var next []graph.NodeRef
		for _, f := range fetched {
			uncounted += f.total - len(f.edges)
			for _, e := range f.edges {
				for _, end := range [2]graph.NodeRef{e.Source, e.Target} {
					if kept[end] || omitted[end] {
						continue
					}
					if len(order) >= limit {
						omitted[end] = true
						continue
					}
					kept[end] = true
					order = append(order, end)
					next = append(next, end)
				}
				if kept[e.Source] && kept[e.Target] {
					k := edgeKey{e.Source, e.Target, e.Kind}
					if w, ok := edges[k]; !ok || e.Weight > w {
						edges[k] = e.Weight
					}
				}
			}
		}
		frontier = next
	}
	nodes, err := s.describe(ctx, order)
	if err != nil {
		return nil, fmt.Errorf("neighbourhood of %s: %w", nodeID(start), err)
	}
	g := &graph.Subgraph{Nodes: nodes, Edges: make([]graph.SubgraphEdge, 0, len(edges))}
	ids := make(map[graph.NodeRef]string, len(order))
	for _, n := range order {
		ids[n] = nodeID(n)
	}
	for k, w := range edges {
		g.Edges = append(g.Edges, graph.SubgraphEdge{Source: ids[k.s], Target: ids[k.t], Kind: k.k, Weight: w})
	}
	sortEdges(g.Edges)
	g.Omitted = len(omitted) + uncounted
	g.Truncated = g.Omitted > 0
	return g, nil
}

// nodeEdges is one node's first edges and how many it has in all.
type nodeEdges struct {
	edges []graph.Edge
	total int
}

// edgesEach asks the store for each node's first perNode edges, a few
// nodes at a time, and returns them in the order of nodes.
func (s *Service) edgesEach(ctx context.Context, nodes []graph.NodeRef, perNode int) ([]nodeEdges, error) {
	if out, ok, err := s.pushedEdgesEach(ctx, nodes, perNode); ok {
		return out, err
	}
	out := make([]nodeEdges, len(nodes))
	errs := make([]error, len(nodes))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(edgeWorkers, len(nodes)) {
		wg.Go(func() {
			for i := range next {
				got, total, err := s.r.Edges(ctx, nodes[i:i+1], perNode)
				out[i], errs[i] = nodeEdges{got, total}, err
			}
		})
	}
	for i := range nodes {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

func sortEdges(es []graph.SubgraphEdge) {
	sort.Slice(es, func(i, j int) bool {
		x, y := es[i], es[j]
		if x.Source != y.Source {
			return x.Source < y.Source
		}
		if x.Target != y.Target {
			return x.Target < y.Target
		}
		return x.Kind < y.Kind
	})
}
