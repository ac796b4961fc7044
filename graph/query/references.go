package query

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
)

// Reference chain limits.
const (
	DefaultChainDepth = 3
	MaxChainDepth     = 6
	// maxChainNodes bounds a chain through a much-cited cable.
	maxChainNodes = 1000
)

// Chain directions.
const (
	DirectionOut  = "OUT"
	DirectionIn   = "IN"
	DirectionBoth = "BOTH"
)

// ReferenceChain returns the cables a cable builds on (OUT: what it cites,
// recursively) and those that build on it (IN: what cites it,
// recursively). Cited cables that are not loaded appear as Reference nodes
// with ghost=true: the release is incomplete and the gap is information.
// Both directions start from the cable itself and do not mix (IN of an OUT
// node is not followed). Edges run citing -> cited, kind CITES, weight 1.
// Each node carries its distance from the start in property "depth".
func (s *Service) ReferenceChain(ctx context.Context, id string, direction string, depth int) (*graph.Subgraph, error) {
	depth, err := withDefault("depth", depth, DefaultChainDepth, MaxChainDepth)
	if err != nil {
		return nil, err
	}
	dir := strings.ToUpper(strings.TrimSpace(direction))
	if dir == "" {
		dir = DirectionBoth
	}
	if dir != DirectionOut && dir != DirectionIn && dir != DirectionBoth {
		return nil, fmt.Errorf("direction must be OUT, IN or BOTH, got %q: %w", direction, graph.ErrInvalid)
	}
	id = strings.TrimPrefix(strings.TrimSpace(id), graph.KindCable+":")
	startCables, err := s.r.Cables(ctx, []string{id, strings.ToUpper(id)})
	if err != nil {
		return nil, fmt.Errorf("reference chain of %q: %w", id, err)
	}
	c := &chain{loaded: map[string]*graph.Cable{}, depth: map[string]int{}, edges: map[[2]string]bool{}, omitted: map[string]bool{}}
	if len(startCables) > 0 {
		id = startCables[0].ID
		c.loaded[id] = startCables[0]
	} else {
		cited, err := s.r.CitedBy(ctx, []string{id})
		if err != nil {
			return nil, fmt.Errorf("reference chain of %q: %w", id, err)
		}
		if len(cited[id]) == 0 {
			return nil, fmt.Errorf("cable %q is neither loaded nor cited: %w", id, graph.ErrNotFound)
		}
	}
	c.add(id, 0)
	if dir != DirectionIn {
		if err := s.chainOut(ctx, c, id, depth); err != nil {
			return nil, err
		}
	}
	if dir != DirectionOut {
		if err := s.chainIn(ctx, c, id, depth); err != nil {
			return nil, err
		}
	}
	return s.chainGraph(ctx, c)
}

// chain accumulates a reference chain.
type chain struct {
	order   []string
	loaded  map[string]*graph.Cable
	depth   map[string]int
	edges   map[[2]string]bool // citing, cited
	omitted map[string]bool
}

// add records a node; false when the node cap refuses it.
func (c *chain) add(id string, d int) bool {
	if _, ok := c.depth[id]; ok {
		return true
	}
	if len(c.order) >= maxChainNodes {
		c.omitted[id] = true
		return false
	}
	c.depth[id] = d
	c.order = append(c.order, id)
	return true
}

func (s *Service) chainOut(ctx context.Context, c *chain, start string, depth int) error {
	frontier := []string{start}
	seen := map[string]bool{start: true}
	for d := 1; d <= depth && len(frontier) > 0; d++ {
		var next []string
		for _, from := range frontier {
			cab := c.loaded[from]
			if cab == nil {
				continue // a ghost cites nothing we know of
			}
			for _, ref := range cab.References {
				if ref.Kind != graph.RefCable || ref.ID == "" || ref.ID == from {
					continue
				}
				if !c.add(ref.ID, d) {
					continue
				}
				c.edges[[2]string{from, ref.ID}] = true
				if !seen[ref.ID] {
					seen[ref.ID] = true
					next = append(next, ref.ID)
				}
			}
		}
		if err := s.load(ctx, c, next); err != nil {
			return err
		}
		frontier = next
	}
	return nil
}

func (s *Service) chainIn(ctx context.Context, c *chain, start string, depth int) error {
	frontier := []string{start}
	seen := map[string]bool{start: true}
	for d := 1; d <= depth && len(frontier) > 0; d++ {
		cited, err := s.r.CitedBy(ctx, frontier)
		if err != nil {
			return fmt.Errorf("cables citing %d cables: %w", len(frontier), err)
		}
		var next []string
		for _, to := range frontier {
			for _, cit := range cited[to] {
				if cit.From == to || !c.add(cit.From, d) {
					continue
				}
				c.edges[[2]string{cit.From, to}] = true
				if !seen[cit.From] {
					seen[cit.From] = true
					next = append(next, cit.From)
				}
			}
		}
		if err := s.load(ctx, c, next); err != nil {
			return err
		}
		frontier = next
	}
	return nil
}

// load fetches the cables of ids not loaded yet, in one call.
func (s *Service) load(ctx context.Context, c *chain, ids []string) error {
	var want []string
	for _, id := range ids {
		if c.loaded[id] == nil {
			want = append(want, id)
		}
	}
	if len(want) == 0 {
		return nil
	}
	got, err := s.r.Cables(ctx, want)
	if err != nil {
		return fmt.Errorf("loading %d cited cables: %w", len(want), err)
	}
	for _, cab := range got {
		c.loaded[cab.ID] = cab
	}
	return nil
}

func (s *Service) chainGraph(ctx context.Context, c *chain) (*graph.Subgraph, error) {
	refs := make([]graph.NodeRef, len(c.order))
	kindOf := map[string]string{}
	for i, id := range c.order {
		k := graph.KindReference
		if c.loaded[id] != nil {
			k = graph.KindCable
		}
		kindOf[id] = k
		refs[i] = graph.NodeRef{Kind: k, ID: id}
	}
	nodes, err := s.describe(ctx, refs)
	if err != nil {
		return nil, fmt.Errorf("reference chain: %w", err)
	}
	for i := range nodes {
		nodes[i].Properties["depth"] = strconv.Itoa(c.depth[c.order[i]])
	}
	g := &graph.Subgraph{Nodes: nodes, Edges: make([]graph.SubgraphEdge, 0, len(c.edges))}
	for e := range c.edges {
		g.Edges = append(g.Edges, graph.SubgraphEdge{
			Source: nodeID(graph.NodeRef{Kind: kindOf[e[0]], ID: e[0]}),
			Target: nodeID(graph.NodeRef{Kind: kindOf[e[1]], ID: e[1]}),
			Kind:   graph.RelCites, Weight: 1,
		})
	}
	sortEdges(g.Edges)
	g.Omitted = len(c.omitted)
	g.Truncated = g.Omitted > 0
	return g, nil
}
