package query

import (
	"context"

	"github.com/cablegraph/cablegraph/graph"
)

// DiscussionPageSource is a DiscussionsSource that can leave out the
// pairs a page of discussions cannot show. A topic's interactions are
// thousands (Kosovo at the release's size: 2,400), its page a few dozen
// pairs: shipping, sorting and decoding every interaction was most of
// what a discussions question cost on Neo4j, when the ranking needs
// only bounds to rule a pair out.
type DiscussionPageSource interface {
	// DiscussionPageInteractions is DiscussionInteractions, except that
	// it may leave out every interaction of a pair of persons (unordered)
	// that cannot be among the first `first` discussions: one whose score
	// counting every interaction returned for it is below the first-th
	// highest score counting only topical ones (the exact score lies
	// between the two), scores weighing each interaction by
	// weights[kind] (other for any other kind) times its confidence as
	// Discussions clamps it (a float in (0, 1], else 1). A pair's
	// interactions come all or none; those that do not link two persons
	// may be left out.
	DiscussionPageInteractions(ctx context.Context, base graph.InteractionFilter, topics, words []string, first int, weights map[string]float64, other float64) (topical []graph.Interaction, byWord [][]graph.Interaction, ok bool, err error)
}

// kindWeights are kindWeight of every kind, and of any other.
func kindWeights() (map[string]float64, float64) {
	w := map[string]float64{}
	for _, k := range allKinds() {
		w[k] = kindWeight(k)
	}
	return w, kindWeight("")
}

// discussionReads asks src for the interactions of discussions: those of
// the pairs that can be on the page of the first, when src can leave out
// the others.
func discussionReads(ctx context.Context, src DiscussionsSource, base graph.InteractionFilter, topics, words []string, first int) (topical []graph.Interaction, byWord [][]graph.Interaction, ok bool, err error) {
	if p, isPage := src.(DiscussionPageSource); isPage && first > 0 {
		weights, other := kindWeights()
		return p.DiscussionPageInteractions(ctx, base, topics, words, first, weights, other)
	}
	return src.DiscussionInteractions(ctx, base, topics, words)
}
