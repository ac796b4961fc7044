package graph

// ChainAnswer is what a store that finds a connection's chain where the
// data lives (query.ChainSource) answers. Over a network every statement
// costs a round trip and the server's per-statement work, so one answer
// carries what the question would otherwise ask again: whether both ends
// are persons (the names asked may be their keys) and the records of the
// chain's persons (which a GraphQL answer shows).
type ChainAnswer struct {
	// Known: both keys asked are persons of the store. When false,
	// nothing else is set.
	Known bool
	// Exact: Chain and Proof are the answer the search would give; when
	// false the caller searches.
	Exact bool
	// Chain is the chain of person keys from the first to the second;
	// empty (with Exact) when there is none within the hops asked.
	Chain []string
	// Proof is every interaction passing the filter between two
	// consecutive persons of Chain, in any order.
	Proof []Interaction
	// Persons are the records of both ends and of Chain's persons, as
	// Reader.Persons returns them, in any order.
	Persons []*Person
}
