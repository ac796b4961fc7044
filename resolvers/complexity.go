package resolvers

import (
	"time"

	"github.com/cablegraph/cablegraph/graph/generated"
)

// listGuess is the assumed length of unbounded nested lists (a cable's
// persons, citations, interactions) when estimating complexity. Cables
// mention about ten persons; a handful of famous ones are cited by more,
// which the page-size limit on connections still bounds.
const listGuess = 10

// complexity makes lists count for what they cost: a connection's children
// are counted once per item asked for, so cables(first: 100) { persons }
// weighs a hundred times cables(first: 1) { persons }.
func complexity(defaultPage int) generated.ComplexityRoot {
	pageOf := func(first *int) int {
		if first == nil || *first < 1 {
			return defaultPage
		}
		return *first
	}
	var c generated.ComplexityRoot
	c.Query.Cables = func(child int, _ *generated.CableFilter, first *int, _ *string, _ *generated.CableOrder) int {
		return 1 + child*pageOf(first)
	}
	c.Query.Search = func(child int, _ string, first *int, _ *string) int { return 1 + child*pageOf(first) }
	c.Query.Persons = func(child int, _ *string, first *int, _ *string) int { return 1 + child*pageOf(first) }
	c.Query.Discussions = func(child int, _ string, _, _ *time.Time, _ *bool, first *int) int {
		return 1 + child*pageOf(first)
	}
	c.Person.Cables = func(child int, first *int, _ *string) int { return 1 + child*pageOf(first) }
	c.Country.Cables = func(child int, first *int, _ *string) int { return 1 + child*pageOf(first) }
	c.Tag.Cables = func(child int, first *int, _ *string) int { return 1 + child*pageOf(first) }
	c.Person.Interactions = func(child int, first *int, _ *bool) int { return 1 + child*pageOf(first) }
	c.Person.Counterparts = func(child int, first *int) int { return 1 + child*pageOf(first) }
	c.Cable.Persons = func(child int) int { return 1 + child*listGuess }
	c.Cable.CitedBy = func(child int) int { return 1 + child*listGuess }
	c.Cable.Interactions = func(child int, _ *bool) int { return 1 + child*listGuess }
	c.Discussion.Cables = func(child int) int { return 1 + child*listGuess }
	c.Discussion.Evidence = func(child int) int { return 1 + child*listGuess }
	return c
}
