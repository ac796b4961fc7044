package query

import (
	"sort"

	"github.com/cablegraph/cablegraph/graph"
)

// side is one half of a bidirectional breadth-first search.
type side struct {
	dist     map[string]int      // hops from this side's root
	parents  map[string][]string // node -> neighbours one hop nearer the root
	frontier []string            // nodes at dist == depth, sorted
	depth    int
	root     string
}

func newSide(root string) *side {
	return &side{dist: map[string]int{root: 0}, parents: map[string][]string{}, frontier: []string{root}, root: root}
}

// expand moves the side one level out and returns the new nodes the other
// side has already reached. It always finishes the whole level, so that
// every shortest chain is known before one is chosen.
func (s *side) expand(nbrs map[string][]string, other *side) []string {
	var next, meets []string
	for _, u := range s.frontier {
		for _, v := range nbrs[u] {
			d, seen := s.dist[v]
			switch {
			case !seen:
				s.dist[v] = s.depth + 1
				s.parents[v] = []string{u}
				next = append(next, v)
				if _, ok := other.dist[v]; ok {
					meets = append(meets, v)
				}
			case d == s.depth+1:
				s.parents[v] = append(s.parents[v], u)
			}
		}
	}
	sort.Strings(next)
	s.frontier = next
	s.depth++
	return meets
}

// bidi is a bidirectional search from a to b.
type bidi struct {
	a, b  *side
	links *linkBook
}

func newBidi(a, b string) *bidi {
	return &bidi{a: newSide(a), b: newSide(b), links: newLinkBook()}
}

// path returns the lexicographically smallest shortest chain through the
// meeting nodes. It marks every node lying on some shortest chain (walking
// parents back from the meets on both sides), then walks from a always
// taking the smallest marked next node, which cannot dead-end.
func (t *bidi) path(meets []string) []string {
	onPath := map[string]bool{}
	isMeet := map[string]bool{}
	var mark func(n string, parents map[string][]string)
	mark = func(n string, parents map[string][]string) {
		if onPath[n] {
			return
		}
		onPath[n] = true
		for _, p := range parents[n] {
			mark(p, parents)
		}
	}
	for _, m := range meets {
		isMeet[m] = true
		mark(m, t.a.parents)
		delete(onPath, m) // let the b side walk from it too
		mark(m, t.b.parents)
	}
	// Children on a's side, restricted to marked nodes.
	children := map[string][]string{}
	for n, ps := range t.a.parents {
		if !onPath[n] {
			continue
		}
		for _, p := range ps {
			if onPath[p] {
				children[p] = append(children[p], n)
			}
		}
	}
	root, goal := t.a.root, t.b.root
	out := []string{root}
	for cur := root; cur != goal; {
		var next []string
		if isMeet[cur] || t.onBSide(cur) {
			next = t.b.parents[cur]
		} else {
			next = children[cur]
		}
		if len(next) == 0 { // unreachable by construction; never loop
			return []string{}
		}
		best := next[0]
		for _, n := range next[1:] {
			if n < best {
				best = n
			}
		}
		out = append(out, best)
		cur = best
	}
	return out
}

// onBSide is true for nodes reached only from b.
func (t *bidi) onBSide(n string) bool {
	_, inA := t.a.dist[n]
	_, inB := t.b.dist[n]
	return inB && !inA
}

// hops turns a chain into hops with their proof.
func (t *bidi) hops(path []string) []graph.Hop {
	hops := make([]graph.Hop, 0, len(path))
	for i := 0; i+1 < len(path); i++ {
		hops = append(hops, t.links.hop(path[i], path[i+1]))
	}
	return hops
}
