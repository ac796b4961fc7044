package query

import (
	"context"
	"strings"

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
	// chains of at most maxHops links. Known is false when a or b is no
	// person's key. Proof is every interaction passing f between two
	// consecutive persons of the chain, in any order. A search reaching
	// more than maxVisited persons (both sides counted) stops without an
	// answer; Exact is false whenever the store cannot rule that out or
	// cannot find the chain cheaply (then the caller searches). Exact with
	// an empty chain means there is no chain within maxHops. Persons holds
	// the records of a, b and the chain's persons.
	ShortestChain(ctx context.Context, a, b string, maxHops, maxVisited int, f graph.InteractionFilter) (graph.ChainAnswer, error)
}

// chainByKeys answers q on a ChainSource when both names asked look like
// person keys and are (a connection asked by key then costs one
// statement, not one to find the two persons and one for the chain).
// known is false when the names are not both keys (or the Reader is no
// ChainSource, or q needs the search): the caller resolves the names as
// usual, which gives the same keys whenever they are keys. With known
// and not done, a and b are the keys and the caller searches.
func (s *Service) chainByKeys(ctx context.Context, maxHops int, q graph.ConnectionQuery, out *graph.Connection) (known, done bool, persons []*graph.Person, err error) {
	src, ok := ReaderAs[ChainSource](s.r)
	a, b := strings.TrimSpace(q.A), strings.TrimSpace(q.B)
	if !ok || q.SharedCables || a == b || !looksLikeKey(a) || !looksLikeKey(b) {
		return false, false, nil, nil
	}
	ans, err := src.ShortestChain(ctx, a, b, maxHops, maxVisited, linkFilter(q))
	if err != nil || !ans.Known {
		return false, false, nil, err
	}
	out.A, out.B = a, b
	return true, chainAnswer(ans, maxHops, out), ans.Persons, nil
}

// looksLikeKey tells whether a name asked may be a person key (a folded
// surname, "|" and a country code: "lavrov|RS"), so that asking the store
// for it as a key first is likely to pay off. A wrong guess costs one
// statement that finds nobody; the answer is the same either way.
func looksLikeKey(s string) bool {
	name, _, _ := strings.Cut(s, "|")
	return name != "" && isPerson(s) && !strings.ContainsAny(s, " \t\r\n") && name == strings.ToLower(name)
}

// pushedChain answers q between the keys a and b on a ChainSource; ok is
// false when the Reader is none, or cannot tell exactly, and the caller
// searches. Links through shared cables are the search's alone.
func (s *Service) pushedChain(ctx context.Context, a, b string, maxHops int, q graph.ConnectionQuery, out *graph.Connection) (bool, []*graph.Person, error) {
	src, ok := ReaderAs[ChainSource](s.r)
	if !ok || q.SharedCables || !isPerson(a) || !isPerson(b) {
		return false, nil, nil
	}
	ans, err := src.ShortestChain(ctx, a, b, maxHops, maxVisited, linkFilter(q))
	if err != nil || !ans.Known {
		return false, nil, err
	}
	return chainAnswer(ans, maxHops, out), ans.Persons, nil
}

// chainAnswer fills out from an exact answer of a ChainSource; false when
// the answer is not exact or holds a link the search would not follow.
func chainAnswer(ans graph.ChainAnswer, maxHops int, out *graph.Connection) bool {
	if !ans.Exact {
		return false
	}
	for _, p := range ans.Chain {
		if !isPerson(p) {
			return false // a link the search would not follow
		}
	}
	if len(ans.Chain) == 0 {
		out.Reason = noChain(maxHops)
		return true
	}
	links := newLinkBook()
	for _, x := range ans.Proof {
		links.addInteraction(x)
	}
	out.Persons = ans.Chain
	out.Hops = make([]graph.Hop, 0, len(ans.Chain)-1)
	for i := 0; i+1 < len(ans.Chain); i++ {
		out.Hops = append(out.Hops, links.hop(ans.Chain[i], ans.Chain[i+1]))
	}
	return true
}
