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
	topical = s.interactions(f)
	keep := newInterFilter(base)
	byWord = make([][]graph.Interaction, len(words))
	for i, w := range words {
		cables := s.selectCables(graph.CableFilter{Text: w, Since: base.Since, Until: base.Until}, graph.OrderIDAsc)
		lw := strings.ToLower(w)
		var out []*interRec
		for _, r := range cables {
			for _, ir := range r.interactions {
				if keep.match(ir) && containsFold(ir.in.Evidence, lw) {
					out = append(out, ir)
				}
			}
		}
		byWord[i] = s.emit(out, 0)
	}
	return topical, byWord, true, nil
}
