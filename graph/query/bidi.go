package query

import (
	"sort"

	"github.com/cablegraph/cablegraph/graph"
)

// side is one half of a bidirectional breadth-first search.
type side struct {
	seen     map[string]visit    // every node reached, with its hops from root
	more     map[string][]string // further parents of a node beyond visit.parent (rare)
	frontier []string            // nodes at dist == depth, sorted
	depth    int
	root     string
}

// visit is a node's place in one side's search: its hops from the root and
// the first neighbour found one hop nearer (none for the root). One map
// entry instead of a distance and a one-element slice of parents: a
// connection question reaches thousands of nodes, and those slices were
// half of what it allocated.
type visit struct {
	dist   int
	parent string
}

func newSide(root string) *side {
	return &side{seen: map[string]visit{root: {}}, more: map[string][]string{}, frontier: []string{root}, root: root}
}

// reached is the number of nodes this side has reached.
func (s *side) reached() int { return len(s.seen) }

// has reports whether this side has reached n.
func (s *side) has(n string) bool {
	_, ok := s.seen[n]
	return ok
}

// parents returns n's neighbours one hop nearer the root, in the order
// they were found (none for the root or a node not reached).
func (s *side) parents(n string) []string {
	v, ok := s.seen[n]
	if !ok || n == s.root {
		return nil
	}
	return append([]string{v.parent}, s.more[n]...)
}

// expand moves the side one level out and returns the new nodes the other
// side has already reached. It always finishes the whole level, so that
// every shortest chain is known before one is chosen.
func (s *side) expand(nbrs map[string][]string, other *side) []string {
	var next, meets []string
	for _, u := range s.frontier {
		for _, v := range nbrs[u] {
			vis, seen := s.seen[v]
			switch {
			case !seen:
				s.seen[v] = visit{dist: s.depth + 1, parent: u}
				next = append(next, v)
				if other.has(v) {
					meets = append(meets, v)
				}
			case vis.dist == s.depth+1: // never the root, at 0
				s.more[v] = append(s.more[v], u)
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
	var mark func(n string, s *side)
	mark = func(n string, s *side) {
		if onPath[n] {
			return
		}
		onPath[n] = true
		for _, p := range s.parents(n) {
			mark(p, s)
		}
	}
	for _, m := range meets {
		isMeet[m] = true
		mark(m, t.a)
		delete(onPath, m) // let the b side walk from it too
		mark(m, t.b)
	}
	// Children on a's side, restricted to marked nodes.
	children := map[string][]string{}
	for n := range t.a.seen {
		if !onPath[n] {
			continue
		}
		for _, p := range t.a.parents(n) {
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
			next = t.b.parents(cur)
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
	return t.b.has(n) && !t.a.has(n)
}

// hops turns a chain into hops with their proof.
func (t *bidi) hops(path []string) []graph.Hop {
	hops := make([]graph.Hop, 0, len(path))
	for i := 0; i+1 < len(path); i++ {
		hops = append(hops, t.links.hop(path[i], path[i+1]))
	}
	return hops
}
