package memstore

import (
	"iter"
	"slices"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
)

// hubGroup is one kind of edge of a Tag, Country or Organization node:
// every edge of the group has the same kind, the asked node as its target
// and a distinct source of one kind, so the group's order is the order of
// the source ids alone.
type hubGroup struct {
	kind       string
	sourceKind string
	ids        []idRec               // ascending
	weight     func(r *cableRec) int // nil: weight 1
}

// sortedEdges is what a node's first edges are cut from: sorted groups of
// a hub, or every edge of another node in the order of Edges.
type sortedEdges struct {
	groups []hubGroup
	edges  []graph.Edge
	total  int
}

// minCachedEdges is the fewest edges a node needs for its sorted edges to
// be kept until the next write: below it they are cheaper to build again
// than to hold. At 64, re-sorting the edges of the persons a depth-2
// neighbourhood expands was most of its remaining store time.
const minCachedEdges = 16

// hubBuild is one sorting of a node's edges in progress: requests that
// want the same node meanwhile wait for it instead of sorting again.
type hubBuild struct {
	done chan struct{}
	se   *sortedEdges
}

// hubEdges returns n's sorted edges: kept ones, or sorted now, once however
// many requests ask at the same time. After a start or a write every
// neighbourhood question around the same hubs used to sort them in each
// concurrent request, a multiple of the work and its garbage just when the
// store is coldest. Callers hold s.mu.RLock, as the builder does, so no
// write can clear s.hubs while one is built.
func (s *Store) hubEdges(n graph.NodeRef) *sortedEdges {
	s.cacheMu.Lock()
	if se := s.hubs[n]; se != nil {
		s.cacheMu.Unlock()
		return se
	}
	if b := s.building[n]; b != nil {
		s.cacheMu.Unlock()
		<-b.done
		if b.se == nil { // the build panicked; that request has reported it
			return s.sortEdges(n)
		}
		return b.se
	}
	b := &hubBuild{done: make(chan struct{})}
	if s.building == nil {
		s.building = map[graph.NodeRef]*hubBuild{}
	}
	s.building[n] = b
	s.cacheMu.Unlock()
	defer func() {
		s.cacheMu.Lock()
		delete(s.building, n)
		if b.se != nil && b.se.total >= minCachedEdges {
			if s.hubs == nil {
				s.hubs = map[graph.NodeRef]*sortedEdges{}
			}
			s.hubs[n] = b.se
		}
		s.cacheMu.Unlock()
		close(b.done)
	}()
	b.se = s.sortEdges(n)
	return b.se
}

// firstEdges answers Edges for a single Tag, Country, Organization or
// Person node with a limit, the neighbourhood's question about each node it
// expands. A hub (a Tag or Country on thousands of cables, a person in
// hundreds) has its edges sorted once per graph version and kept in
// s.hubs, so each question costs its limit, not a pass over thousands of
// edges with their garbage, which was most of a depth-2 neighbourhood's
// cost. ok is false for other kinds; the answer is the one Edges gives
// without this path (TestEdgesLimitIsPrefix). Callers hold s.mu.RLock, so
// no write can clear s.hubs between building and keeping.
func (s *Store) firstEdges(n graph.NodeRef, limit int) (out []graph.Edge, total int, ok bool) {
	switch n.Kind {
	case graph.KindTag, graph.KindCountry, graph.KindOrganization, graph.KindPerson:
	default:
		return nil, 0, false
	}
	se := s.hubEdges(n)
	if se.groups == nil {
		out = make([]graph.Edge, min(limit, len(se.edges)))
		copy(out, se.edges)
		return out, se.total, true
	}
	out = make([]graph.Edge, 0, min(limit, se.total))
	for _, g := range se.groups {
		for _, x := range g.ids[:min(limit-len(out), len(g.ids))] {
			w := 1
			if g.weight != nil {
				w = g.weight(x.rec)
			}
			out = append(out, graph.Edge{Source: ref(g.sourceKind, x.id), Target: n, Kind: g.kind, Weight: w})
		}
	}
	return out, se.total, true
}

// sortEdges sorts every edge of one Tag, Country, Organization or Person.
func (s *Store) sortEdges(n graph.NodeRef) *sortedEdges {
	var groups []hubGroup
	switch n.Kind {
	case graph.KindTag:
		if t := s.tags[n.ID]; t != nil {
			groups = append(groups, hubGroup{kind: graph.RelTagged, sourceKind: graph.KindCable, ids: sortedIDs(cableIDs(t.cables))})
		}
	case graph.KindCountry:
		if c := s.countries[n.ID]; c != nil {
			groups = append(groups,
				hubGroup{kind: graph.RelConcerns, sourceKind: graph.KindCable, ids: sortedIDs(cableIDs(c.concerns)),
					weight: func(r *cableRec) int { return r.concerns[c.code] }},
				hubGroup{kind: graph.RelOriginatedIn, sourceKind: graph.KindCable, ids: sortedIDs(cableIDs(c.origins))},
				hubGroup{kind: graph.RelAffiliatedWith, sourceKind: graph.KindPerson, ids: sortedIDs(keysOf(c.affiliated))})
		}
	case graph.KindOrganization:
		if o := s.orgs[n.ID]; o != nil {
			groups = append(groups, hubGroup{kind: graph.RelMentionsOrg, sourceKind: graph.KindCable, ids: sortedIDs(cableIDs(o.mentions))})
		}
	case graph.KindPerson:
		es := &edgeSet{}
		if p := s.persons[n.ID]; p != nil {
			s.personEdges(p, es)
		}
		edges := es.sorted()
		return &sortedEdges{edges: edges, total: len(edges)}
	}
	slices.SortFunc(groups, func(a, b hubGroup) int { return strings.Compare(a.kind, b.kind) })
	se := &sortedEdges{groups: groups}
	for _, g := range groups {
		se.total += len(g.ids)
	}
	return se
}

// cableIDs yields the ids of a set of cables keyed by record.
func cableIDs[V any](m map[*cableRec]V) iter.Seq2[string, *cableRec] {
	return func(yield func(string, *cableRec) bool) {
		for r := range m {
			if !yield(r.id, r) {
				return
			}
		}
	}
}

// keysOf yields the keys of a string set, with no record.
func keysOf[V any](m map[string]V) iter.Seq2[string, *cableRec] {
	return func(yield func(string, *cableRec) bool) {
		for k := range m {
			if !yield(k, nil) {
				return
			}
		}
	}
}

// idRec is a source id and its record (nil for a person).
type idRec struct {
	id  string
	rec *cableRec
}

// sortedIDs returns the ids seq yields, ascending.
func sortedIDs(seq iter.Seq2[string, *cableRec]) []idRec {
	var out []idRec
	for id, rec := range seq {
		out = append(out, idRec{id, rec})
	}
	slices.SortFunc(out, func(a, b idRec) int { return strings.Compare(a.id, b.id) })
	return out
}
