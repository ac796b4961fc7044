package query

import (
	"context"
	"fmt"

	"github.com/cablegraph/cablegraph/graph"
)

// DiscussionsSource is a Reader that reads what Discussions needs in one
// round trip. Over the Reader a discussions question is a topical
// Interactions call, then per topic word a ListCables text search and one
// Interactions call per 500 of its cables; a database pays a transaction
// and a statement for each and ships every interaction of those cables,
// while one statement keeps the cables inside and returns only candidate
// sentences. The answer stays the generic one: this code still applies the
// whole-word test, the merge and the ranking.
type DiscussionsSource interface {
	// DiscussionInteractions returns topical, the interactions
	// Interactions(base with Topics: topics) returns, and for each word
	// words[i] a list byWord[i] holding every interaction passing base
	// whose evidence contains words[i] as a whole word (more may come: the
	// caller tests each; those already in topical may be left out), each
	// list in the Reader's order. Every such sentence counts, however many
	// cables name the word: a cap would drop proof silently. Only what
	// Discussions reads need be set: AName, BName and Topics may be empty,
	// and the lists are the caller's to read, not to modify (a store may
	// share parts with its own records). ok false means it cannot answer
	// this question exactly and read nothing; the caller then asks the
	// Reader.
	DiscussionInteractions(ctx context.Context, base graph.InteractionFilter, topics, words []string) (topical []graph.Interaction, byWord [][]graph.Interaction, ok bool, err error)
}

// pushedDiscussionReads returns the interactions Discussions groups, read
// through a DiscussionsSource: the topical ones, then those whose evidence
// names a topic word, merged as the generic text pass merges them. ok is
// false when the Reader cannot, and the caller reads generically. Pairs
// that cannot be among the first discussions may be left out.
func (s *Service) pushedDiscussionReads(ctx context.Context, base graph.InteractionFilter, codes, words []string, first int) (ins []graph.Interaction, ok bool, err error) {
	src, ok := ReaderAs[DiscussionsSource](s.r)
	if !ok {
		return nil, false, nil
	}
	topics := append(append([]string{}, codes...), words...)
	topical, byWord, ok, err := discussionReads(ctx, src, base, topics, words, first)
	if err != nil || !ok {
		return nil, ok, err
	}
	if len(byWord) != len(words) {
		return nil, true, fmt.Errorf("discussion reads: %d lists for %d words", len(byWord), len(words))
	}
	// The sentences naming a word, in the generic pass's order; only
	// their cables' topical interactions can be the same interaction, so
	// only those are keyed (a topic's thousands are not).
	var cands []graph.Interaction
	for i, w := range words {
		for _, in := range byWord[i] {
			if containsWord(in.Evidence, w) {
				cands = append(cands, in)
			}
		}
	}
	var more []graph.Interaction
	if len(cands) > 0 {
		candCables := make(map[string]bool, len(cands))
		for _, in := range cands {
			candCables[in.Cable] = true
		}
		seen := map[interactionID]bool{}
		for _, in := range topical {
			if candCables[in.Cable] {
				seen[identity(in)] = true
			}
		}
		for _, in := range cands {
			id := identity(in)
			if !seen[id] {
				seen[id] = true
				more = append(more, in)
			}
		}
	}
	if len(more) == 0 {
		return topical, true, nil
	}
	return mergeInteractions(topical, more), true, nil
}
