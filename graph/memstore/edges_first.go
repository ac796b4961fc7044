package memstore

import (
	"cmp"
	"container/heap"
	"slices"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
)

// compareDup orders edges as Edges returns them, parallel edges by what
// tells them apart.
func compareDup(a, b dupEdge) int {
	return cmp.Or(compareEdges(a.e, b.e), strings.Compare(a.dup, b.dup))
}

// first returns the first limit distinct edges in compareEdges order and
// how many distinct edges there are, without sorting them all: a hub (a
// Tag or Country on thousands of cables) asked for its first hundred edges
// costs a pass over its edges and a heap of a hundred, not a sort of
// thousands. An edge is found twice only when both its ends were asked
// for (the nodes are distinct), so only those edges are deduplicated.
func (es *edgeSet) first(nodes []graph.NodeRef, limit int) ([]graph.Edge, int) {
	isAsked := func(n graph.NodeRef) bool { return n == nodes[0] }
	if len(nodes) > 1 {
		asked := make(map[graph.NodeRef]bool, len(nodes))
		for _, n := range nodes {
			asked[n] = true
		}
		isAsked = func(n graph.NodeRef) bool { return asked[n] }
	}
	var both []dupEdge
	h := &dupHeap{}
	push := func(d dupEdge) {
		if h.Len() < limit {
			heap.Push(h, d)
		} else if compareDup(d, h.items[0]) < 0 {
			h.items[0] = d
			heap.Fix(h, 0)
		}
	}
	total := 0
	for _, d := range es.edges {
		if isAsked(d.e.Source) && isAsked(d.e.Target) {
			both = append(both, d)
			continue
		}
		total++
		push(d)
	}
	slices.SortFunc(both, compareDup)
	for i, d := range both {
		if i > 0 && d == both[i-1] {
			continue
		}
		total++
		push(d)
	}
	slices.SortFunc(h.items, compareDup)
	out := make([]graph.Edge, len(h.items))
	for i, d := range h.items {
		out[i] = d.e
	}
	return out, total
}

// dupHeap is a max-heap: its top is the greatest of the edges kept so far,
// the one a smaller edge replaces.
type dupHeap struct{ items []dupEdge }

func (h *dupHeap) Len() int           { return len(h.items) }
func (h *dupHeap) Less(i, j int) bool { return compareDup(h.items[i], h.items[j]) > 0 }
func (h *dupHeap) Swap(i, j int)      { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *dupHeap) Push(x any)         { h.items = append(h.items, x.(dupEdge)) }
func (h *dupHeap) Pop() any {
	last := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return last
}
