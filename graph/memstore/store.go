package memstore

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/cablegraph/cablegraph/graph"
)

// Store is the in-process graph. It is safe for concurrent readers and
// writers: reads share mu, WriteCables takes it exclusively so that each
// call is atomic.
type Store struct {
	mu sync.RWMutex

	cables    map[string]*cableRec
	slots     []*cableRec // by slot number; nil once a cable was replaced
	persons   map[string]*personRec
	countries map[string]*countryRec
	tags      map[string]*tagRec
	refs      map[string]*refRec
	orgs      map[string]*orgRec

	byOrigin map[string]map[*cableRec]struct{} // lower-case origin post
	byClass  map[string]map[*cableRec]struct{} // classification
	byTopic  map[string]map[*interRec]struct{} // lower-case topic
	names    map[string]map[string]struct{}    // normalised key/name/surname/alias -> person keys
	surnames map[string]map[string]struct{}    // NameKey(surname) -> person keys

	text    *textIndex
	dataset graph.DatasetInfo
	// bulk, between BeginBulk and FinishBulk, collects the shared nodes
	// whose aggregates writes left for FinishBulk (bulk.go); nil otherwise.
	bulk *touched

	// cacheMu guards the lazily built orderings and stats, which readers
	// build while holding mu.RLock and writers clear under mu.Lock.
	cacheMu  sync.Mutex
	orders   map[graph.CableOrder][]*cableRec
	ranks    map[graph.CableOrder][]int32 // by slot: the cable's position in orders
	stats    *graph.Stats
	hubs     map[graph.NodeRef]*sortedEdges // the sorted edges of nodes with many (edges_hub.go)
	building map[graph.NodeRef]*hubBuild    // hubs being sorted now, for the requests that want them too
	partners map[partnerKey][]string        // persons' partners (interactions_links.go)
	lists    listCache                      // a topic's interactions, sentences naming a word (discussion_lists.go)
	answers  answerMemo                     // whole answers to questions, until the next write (answers.go)
}

var _ graph.Store = (*Store)(nil)

// New returns an empty store.
func New() *Store {
	return &Store{
		cables:    map[string]*cableRec{},
		persons:   map[string]*personRec{},
		countries: map[string]*countryRec{},
		tags:      map[string]*tagRec{},
		refs:      map[string]*refRec{},
		orgs:      map[string]*orgRec{},
		byOrigin:  map[string]map[*cableRec]struct{}{},
		byClass:   map[string]map[*cableRec]struct{}{},
		byTopic:   map[string]map[*interRec]struct{}{},
		names:     map[string]map[string]struct{}{},
		surnames:  map[string]map[string]struct{}{},
		text:      newTextIndex(),
		orders:    map[graph.CableOrder][]*cableRec{},
		ranks:     map[graph.CableOrder][]int32{},
	}
}

// Close releases nothing: the graph lives as long as the Store value.
func (s *Store) Close(ctx context.Context) error { return nil }

// InProcess reports that the graph lives in this process, so that a
// loader keeps the cables of a two-phase load in memory instead of a spool
// file (loader.InProcess): the store is about to hold them all anyway.
func (s *Store) InProcess() bool { return true }

// Ping reports the context's error, the only way an in-process store can
// fail to answer.
func (s *Store) Ping(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("memstore ping: %w", err)
	}
	return nil
}

// EnsureSchema has nothing to create: indexes are maintained on write.
func (s *Store) EnsureSchema(ctx context.Context) error { return ctx.Err() }

// SetDataset records the dataset version.
func (s *Store) SetDataset(ctx context.Context, d graph.DatasetInfo) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("memstore set dataset: %w", err)
	}
	d.LoadedAt = normTime(d.LoadedAt)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dataset = d
	s.invalidate()
	return nil
}

// CableHashes returns the stored content hash of each loaded cable.
func (s *Store) CableHashes(ctx context.Context, ids []string) (map[string]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("memstore cable hashes: %w", err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make(map[string]string, len(ids))
	for _, id := range ids {
		if c, ok := s.cables[id]; ok {
			out[id] = c.hash
		}
	}
	return out, nil
}

// invalidate drops the caches derived from the graph; callers hold mu.Lock.
func (s *Store) invalidate() {
	s.cacheMu.Lock()
	clear(s.orders)
	clear(s.ranks)
	s.stats = nil
	s.hubs = nil
	s.partners = nil
	s.cacheMu.Unlock()
	s.lists.clear()
	s.answers.clear()
}

// normTime returns t in UTC truncated to the second, the precision both
// stores keep.
func normTime(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC().Truncate(time.Second)
	return &u
}

// page cuts a window out of n items; Limit 0 means no limit.
func page(n int, p graph.Page) (lo, hi int, err error) {
	if p.Offset < 0 || p.Limit < 0 {
		return 0, 0, fmt.Errorf("page offset %d limit %d: %w", p.Offset, p.Limit, graph.ErrInvalid)
	}
	lo = min(p.Offset, n)
	hi = n
	if p.Limit > 0 {
		hi = min(lo+p.Limit, n)
	}
	return lo, hi, nil
}
