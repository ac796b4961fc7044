package storetest

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cablegraph/cablegraph/graph"
)

// oracle is the naive model of the graph: it keeps the written cables and
// answers every Reader method by scanning them. It is slow and obviously
// right, which is the point: expectations come from the fixtures through
// plain code, never from a store.
type oracle struct {
	cables map[string]*graph.Cable // normalised
	hashes map[string]string
	memo   map[string]any // derived views, dropped on write
}

// cached returns the derived view name, computing it once per version of
// the written cables (the oracle stays naive, only not quadratic).
func cached[T any](o *oracle, name string, f func() T) T {
	if v, ok := o.memo[name]; ok {
		return v.(T)
	}
	v := f()
	o.memo[name] = v
	return v
}

func newOracle() *oracle {
	return &oracle{cables: map[string]*graph.Cable{}, hashes: map[string]string{}, memo: map[string]any{}}
}

// normalize is what a store must return for a written cable: times in UTC
// truncated to the second, after a JSON round trip.
func normalize(c *graph.Cable) *graph.Cable {
	n := *c
	norm := func(t *time.Time) *time.Time {
		if t == nil {
			return nil
		}
		u := t.UTC().Truncate(time.Second)
		return &u
	}
	n.Created, n.Released = norm(c.Created), norm(c.Released)
	n.Interactions = slices.Clone(c.Interactions)
	for i := range n.Interactions {
		n.Interactions[i].Date = norm(n.Interactions[i].Date)
	}
	b, err := json.Marshal(&n)
	if err != nil {
		panic(err)
	}
	out := new(graph.Cable)
	if err := json.Unmarshal(b, out); err != nil {
		panic(err)
	}
	return out
}

func (o *oracle) write(cables []*graph.Cable, hashes []string) {
	for i, c := range cables {
		o.cables[c.ID] = normalize(c)
		o.hashes[c.ID] = hashes[i]
	}
	clear(o.memo)
}

func (o *oracle) all() []*graph.Cable {
	return cached(o, "all", o.allCables)
}

func (o *oracle) allCables() []*graph.Cable {
	out := make([]*graph.Cable, 0, len(o.cables))
	for _, c := range o.cables {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b *graph.Cable) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// mentions merges a cable's person mentions per key.
func mentions(c *graph.Cable) map[string]graph.PersonMention {
	out := map[string]graph.PersonMention{}
	for _, m := range c.Persons {
		if m.Key == "" {
			continue
		}
		if old, ok := out[m.Key]; ok {
			old.Count += m.Count
			old.How = append(slices.Clone(old.How), m.How...)
			old.Aliases = append(slices.Clone(old.Aliases), m.Aliases...)
			old.Roles = append(slices.Clone(old.Roles), m.Roles...)
			if longer(m.Name, old.Name) {
				old.Name = m.Name
			}
			if longer(m.Surname, old.Surname) {
				old.Surname = m.Surname
			}
			if old.Country == "" {
				old.Country = m.Country
			}
			out[m.Key] = old
			continue
		}
		out[m.Key] = m
	}
	return out
}

// longer reports whether a beats b under the name rule.
func longer(a, b string) bool {
	la, lb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
	return la > lb || (la == lb && a < b)
}

func distinct(xs []string) []string {
	var out []string
	for _, x := range xs {
		if x != "" && !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	slices.Sort(out)
	return out
}

func (o *oracle) persons() map[string]*graph.Person {
	return cached(o, "persons", o.computePersons)
}

func (o *oracle) computePersons() map[string]*graph.Person {
	out := map[string]*graph.Person{}
	for _, c := range o.all() {
		for key, m := range mentions(c) {
			p := out[key]
			if p == nil {
				p = &graph.Person{Key: key}
				out[key] = p
			}
			p.Cables++
			if longer(m.Name, p.Name) {
				p.Name = m.Name
			}
			if longer(m.Surname, p.Surname) {
				p.Surname = m.Surname
			}
			p.Aliases = distinct(append(p.Aliases, m.Aliases...))
			p.Roles = distinct(append(p.Roles, m.Roles...))
			p.How = distinct(append(p.How, m.How...))
			p.Countries = distinct(append(p.Countries, m.Country))
		}
	}
	return out
}

type citation struct {
	from, id, letter string
}

// cites lists a cable's CITES edges.
func cites(c *graph.Cable) []citation {
	var out []citation
	for _, r := range c.References {
		if r.Kind != graph.RefCable || r.ID == "" || r.ID == c.ID {
			continue
		}
		x := citation{c.ID, r.ID, r.Letter}
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// interactions lists a cable's INTERACTED edges.
func interactions(c *graph.Cable) []graph.Interaction {
	ms := mentions(c)
	var out []graph.Interaction
	for _, in := range c.Interactions {
		if _, ok := ms[in.A]; !ok {
			continue
		}
		if _, ok := ms[in.B]; !ok {
			continue
		}
		dup := slices.ContainsFunc(out, func(x graph.Interaction) bool {
			return x.Paragraph == in.Paragraph && x.A == in.A && x.B == in.B && x.Kind == in.Kind && x.Evidence == in.Evidence
		})
		if !dup {
			in.Cable = c.ID
			out = append(out, in)
		}
	}
	return out
}

// concerns returns a cable's CONCERNS counts and its origin country.
func concerns(c *graph.Cable) (map[string]int, string) {
	out := map[string]int{}
	origin := ""
	for _, m := range c.Countries {
		if m.Code == "" {
			continue
		}
		out[m.Code] += m.Count
		if m.Origin && origin == "" {
			origin = m.Code
		}
	}
	return out, origin
}

func tagsOf(c *graph.Cable) []string {
	var out []string
	for _, t := range c.Tags {
		if t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

func orgsOf(c *graph.Cable) map[string]graph.OrgMention {
	out := map[string]graph.OrgMention{}
	for _, m := range c.Organizations {
		if m.Key == "" {
			continue
		}
		if old, ok := out[m.Key]; ok {
			m.Count += old.Count
			if better(old.Name, old.Kind, m.Name, m.Kind) {
				m.Name, m.Kind = old.Name, old.Kind
			}
		}
		out[m.Key] = m
	}
	return out
}

// better reports whether pair 1 wins over pair 2 under the (name, kind) rule.
func better(n1, k1, n2, k2 string) bool {
	if n1 != n2 {
		return longer(n1, n2)
	}
	weak := func(k string) bool { return k == "" || k == graph.TagUnknown }
	if weak(k1) != weak(k2) {
		return !weak(k1)
	}
	return k1 <= k2
}

// edges lists every relationship of the graph, INTERACTED aggregated.
func (o *oracle) edges() []graph.Edge {
	return cached(o, "edges", o.computeEdges)
}

func (o *oracle) computeEdges() []graph.Edge {
	var out []graph.Edge
	n := func(kind, id string) graph.NodeRef { return graph.NodeRef{Kind: kind, ID: id} }
	weights := map[[2]string]int{}
	for _, c := range o.all() {
		me := n(graph.KindCable, c.ID)
		for _, t := range tagsOf(c) {
			out = append(out, graph.Edge{Source: me, Target: n(graph.KindTag, t), Kind: graph.RelTagged, Weight: 1})
		}
		cs, origin := concerns(c)
		for code, cnt := range cs {
			out = append(out, graph.Edge{Source: me, Target: n(graph.KindCountry, code), Kind: graph.RelConcerns, Weight: cnt})
		}
		if origin != "" {
			out = append(out, graph.Edge{Source: me, Target: n(graph.KindCountry, origin), Kind: graph.RelOriginatedIn, Weight: 1})
		}
		for _, x := range cites(c) {
			out = append(out, graph.Edge{Source: me, Target: n(graph.KindReference, x.id), Kind: graph.RelCites, Weight: 1})
		}
		for key, m := range mentions(c) {
			p := n(graph.KindPerson, key)
			out = append(out, graph.Edge{Source: p, Target: me, Kind: graph.RelMentionedIn, Weight: m.Count})
			if slices.Contains(m.How, "classifiedBy") {
				out = append(out, graph.Edge{Source: p, Target: me, Kind: graph.RelClassified, Weight: 1})
			}
			if slices.Contains(m.How, "signature") {
				out = append(out, graph.Edge{Source: p, Target: me, Kind: graph.RelSigned, Weight: 1})
			}
		}
		for key := range orgsOf(c) {
			out = append(out, graph.Edge{Source: me, Target: n(graph.KindOrganization, key), Kind: graph.RelMentionsOrg, Weight: 1})
		}
		for _, in := range interactions(c) {
			weights[[2]string{in.A, in.B}]++
		}
	}
	for ab, w := range weights {
		out = append(out, graph.Edge{Source: n(graph.KindPerson, ab[0]), Target: n(graph.KindPerson, ab[1]), Kind: graph.RelInteracted, Weight: w})
	}
	for id := range o.refs() {
		if _, ok := o.cables[id]; ok {
			out = append(out, graph.Edge{Source: n(graph.KindReference, id), Target: n(graph.KindCable, id), Kind: graph.RelResolvesTo, Weight: 1})
		}
	}
	for key, p := range o.persons() {
		for _, cc := range p.Countries {
			out = append(out, graph.Edge{Source: n(graph.KindPerson, key), Target: n(graph.KindCountry, cc), Kind: graph.RelAffiliatedWith, Weight: 1})
		}
	}
	slices.SortFunc(out, compareEdges)
	return out
}

func compareEdges(a, b graph.Edge) int {
	return cmp.Or(strings.Compare(a.Kind, b.Kind),
		strings.Compare(a.Source.Kind, b.Source.Kind), strings.Compare(a.Source.ID, b.Source.ID),
		strings.Compare(a.Target.Kind, b.Target.Kind), strings.Compare(a.Target.ID, b.Target.ID),
		cmp.Compare(a.Weight, b.Weight))
}

// refs maps each cited id to its citations.
func (o *oracle) refs() map[string][]citation {
	return cached(o, "refs", o.computeRefs)
}

func (o *oracle) computeRefs() map[string][]citation {
	out := map[string][]citation{}
	for _, c := range o.all() {
		for _, x := range cites(c) {
			out[x.id] = append(out[x.id], x)
		}
	}
	return out
}

func pageOf[T any](xs []T, p graph.Page) ([]T, error) {
	if p.Offset < 0 || p.Limit < 0 {
		return nil, fmt.Errorf("page: %w", graph.ErrInvalid)
	}
	lo := min(p.Offset, len(xs))
	hi := len(xs)
	if p.Limit > 0 {
		hi = min(lo+p.Limit, hi)
	}
	return xs[lo:hi], nil
}

var _ graph.Reader = (*oracle)(nil)

func (o *oracle) Ping(ctx context.Context) error { return nil }

func (o *oracle) Cables(ctx context.Context, ids []string) ([]*graph.Cable, error) {
	out := []*graph.Cable{}
	for _, id := range ids {
		if c, ok := o.cables[id]; ok {
			out = append(out, normalize(c))
		}
	}
	return out, nil
}
