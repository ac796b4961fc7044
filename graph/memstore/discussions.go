package memstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
)

// DiscussionInteractions reads what a discussions question reads over the
// Reader (graph/query, DiscussionsSource) under one read lock: topical is
// Interactions(base with Topics: topics); byWord[i] holds the interactions
// passing base in the cables of ListCables(Text: words[i], base's window)
// whose evidence contains words[i] lower-cased
// (a superset of the whole-word matches the caller keeps). Over the
// Reader the text pass copies out every interaction of those cables, 500
// cables per call, and the caller throws most away: at the full release's
// size, 60,000 copies for a few hundred sentences naming "Kosovo".
//
// The lists before the window applies are cached until the next write
// (discussion_lists.go); the interactions share their Topics with the store, which
// graph/query only reads.
//
// ok is false, with nothing read, for a question the generic path must
// answer (base with persons, cables, topics or a limit, or no topics).
func (s *Store) DiscussionInteractions(ctx context.Context, base graph.InteractionFilter, topics, words []string) (topical []graph.Interaction, byWord [][]graph.Interaction, ok bool, err error) {
	if len(base.Persons) > 0 || len(base.Cables) > 0 || len(base.Topics) > 0 || base.Limit != 0 || len(topics) == 0 {
		return nil, nil, false, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, true, fmt.Errorf("memstore discussion interactions: %w", err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	f := base
	f.Topics = topics
	keep := newInterFilter(base)
	// The cached lists are sorted, so what passes stays sorted. The
	// copies leave the names as the records hold them and share the
	// records' topics: Discussions reads neither.
	emitKept := func(list []*interRec, cableWindow bool) []graph.Interaction {
		n := 0
		for _, ir := range list {
			if keep.match(ir) && (!cableWindow || inWindow(ir.cable, base.Since, base.Until)) {
				n++
			}
		}
		out := make([]graph.Interaction, 0, n)
		for _, ir := range list {
			if keep.match(ir) && (!cableWindow || inWindow(ir.cable, base.Since, base.Until)) {
				out = append(out, ir.in)
			}
		}
		return out
	}
	topicList := s.topicHits(f)
	topical = emitKept(topicList, false)
	byWord = make([][]graph.Interaction, len(words))
	for i, w := range words {
		// ListCables(Text: w) applies the window to the cables too. The
		// sentences already topical are left out (the caller would).
		lw := strings.ToLower(w)
		byWord[i] = emitKept(s.evidenceBeyond(f, lw, topicList, s.evidenceHits(lw)), true)
	}
	return topical, byWord, true, nil
}
