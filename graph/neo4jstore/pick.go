package neo4jstore

import (
	"unicode/utf8"

	"github.com/cablegraph/cablegraph/graph"
)

// The pick rules make every shared node's properties a pure function of
// the facts still in the graph, whatever order cables were written in.
// They are the rules of graph/memstore, so both stores agree; each is a
// selection by a total order, so combining a node's current value with
// new facts gives the same answer as recomputing from all of them.

// pickLongest returns the longer string in runes, ties broken by the
// lexically smaller; an empty string never wins over a non-empty one.
func pickLongest(a, b string) string {
	la, lb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
	switch {
	case la != lb:
		if la > lb {
			return a
		}
		return b
	case a <= b:
		return a
	default:
		return b
	}
}

// pickPair chooses between two (name, kind) pairs: longest name, then a
// kind that says something ("" and unknown say nothing), then the
// lexically smaller kind.
func pickPair(n1, k1, n2, k2 string) (string, string) {
	if n1 != n2 {
		if pickLongest(n1, n2) == n1 {
			return n1, k1
		}
		return n2, k2
	}
	weak := func(k string) bool { return k == "" || k == graph.TagUnknown }
	switch {
	case weak(k1) && !weak(k2):
		return n2, k2
	case weak(k2) && !weak(k1):
		return n1, k1
	case k1 <= k2:
		return n1, k1
	default:
		return n2, k2
	}
}

// pickSmallest returns the lexically smaller non-empty string.
func pickSmallest(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "" || a <= b:
		return a
	default:
		return b
	}
}
