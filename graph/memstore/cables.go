package memstore

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/cablegraph/cablegraph/graph"
)

// Cables returns deep copies of the stored documents, in the order asked.
func (s *Store) Cables(ctx context.Context, ids []string) ([]*graph.Cable, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("memstore cables: %w", err)
	}
	s.mu.RLock()
	recs := make([]*cableRec, 0, len(ids))
	for _, id := range ids {
		if r, ok := s.cables[id]; ok {
			recs = append(recs, r)
		}
	}
	s.mu.RUnlock()
	// A record is never mutated once linked (a rewrite links a new one),
	// so its document can be copied outside the lock.
	out := make([]*graph.Cable, 0, len(recs))
	for _, r := range recs {
		out = append(out, document(r.doc, r.spans))
	}
	return out, nil
}

// compareCables orders two cables under o: dates with nil last in both
// directions, ties (and ID_ASC) by id.
func compareCables(o graph.CableOrder, a, b *cableRec) int {
	if o != graph.OrderIDAsc {
		switch {
		case a.created == nil && b.created != nil:
			return 1
		case a.created != nil && b.created == nil:
			return -1
		case a.created != nil && b.created != nil && !a.created.Equal(*b.created):
			c := a.created.Compare(*b.created)
			if o == graph.OrderCreatedDesc {
				c = -c
			}
			return c
		}
	}
	return strings.Compare(a.id, b.id)
}

// ordered returns every cable sorted by o, built once per graph version.
func (s *Store) ordered(o graph.CableOrder) []*cableRec {
	l, _ := s.orderedRanked(o)
	return l
}

// orderedRanked is ordered with each cable's position in it, indexed by
// slot: sorting a subset by rank compares integers instead of ids and
// dates (sorting the 9,617 cables naming "kosovo" by id was a third of a
// discussions question at full size).
func (s *Store) orderedRanked(o graph.CableOrder) ([]*cableRec, []int32) {
	s.cacheMu.Lock()
	defer s.cacheMu.Unlock()
	if l, ok := s.orders[o]; ok {
		return l, s.ranks[o]
	}
	l := make([]*cableRec, 0, len(s.cables))
	for _, r := range s.cables {
		l = append(l, r)
	}
	slices.SortFunc(l, func(a, b *cableRec) int { return compareCables(o, a, b) })
	rank := make([]int32, len(s.slots))
	for i, r := range l {
		rank[r.slot] = int32(i)
	}
	s.orders[o] = l
	s.ranks[o] = rank
	return l, rank
}

func checkOrder(o graph.CableOrder) (graph.CableOrder, error) {
	switch o {
	case "":
		return graph.OrderCreatedDesc, nil
	case graph.OrderCreatedAsc, graph.OrderCreatedDesc, graph.OrderIDAsc:
		return o, nil
	}
	return "", fmt.Errorf("unknown cable order %q: %w", o, graph.ErrInvalid)
}

// matcher is a compiled CableFilter.
type matcher struct {
	f     graph.CableFilter
	ids   map[string]bool
	words []string
}

func compileFilter(f graph.CableFilter) matcher {
	m := matcher{f: f, words: strings.Fields(strings.ToLower(f.Text))}
	if f.IDs != nil {
		m.ids = map[string]bool{}
		for _, id := range f.IDs {
			m.ids[id] = true
		}
	}
	return m
}

func (s *Store) matches(m matcher, r *cableRec) bool {
	f := m.f
	if m.ids != nil && !m.ids[r.id] {
		return false
	}
	for _, t := range f.Tags {
		if !slices.Contains(r.tags, t) {
			return false
		}
	}
	if f.Country != "" && r.originCountry != f.Country {
		if _, ok := r.concerns[f.Country]; !ok {
			return false
		}
	}
	if f.Origin != "" && !strings.EqualFold(r.origin, f.Origin) {
		return false
	}
	if f.Classification != "" && r.classification != f.Classification {
		return false
	}
	if !inWindow(r, f.Since, f.Until) {
		return false
	}
	if f.Person != "" {
		if _, ok := r.persons[f.Person]; !ok {
			return false
		}
	}
	for _, w := range m.words {
		// Words hold no spaces (strings.Fields), so none can straddle
		// the space joining subject and body: search each on its own.
		if !containsFold(r.subject, w) && !containsFold(r.body, w) {
			return false
		}
	}
	return true
}

// containsFold reports whether strings.ToLower(s) contains w (already
// lower case) without allocating a lowered copy of s for ASCII words.
func containsFold(s, w string) bool {
	if w == "" {
		return true
	}
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			return strings.Contains(strings.ToLower(s), w)
		}
	}
	if asciiContainsFold(s, w) {
		return true
	}
	// Two runes outside ASCII lower-case into it: U+0130 to "i" and the
	// Kelvin sign U+212A to "k" (Lucene folds them alike, so Neo4j's
	// full-text index agrees). Rare: look only when w could need them.
	if strings.ContainsAny(w, "ik") && (strings.Contains(s, "\u0130") || strings.Contains(s, "\u212a")) {
		return strings.Contains(strings.ToLower(s), w)
	}
	return false
}

// asciiContainsFold is containsFold of an ASCII w, folding only A-Z.
func asciiContainsFold(s, w string) bool {
	first := w[0]
	upper := first
	if 'a' <= first && first <= 'z' {
		upper = first - 'a' + 'A'
	}
	for i := 0; i+len(w) <= len(s); i++ {
		if c := s[i]; c != first && c != upper {
			continue
		}
		if asciiEqualFold(s[i:i+len(w)], w) {
			return true
		}
	}
	return false
}

func asciiEqualFold(s, w string) bool {
	for i := 0; i < len(w); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[i] {
			return false
		}
	}
	return true
}

// candidates returns the smallest indexed set the filter restricts to, or
// nil (with all=true) when no index applies.
func (s *Store) candidates(f graph.CableFilter) (set []*cableRec, all bool) {
	best := -1
	consider := func(l []*cableRec) {
		if best < 0 || len(l) < best {
			set, best = l, len(l)
		}
	}
	if f.IDs != nil {
		var l []*cableRec
		for _, id := range f.IDs {
			if r := s.cables[id]; r != nil && !slices.Contains(l, r) {
				l = append(l, r)
			}
		}
		consider(l)
	}
	if f.Person != "" {
		var l []*cableRec
		if p := s.persons[f.Person]; p != nil {
			for r := range p.mentions {
				l = append(l, r)
			}
		}
		consider(l)
	}
	for _, t := range f.Tags {
		var l []*cableRec
		if x := s.tags[t]; x != nil {
			if best >= 0 && len(x.cables) >= best {
				continue
			}
			for r := range x.cables {
				l = append(l, r)
			}
		}
		consider(l)
	}
	if f.Country != "" {
		var l []*cableRec
		if c := s.countries[f.Country]; c != nil {
			for r := range c.concerns {
				l = append(l, r)
			}
			for r := range c.origins {
				if _, dup := c.concerns[r]; !dup {
					l = append(l, r)
				}
			}
		}
		consider(l)
	}
	if f.Origin != "" {
		var l []*cableRec
		for r := range s.byOrigin[strings.ToLower(f.Origin)] {
			l = append(l, r)
		}
		consider(l)
	}
	if f.Classification != "" {
		var l []*cableRec
		for r := range s.byClass[f.Classification] {
			l = append(l, r)
		}
		consider(l)
	}
	if best < 0 {
		return nil, true
	}
	return set, false
}

// selectCables returns the matching cables in order o.
func (s *Store) selectCables(f graph.CableFilter, o graph.CableOrder) []*cableRec {
	m := compileFilter(f)
	set, all := s.candidates(f)
	if all && f.Since == nil && f.Until == nil && len(m.words) == 0 {
		return s.ordered(o) // no filter at all: the cached ordering is the answer
	}
	if all && len(m.words) > 0 {
		var ok bool
		var decided string
		set, decided, ok = s.text.substringCandidates(m.words, s.slots)
		all = !ok
		if ok && decided != "" {
			m.words = slices.DeleteFunc(slices.Clone(m.words), func(w string) bool { return w == decided })
		}
	}
	if all {
		var out []*cableRec
		for _, r := range s.ordered(o) {
			if s.matches(m, r) {
				out = append(out, r)
			}
		}
		return out
	}
	out := slices.DeleteFunc(slices.Clone(set), func(r *cableRec) bool { return !s.matches(m, r) })
	_, rank := s.orderedRanked(o)
	slices.SortFunc(out, func(a, b *cableRec) int { return int(rank[a.slot]) - int(rank[b.slot]) })
	return out
}

// ListCables returns matching cable ids in the given order.
func (s *Store) ListCables(ctx context.Context, f graph.CableFilter, order graph.CableOrder, p graph.Page) (graph.IDPage, error) {
	if err := ctx.Err(); err != nil {
		return graph.IDPage{}, fmt.Errorf("memstore list cables: %w", err)
	}
	o, err := checkOrder(order)
	if err != nil {
		return graph.IDPage{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	l := s.selectCables(f, o)
	lo, hi, err := page(len(l), p)
	if err != nil {
		return graph.IDPage{}, err
	}
	ids := make([]string, 0, hi-lo)
	for _, r := range l[lo:hi] {
		ids = append(ids, r.id)
	}
	return graph.IDPage{IDs: ids, Total: len(l)}, nil
}

// CableDates returns the created dates of the matching cables, ascending.
func (s *Store) CableDates(ctx context.Context, f graph.CableFilter) ([]time.Time, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("memstore cable dates: %w", err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []time.Time
	for _, r := range s.selectCables(f, graph.OrderCreatedAsc) {
		if r.created != nil {
			out = append(out, *r.created)
		}
	}
	return out, nil
}
