package graph

import "unicode/utf8"

// The pick rules make every shared node's properties (a person's name, a
// tag's meaning, ...) a pure function of the facts still in the graph,
// whatever order cables were written in. Both stores apply these same
// functions, so they agree; each is a selection by a total order, so
// folding new facts into a current value gives the same answer as
// recomputing from all of them.

// PickLongest returns the longer string in runes, ties broken by the
// lexically smaller; an empty string never wins over a non-empty one.
func PickLongest(a, b string) string {
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

// PickPair chooses between two (name, kind) pairs: longest name, then a
// kind that says something ("" and unknown say nothing), then the
// lexically smaller kind.
func PickPair(n1, k1, n2, k2 string) (string, string) {
	if n1 != n2 {
		if PickLongest(n1, n2) == n1 {
			return n1, k1
		}
		return n2, k2
	}
	weak := func(k string) bool { return k == "" || k == TagUnknown }
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

// PickSmallest returns the lexically smaller non-empty string.
func PickSmallest(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "" || a <= b:
		return a
	default:
		return b
	}
}
