package query

import (
	"sort"

	"github.com/cablegraph/cablegraph/graph"
)

// linkBook remembers the proof of every link seen during a search, so that
// the chosen chain's hops need no further store calls.
type linkBook struct {
	seen   map[string]bool
	inters map[[2]string][]graph.Interaction
	shared map[[2]string]map[string]bool
}

func newLinkBook() *linkBook {
	return &linkBook{seen: map[string]bool{}, inters: map[[2]string][]graph.Interaction{}, shared: map[[2]string]map[string]bool{}}
}

func pairOf(u, v string) [2]string {
	if v < u {
		u, v = v, u
	}
	return [2]string{u, v}
}

func (l *linkBook) addInteraction(x graph.Interaction) {
	id := identity(x)
	if l.seen[id] {
		return
	}
	l.seen[id] = true
	k := pairOf(x.A, x.B)
	l.inters[k] = append(l.inters[k], x)
}

func (l *linkBook) addShared(u, v, cable string) {
	k := pairOf(u, v)
	if l.shared[k] == nil {
		l.shared[k] = map[string]bool{}
	}
	l.shared[k][cable] = true
}

// hop describes the link from u to v: the strongest interaction kind
// between them (by weight; the earliest of equal weight) with its sentences, or the shared
// cables when they only appear together.
func (l *linkBook) hop(u, v string) graph.Hop {
	h := graph.Hop{From: u, To: v, Evidence: []graph.Evidence{}}
	ins := append([]graph.Interaction(nil), l.inters[pairOf(u, v)]...)
	if len(ins) > 0 {
		sortInteractions(ins)
		for _, x := range ins {
			if h.Kind == "" || kindWeight(x.Kind) > kindWeight(h.Kind) {
				h.Kind = x.Kind
			}
			if len(h.Evidence) < maxHopEvidence {
				h.Evidence = append(h.Evidence, evidenceOf(x))
			}
		}
		return h
	}
	h.Kind = HopSharedCable
	var cables []string
	for c := range l.shared[pairOf(u, v)] {
		cables = append(cables, c)
	}
	sort.Strings(cables)
	for _, c := range cables {
		if len(h.Evidence) == maxHopEvidence {
			break
		}
		h.Evidence = append(h.Evidence, graph.Evidence{Cable: c, Kind: HopSharedCable})
	}
	return h
}
