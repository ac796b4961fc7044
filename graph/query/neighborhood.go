package query

import (
	"context"
	"fmt"
	"sort"

	"github.com/cablegraph/cablegraph/graph"
)

// Neighbourhood limits.
const (
	DefaultDepth = 1
	MaxDepth     = 3
	DefaultNodes = 100
	MaxNodes     = 1000
	// edgesPerLevel caps one level's Edges call: a hub such as Tag:PREL
	// touches most of the corpus, and fetching it all to draw 100 nodes
	// would cost the whole request. What the cap leaves out is counted in
	// Omitted.
	edgesPerLevel = 20000
)

// Neighborhood returns the nodes within depth hops of the node id, at most
// limit of them, breadth first: nearer nodes are always kept before farther
// ones, and within a level the store's edge order (kind, source, target)
// decides, so the cut is the same on every store. Edges are those between
// kept nodes that the search walked. When nodes are left out, Truncated is
// set and Omitted counts them (edges a level's cap did not fetch count as
// one node each: an upper bound, as a hub's edges mostly lead to distinct
// nodes).
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
	kept := map[string]bool{nodeID(start): true}
	order := []graph.NodeRef{start}
	omitted := map[string]bool{}
	uncounted := 0
	type edgeKey struct{ s, t, k string }
	edges := map[edgeKey]int{}
	frontier := []graph.NodeRef{start}
	for level := 0; level < depth && len(frontier) > 0; level++ {
		got, total, err := s.r.Edges(ctx, frontier, edgesPerLevel)
		if err != nil {
			return nil, fmt.Errorf("neighbourhood of %s, level %d: %w", nodeID(start), level+1, err)
		}
		uncounted += total - len(got)
		var next []graph.NodeRef
		for _, e := range got {
			for _, end := range []graph.NodeRef{e.Source, e.Target} {
				id := nodeID(end)
				if kept[id] || omitted[id] {
					continue
				}
				if len(order) >= limit {
					omitted[id] = true
					continue
				}
				kept[id] = true
				order = append(order, end)
				next = append(next, end)
			}
			src, dst := nodeID(e.Source), nodeID(e.Target)
			if kept[src] && kept[dst] {
				k := edgeKey{src, dst, e.Kind}
				if w, ok := edges[k]; !ok || e.Weight > w {
					edges[k] = e.Weight
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
	for k, w := range edges {
		g.Edges = append(g.Edges, graph.SubgraphEdge{Source: k.s, Target: k.t, Kind: k.k, Weight: w})
	}
	sortEdges(g.Edges)
	g.Omitted = len(omitted) + uncounted
	g.Truncated = g.Omitted > 0
	return g, nil
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
