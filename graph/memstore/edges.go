package memstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
)

func ref(kind, id string) graph.NodeRef { return graph.NodeRef{Kind: kind, ID: id} }

// edgeSet collects edges; Edges sorts them and drops exact repeats (an
// edge whose two ends were both asked for is found twice). Sorting first
// and comparing neighbours costs far less than hashing every edge's five
// strings into a set, which dominated neighbourhood queries around hubs.
type edgeSet struct {
	edges []dupEdge
}

// dupEdge is an edge and what tells apart parallel edges of the same kind
// and ends (a CITES letter), which are not repeats.
type dupEdge struct {
	e   graph.Edge
	dup string
}

func (es *edgeSet) add(e graph.Edge, dup string) {
	es.edges = append(es.edges, dupEdge{e, dup})
}

// sorted returns the distinct edges in compareEdges order.
func (es *edgeSet) sorted() []graph.Edge {
	slices.SortFunc(es.edges, func(a, b dupEdge) int {
		return cmp.Or(compareEdges(a.e, b.e), strings.Compare(a.dup, b.dup))
	})
	out := make([]graph.Edge, 0, len(es.edges))
	for i, d := range es.edges {
		if i > 0 && d == es.edges[i-1] {
			continue
		}
		out = append(out, d.e)
	}
	return out
}

func hasHow(m *graph.PersonMention, how string) bool { return slices.Contains(m.How, how) }

// Edges returns every relationship touching the nodes, INTERACTED edges
// aggregated per direction with Weight = count, ordered by kind, source
// kind and id, target kind and id.
func (s *Store) Edges(ctx context.Context, nodes []graph.NodeRef, limit int) ([]graph.Edge, int, error) {
	if err := ctx.Err(); err != nil {
		return nil, 0, fmt.Errorf("memstore edges: %w", err)
	}
	if limit < 0 {
		return nil, 0, fmt.Errorf("edges limit %d: %w", limit, graph.ErrInvalid)
	}
	nodes = uniqueNodes(nodes)
	s.mu.RLock()
	defer s.mu.RUnlock()
	if limit > 0 && len(nodes) == 1 {
		if out, total, ok := s.firstEdges(nodes[0], limit); ok {
			return out, total, nil
		}
	}
	es := &edgeSet{}
	for _, n := range nodes {
		switch n.Kind {
		case graph.KindCable:
			if r := s.cables[n.ID]; r != nil {
				s.cableEdges(r, es)
			}
		case graph.KindPerson:
			if p := s.persons[n.ID]; p != nil {
				s.personEdges(p, es)
			}
		case graph.KindCountry:
			if c := s.countries[n.ID]; c != nil {
				for r := range c.concerns {
					es.add(graph.Edge{Source: ref(graph.KindCable, r.id), Target: ref(graph.KindCountry, c.code), Kind: graph.RelConcerns, Weight: r.concerns[c.code]}, "")
				}
				for r := range c.origins {
					es.add(graph.Edge{Source: ref(graph.KindCable, r.id), Target: ref(graph.KindCountry, c.code), Kind: graph.RelOriginatedIn, Weight: 1}, "")
				}
				for k := range c.affiliated {
					es.add(graph.Edge{Source: ref(graph.KindPerson, k), Target: ref(graph.KindCountry, c.code), Kind: graph.RelAffiliatedWith, Weight: 1}, "")
				}
			}
		case graph.KindTag:
			if t := s.tags[n.ID]; t != nil {
				for r := range t.cables {
					es.add(graph.Edge{Source: ref(graph.KindCable, r.id), Target: ref(graph.KindTag, t.code), Kind: graph.RelTagged, Weight: 1}, "")
				}
			}
		case graph.KindReference:
			if x := s.refs[n.ID]; x != nil {
				s.refEdges(x, es)
			}
		case graph.KindOrganization:
			if o := s.orgs[n.ID]; o != nil {
				for r := range o.mentions {
					es.add(graph.Edge{Source: ref(graph.KindCable, r.id), Target: ref(graph.KindOrganization, o.key), Kind: graph.RelMentionsOrg, Weight: 1}, "")
				}
			}
		}
	}
	if limit > 0 && len(es.edges) > 4*limit {
		out, total := es.first(nodes, limit)
		return out, total, nil
	}
	out := es.sorted()
	total := len(out)
	if limit > 0 && len(out) > limit {
		out = out[:limit:limit]
	}
	return out, total, nil
}

// uniqueNodes drops repeated nodes (whose edges would all be found twice),
// keeping the first of each.
func uniqueNodes(nodes []graph.NodeRef) []graph.NodeRef {
	seen := make(map[graph.NodeRef]bool, len(nodes))
	out := nodes[:0:0]
	for _, n := range nodes {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

// compareEdges orders by kind, source, target, weight; it stops at the
// first difference (most pairs differ in kind or source).
func compareEdges(a, b graph.Edge) int {
	if c := strings.Compare(a.Kind, b.Kind); c != 0 {
		return c
	}
	if c := strings.Compare(a.Source.Kind, b.Source.Kind); c != 0 {
		return c
	}
	if c := strings.Compare(a.Source.ID, b.Source.ID); c != 0 {
		return c
	}
	if c := strings.Compare(a.Target.Kind, b.Target.Kind); c != 0 {
		return c
	}
	if c := strings.Compare(a.Target.ID, b.Target.ID); c != 0 {
		return c
	}
	return cmp.Compare(a.Weight, b.Weight)
}

func (s *Store) cableEdges(r *cableRec, es *edgeSet) {
	me := ref(graph.KindCable, r.id)
	for _, t := range r.tags {
		es.add(graph.Edge{Source: me, Target: ref(graph.KindTag, t), Kind: graph.RelTagged, Weight: 1}, "")
	}
	if r.originCountry != "" {
		es.add(graph.Edge{Source: me, Target: ref(graph.KindCountry, r.originCountry), Kind: graph.RelOriginatedIn, Weight: 1}, "")
	}
	for code, n := range r.concerns {
		es.add(graph.Edge{Source: me, Target: ref(graph.KindCountry, code), Kind: graph.RelConcerns, Weight: n}, "")
	}
	for _, c := range r.cites {
		es.add(graph.Edge{Source: me, Target: ref(graph.KindReference, c.id), Kind: graph.RelCites, Weight: 1}, c.letter)
	}
	if x := s.refs[r.id]; x != nil {
		es.add(graph.Edge{Source: ref(graph.KindReference, x.id), Target: me, Kind: graph.RelResolvesTo, Weight: 1}, "")
	}
	for key, m := range r.persons {
		p := ref(graph.KindPerson, key)
		es.add(graph.Edge{Source: p, Target: me, Kind: graph.RelMentionedIn, Weight: m.Count}, "")
		if hasHow(m, "classifiedBy") {
			es.add(graph.Edge{Source: p, Target: me, Kind: graph.RelClassified, Weight: 1}, "")
		}
		if hasHow(m, "signature") {
			es.add(graph.Edge{Source: p, Target: me, Kind: graph.RelSigned, Weight: 1}, "")
		}
	}
	for key := range r.orgs {
		es.add(graph.Edge{Source: me, Target: ref(graph.KindOrganization, key), Kind: graph.RelMentionsOrg, Weight: 1}, "")
	}
}

func (s *Store) personEdges(p *personRec, es *edgeSet) {
	me := ref(graph.KindPerson, p.key)
	for r, m := range p.mentions {
		c := ref(graph.KindCable, r.id)
		es.add(graph.Edge{Source: me, Target: c, Kind: graph.RelMentionedIn, Weight: m.Count}, "")
		if hasHow(m, "classifiedBy") {
			es.add(graph.Edge{Source: me, Target: c, Kind: graph.RelClassified, Weight: 1}, "")
		}
		if hasHow(m, "signature") {
			es.add(graph.Edge{Source: me, Target: c, Kind: graph.RelSigned, Weight: 1}, "")
		}
	}
	for _, cc := range p.agg.Countries {
		es.add(graph.Edge{Source: me, Target: ref(graph.KindCountry, cc), Kind: graph.RelAffiliatedWith, Weight: 1}, "")
	}
	weights := map[[2]string]int{}
	for ir := range p.inter {
		weights[[2]string{ir.in.A, ir.in.B}]++
	}
	for ab, w := range weights {
		es.add(graph.Edge{Source: ref(graph.KindPerson, ab[0]), Target: ref(graph.KindPerson, ab[1]), Kind: graph.RelInteracted, Weight: w}, "")
	}
}

func (s *Store) refEdges(x *refRec, es *edgeSet) {
	me := ref(graph.KindReference, x.id)
	for r, cites := range x.citers {
		for _, c := range cites {
			es.add(graph.Edge{Source: ref(graph.KindCable, r.id), Target: me, Kind: graph.RelCites, Weight: 1}, c.letter)
		}
	}
	if r := s.cables[x.id]; r != nil {
		es.add(graph.Edge{Source: me, Target: ref(graph.KindCable, r.id), Kind: graph.RelResolvesTo, Weight: 1}, "")
	}
}
