package memstore

import (
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/cablegraph/cablegraph/graph"
)

// maxCachedPointers bounds a listCache: past this many cached interactions
// (8 bytes each) it starts afresh. A word in most sentences ("the") would
// otherwise pin a list as long as the graph.
const maxCachedPointers = 4 << 20

// listCache remembers lists of interactions a discussions question
// derives from the graph before its window applies: the interactions of
// a topic (by the extractor's topics and the cables' tags) and the
// sentences naming a word. Deriving them walks every interaction of every
// cable of the topic or naming the word (at the full release's size
// 115,000 sentences for "kosovo", most of the question's time), while the
// lists do not change until the next write and the same topics are asked
// again and again. Windows are applied to the list per question, so one
// entry serves them all.
type listCache struct {
	// mu is held while a list is built, so that concurrent askers of a
	// new key build it once. It is not cacheMu: building reads the cached
	// orderings, which take cacheMu.
	mu       sync.Mutex
	lists    map[string][]*interRec
	pointers int
}

// clear drops every list; writers call it under s.mu.Lock.
func (c *listCache) clear() {
	c.mu.Lock()
	c.lists, c.pointers = nil, 0
	c.mu.Unlock()
}

// get returns the list of key, built by build when it is not cached.
func (c *listCache) get(key string, build func() []*interRec) []*interRec {
	c.mu.Lock()
	defer c.mu.Unlock()
	if l, ok := c.lists[key]; ok {
		return l
	}
	l := build()
	if c.lists == nil || c.pointers+len(l) > maxCachedPointers {
		c.lists, c.pointers = map[string][]*interRec{}, 0
	}
	c.lists[key] = l
	c.pointers += len(l)
	return l
}

// evidenceHits returns, in the order of Interactions, the interactions of
// the cables whose text contains lw whose evidence contains lw (lw
// lower-cased). Callers hold s.mu.RLock.
func (s *Store) evidenceHits(lw string) []*interRec {
	return s.lists.get("evidence\x00"+lw, func() []*interRec {
		var hits []*interRec
		for _, r := range s.selectCables(graph.CableFilter{Text: lw}, graph.OrderIDAsc) {
			for _, ir := range r.interactions {
				if containsFold(ir.in.Evidence, lw) {
					hits = append(hits, ir)
				}
			}
		}
		slices.SortFunc(hits, compareInteractions)
		return hits
	})
}

// topicHits returns, in the order of Interactions, the interactions
// Interactions(f) would return without f's window: those of f's topics
// (f has topics, and no persons, cables or limit) of the kinds f asks.
// Callers hold s.mu.RLock.
func (s *Store) topicHits(f graph.InteractionFilter) []*interRec {
	key := topicKey(f)
	f.Since, f.Until = nil, nil
	return s.lists.get(key, func() []*interRec {
		var out []*interRec
		s.eachInteractionCandidate(f, newInterFilter(f).match, func(ir *interRec) { out = append(out, ir) })
		slices.SortFunc(out, compareInteractions)
		return out
	})
}

// evidenceBeyond returns the interactions of evidence (evidenceHits of lw)
// that are not in topical (topicHits of f): a discussions question's
// caller leaves those out anyway, and for a country most sentences naming
// it are in cables tagged with it. Callers hold s.mu.RLock.
func (s *Store) evidenceBeyond(f graph.InteractionFilter, lw string, topical, evidence []*interRec) []*interRec {
	return s.lists.get("beyond\x00"+topicKey(f)+"\x02"+lw, func() []*interRec {
		in := make(map[*interRec]struct{}, len(topical))
		for _, ir := range topical {
			in[ir] = struct{}{}
		}
		var out []*interRec
		for _, ir := range evidence {
			if _, ok := in[ir]; !ok {
				out = append(out, ir)
			}
		}
		return out
	})
}

// topicKey names the list of topicHits(f) in a listCache.
func topicKey(f graph.InteractionFilter) string {
	topics := make([]string, len(f.Topics))
	for i, t := range f.Topics {
		topics[i] = strings.ToLower(t)
	}
	slices.Sort(topics)
	key := "topics\x00" + strings.Join(slices.Compact(topics), "\x00") + "\x01kinds\x00" + strings.Join(f.Kinds, "\x00")
	if f.IncludeCoMentions {
		key += "\x01co"
	}
	return key
}

// inWindow is the Since/Until test of a cable filter: created within the
// window, and known when the window has a bound.
func inWindow(r *cableRec, since, until *time.Time) bool {
	if since != nil && (r.created == nil || r.created.Before(*since)) {
		return false
	}
	return until == nil || (r.created != nil && !r.created.After(*until))
}
