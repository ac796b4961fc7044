package query

import (
	"context"

	"github.com/cablegraph/cablegraph/graph"
)

// ChainSource is a Reader that answers most connection questions itself,
// in one round trip. Across a network the search's level-by-level
// expansion costs a statement per level plus one for the proof, each
// shipping every partner of a hub; a store that can find the shortest
// chain where the data lives (and the smallest one by keys among equals)
// needs one. It answers only when it can tell exactly what the search
// would have answered; otherwise the search runs as before.
type ChainSource interface {
	// ShortestChain looks for the chain Connection's search returns
	// between the distinct person keys a and b over the links made by the
	// interactions passing f (f.Persons and f.Limit ignored): the
	// lexicographically smallest sequence of keys among the shortest
	// chains of at most maxHops links. proof is every interaction passing
	// f between two consecutive persons of the chain, in any order. A
	// search reaching more than maxVisited persons (both sides counted)
	// stops without an answer; exact is false whenever the store cannot
	// rule that out or cannot find the chain cheaply (then the caller
	// searches). exact with an empty chain means there is no chain within
	// maxHops.
	ShortestChain(ctx context.Context, a, b string, maxHops, maxVisited int, f graph.InteractionFilter) (chain []string, proof []graph.Interaction, exact bool, err error)
}

// pushedChain answers q between the keys a and b on a ChainSource; ok is
// false when the Reader is none, or cannot tell exactly, and the caller
// searches. Links through shared cables are the search's alone.
func (s *Service) pushedChain(ctx context.Context, a, b string, maxHops int, q graph.ConnectionQuery, out *graph.Connection) (bool, error) {
	src, ok := ReaderAs[ChainSource](s.r)
	if !ok || q.SharedCables || !isPerson(a) || !isPerson(b) {
		return false, nil
	}
	chain, proof, exact, err := src.ShortestChain(ctx, a, b, maxHops, maxVisited, linkFilter(q))
	if err != nil || !exact {
		return false, err
	}
	for _, p := range chain {
		if !isPerson(p) {
			return false, nil // a link the search would not follow
		}
	}
	if len(chain) == 0 {
		out.Reason = noChain(maxHops)
		return true, nil
	}
	links := newLinkBook()
	for _, x := range proof {
		links.addInteraction(x)
	}
	out.Persons = chain
	out.Hops = make([]graph.Hop, 0, len(chain)-1)
	for i := 0; i+1 < len(chain); i++ {
		out.Hops = append(out.Hops, links.hop(chain[i], chain[i+1]))
	}
	return true, nil
}
