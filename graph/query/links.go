package query

import (
	"context"
	"sort"

	"github.com/cablegraph/cablegraph/graph"
)

// LinkSource is a Reader that answers a connection search's two questions
// without copying interactions. Expanding a frontier needs only who is
// linked to it, yet Interactions copies every interaction of the frontier
// (thousands around a hub) and sorts them by date; the proof is needed only
// for the few pairs of the chain found. An in-process store answers both
// from its adjacency.
type LinkSource interface {
	// InteractionPartners returns, for each of persons with any, the
	// distinct keys at the other end of their interactions passing f
	// (f.Persons and f.Limit ignored), sorted.
	InteractionPartners(ctx context.Context, persons []string, f graph.InteractionFilter) (map[string][]string, error)
	// PairInteractions returns exactly the interactions between a and b,
	// either way round, that Interactions returns for f with Persons
	// [a, b], in the same order.
	PairInteractions(ctx context.Context, a, b string, f graph.InteractionFilter) ([]graph.Interaction, error)
}

// PairsSource is a LinkSource that proves a whole chain at once: a store
// across a network answers one statement for all the chain's links instead
// of one round trip per link.
type PairsSource interface {
	// PairsInteractions returns the interactions PairInteractions returns
	// for each of pairs, each once, in any order.
	PairsInteractions(ctx context.Context, pairs [][2]string, f graph.InteractionFilter) ([]graph.Interaction, error)
}

// linkBook remembers the proof of every link seen during a search, so that
// the chosen chain's hops need no further store calls.
type linkBook struct {
	seen   map[interactionID]bool
	inters map[[2]string][]graph.Interaction
	shared map[[2]string]map[string]bool
}

func newLinkBook() *linkBook {
	return &linkBook{seen: map[interactionID]bool{}, inters: map[[2]string][]graph.Interaction{}, shared: map[[2]string]map[string]bool{}}
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
