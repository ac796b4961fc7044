package storetest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/cablegraph/cablegraph/graph"
)

// probe is one read question asked of a store. Its answer is compared
// across stores (or against the oracle) after canonicalisation.
type probe struct {
	name string
	ask  func(ctx context.Context, r graph.Reader) (any, error)
}

// sample returns at most n items of xs spread evenly, deterministic.
func sample[T any](xs []T, n int) []T {
	if len(xs) <= n {
		return xs
	}
	out := make([]T, 0, n)
	for i := range n {
		out = append(out, xs[i*len(xs)/n])
	}
	return out
}

// universe is what the probes are derived from: every id, key and word the
// written cables contain.
type universe struct {
	ids, tags, countries, origins, classes, persons, refs, orgs, topics, kinds []string
	names, variants, words, phrases, meanings                                  []string
	dates                                                                      []time.Time
}

func newUniverse(cables []*graph.Cable) universe {
	o := newOracle()
	o.write(cables, make([]string, len(cables)))
	var u universe
	add := func(dst *[]string, s string) {
		if s != "" && !slices.Contains(*dst, s) {
			*dst = append(*dst, s)
		}
	}
	for _, c := range o.all() {
		add(&u.ids, c.ID)
		add(&u.origins, c.Origin)
		add(&u.classes, c.Classification)
		for _, t := range c.Tags {
			add(&u.tags, t)
		}
		for _, m := range c.Countries {
			add(&u.countries, m.Code)
			add(&u.names, m.Name)
		}
		for _, m := range c.Persons {
			add(&u.persons, m.Key)
			add(&u.names, m.Name)
			add(&u.names, m.Surname)
			add(&u.variants, graph.NameKey(m.Surname)) // "botsan-harchenko": found only by the NameKey rule
			for _, a := range m.Aliases {
				add(&u.names, a)
			}
		}
		for _, r := range c.References {
			add(&u.refs, r.ID)
		}
		for _, m := range c.Organizations {
			add(&u.orgs, m.Key)
		}
		for _, in := range c.Interactions {
			add(&u.kinds, in.Kind)
			for _, t := range in.Topics {
				add(&u.topics, t)
			}
		}
		for _, t := range c.TagInfo {
			for _, w := range strings.Fields(t.Meaning) {
				add(&u.meanings, strings.ToLower(w))
			}
		}
		for _, w := range words(c.Body) {
			if strings.ContainsAny(w, ".',:") {
				add(&u.words, w) // "u.s", "kosovo's", "1.4": tokenizer edge cases
			}
		}
		ws := words(c.Subject)
		for _, w := range ws {
			add(&u.words, w)
		}
		if len(ws) >= 2 {
			// In order (matches) and reversed (the words are there, the
			// phrase usually is not).
			add(&u.phrases, `"`+ws[0]+" "+ws[1]+`"`)
			add(&u.phrases, `"`+ws[1]+" "+ws[0]+`"`)
		}
		if bw := words(c.Body); len(bw) >= 4 {
			add(&u.phrases, `"`+bw[len(bw)/2]+" "+bw[len(bw)/2+1]+`"`)
		}
		if c.Created != nil {
			u.dates = append(u.dates, *c.Created)
		}
	}
	for _, l := range []*[]string{&u.ids, &u.tags, &u.countries, &u.origins, &u.classes, &u.persons, &u.refs, &u.orgs, &u.topics, &u.kinds, &u.names, &u.variants, &u.words, &u.phrases, &u.meanings} {
		slices.Sort(*l)
	}
	slices.SortFunc(u.dates, time.Time.Compare)
	return u
}

// probes derives the questions asked of a store holding cables; max caps
// the probes per family so that the suite stays quick on a real database.
func probes(cables []*graph.Cable, max int) []probe {
	u := newUniverse(cables)
	var ps []probe
	addp := func(name string, ask func(ctx context.Context, r graph.Reader) (any, error)) {
		ps = append(ps, probe{name, ask})
	}
	list := func(name string, f graph.CableFilter, o graph.CableOrder, p graph.Page) {
		addp(fmt.Sprintf("ListCables/%s/%s/%d+%d", name, o, p.Offset, p.Limit), func(ctx context.Context, r graph.Reader) (any, error) {
			return r.ListCables(ctx, f, o, p)
		})
		addp("CableDates/"+name, func(ctx context.Context, r graph.Reader) (any, error) { return r.CableDates(ctx, f) })
	}
	inter := func(name string, f graph.InteractionFilter) {
		addp("Interactions/"+name, func(ctx context.Context, r graph.Reader) (any, error) { return r.Interactions(ctx, f) })
	}
	edges := func(name string, nodes []graph.NodeRef, limit int) {
		addp(fmt.Sprintf("Edges/%s/%d", name, limit), func(ctx context.Context, r graph.Reader) (any, error) {
			es, total, err := r.Edges(ctx, nodes, limit)
			return map[string]any{"edges": es, "total": total}, err
		})
	}
	unknown := []string{"NOSUCH-ID"}

	// Cables and their orderings.
	ids := append(slices.Clone(u.ids), unknown...)
	addp("Cables/all", func(ctx context.Context, r graph.Reader) (any, error) { return r.Cables(ctx, ids) })
	rev := slices.Clone(ids)
	slices.Reverse(rev)
	addp("Cables/reversed", func(ctx context.Context, r graph.Reader) (any, error) { return r.Cables(ctx, rev) })
	for _, o := range []graph.CableOrder{"", graph.OrderCreatedAsc, graph.OrderCreatedDesc, graph.OrderIDAsc} {
		list("all", graph.CableFilter{}, o, graph.Page{})
		for _, p := range []graph.Page{{Limit: 3}, {Offset: 2, Limit: 3}, {Offset: len(u.ids) - 1, Limit: 5}, {Offset: len(u.ids) + 5, Limit: 1}} {
			list("all", graph.CableFilter{}, o, p)
		}
	}
	list("bad-order", graph.CableFilter{}, "SIDEWAYS", graph.Page{})
	list("bad-page", graph.CableFilter{}, "", graph.Page{Offset: -1})
	for _, t := range sample(u.tags, max) {
		list("tag="+t, graph.CableFilter{Tags: []string{t}}, "", graph.Page{})
	}
	if len(u.tags) >= 2 {
		list("tags=2", graph.CableFilter{Tags: u.tags[:2]}, graph.OrderIDAsc, graph.Page{})
	}
	for _, cc := range sample(u.countries, max) {
		list("country="+cc, graph.CableFilter{Country: cc}, graph.OrderCreatedAsc, graph.Page{})
		if len(u.tags) > 0 {
			list("country+tag="+cc, graph.CableFilter{Country: cc, Tags: u.tags[:1]}, "", graph.Page{Limit: 4})
		}
	}
	for _, o := range sample(u.origins, max) {
		list("origin="+o, graph.CableFilter{Origin: strings.ToUpper(o)}, "", graph.Page{})
	}
	for _, c := range u.classes {
		list("class="+c, graph.CableFilter{Classification: c}, "", graph.Page{})
	}
	for _, p := range sample(u.persons, max) {
		list("person="+p, graph.CableFilter{Person: p}, "", graph.Page{})
	}
	for _, w := range sample(u.words, max) {
		list("text="+w, graph.CableFilter{Text: strings.ToUpper(w)}, "", graph.Page{})
	}
	list("text=two", graph.CableFilter{Text: "kosovo  the"}, "", graph.Page{})
	list("ids", graph.CableFilter{IDs: append(sample(u.ids, 5), unknown...)}, "", graph.Page{})
	if n := len(u.dates); n > 0 {
		lo, hi := u.dates[n/4], u.dates[3*n/4]
		list("since", graph.CableFilter{Since: &lo}, "", graph.Page{})
		list("until", graph.CableFilter{Until: &hi}, graph.OrderCreatedAsc, graph.Page{})
		list("window", graph.CableFilter{Since: &lo, Until: &hi}, "", graph.Page{})
	}

	// Full text (compared as sets).
	searches := append(sample(u.words, max), sample(u.phrases, 2*max)...)
	if len(u.words) >= 2 {
		searches = append(searches, u.words[0]+" "+u.words[len(u.words)-1], strings.ToUpper(u.words[len(u.words)/2]))
	}
	searches = append(searches, "zzzqqqxxnothing", "", "  ...  ")
	for _, q := range searches {
		addp("Search/"+q, func(ctx context.Context, r graph.Reader) (any, error) {
			sp, err := r.Search(ctx, q, graph.Page{})
			if err != nil {
				return nil, err
			}
			var set []string
			for _, h := range sp.Hits {
				set = append(set, h.CableID)
			}
			slices.Sort(set)
			return map[string]any{"ids": set, "total": sp.Total}, nil
		})
	}

	// Citations.
	cited := append(append(slices.Clone(u.refs), u.ids...), unknown...)
	addp("CitedBy", func(ctx context.Context, r graph.Reader) (any, error) { return r.CitedBy(ctx, cited) })

	// Persons.
	keys := append(slices.Clone(u.persons), unknown...)
	addp("Persons", func(ctx context.Context, r graph.Reader) (any, error) { return r.Persons(ctx, keys) })
	addp("PersonsOfCables", func(ctx context.Context, r graph.Reader) (any, error) { return r.PersonsOfCables(ctx, ids) })
	for _, n := range append(append(sample(u.names, 2*max), sample(u.persons, max)...), sample(u.variants, max)...) {
		addp("FindPersons/"+n, func(ctx context.Context, r graph.Reader) (any, error) { return r.FindPersons(ctx, n, 0) })
	}
	addp("FindPersons/limit", func(ctx context.Context, r graph.Reader) (any, error) { return r.FindPersons(ctx, "Lavrov", 1) })
	for _, q := range append([]string{"", "a", "lav", "JEREMIC", "zzz"}, sample(u.names, max)...) {
		for _, p := range []graph.Page{{}, {Limit: 2}, {Offset: 1, Limit: 3}} {
			addp(fmt.Sprintf("ListPersons/%s/%d+%d", q, p.Offset, p.Limit), func(ctx context.Context, r graph.Reader) (any, error) {
				ps, total, err := r.ListPersons(ctx, q, p)
				return map[string]any{"persons": ps, "total": total}, err
			})
		}
	}

	// Interactions.
	inter("default", graph.InteractionFilter{})
	inter("co", graph.InteractionFilter{IncludeCoMentions: true})
	inter("limit", graph.InteractionFilter{IncludeCoMentions: true, Limit: 2})
	inter("bad-limit", graph.InteractionFilter{Limit: -1})
	for _, k := range append(u.kinds, graph.InteractionCoMentioned) {
		inter("kind="+k, graph.InteractionFilter{Kinds: []string{k}})
	}
	for _, p := range sample(u.persons, max) {
		inter("person="+p, graph.InteractionFilter{Persons: []string{p}, IncludeCoMentions: true})
	}
	for _, id := range sample(u.ids, max) {
		inter("cable="+id, graph.InteractionFilter{Cables: []string{id}, IncludeCoMentions: true})
	}
	for _, t := range append(sample(u.topics, max), sample(u.tags, max)...) {
		inter("topic="+t, graph.InteractionFilter{Topics: []string{strings.ToLower(t)}})
	}
	if n := len(u.dates); n > 0 {
		lo, hi := u.dates[n/3], u.dates[2*n/3]
		inter("window", graph.InteractionFilter{Since: &lo, Until: &hi, IncludeCoMentions: true})
	}

	// Lookups.
	for _, cc := range append(sample(u.countries, max), "zz", "Kosovo", "RUSSIA", "Nowhere") {
		for _, q := range []string{cc, strings.ToLower(cc)} {
			addp("Country/"+q, func(ctx context.Context, r graph.Reader) (any, error) { return r.Country(ctx, q) })
		}
	}
	for _, t := range append(sample(u.tags, max), "NOSUCHTAG") {
		q := strings.ToLower(t)
		addp("Tag/"+q, func(ctx context.Context, r graph.Reader) (any, error) { return r.Tag(ctx, q) })
	}
	for _, m := range append([]string{"", "POLITICAL", "nothing-means-this"}, sample(u.meanings, max)...) {
		addp("TagsByMeaning/"+m, func(ctx context.Context, r graph.Reader) (any, error) { return r.TagsByMeaning(ctx, m) })
	}
	orgs := append(slices.Clone(u.orgs), unknown...)
	addp("Organizations", func(ctx context.Context, r graph.Reader) (any, error) { return r.Organizations(ctx, orgs) })

	// Neighbourhoods.
	ref := func(kind string, xs []string) []graph.NodeRef {
		var out []graph.NodeRef
		for _, x := range xs {
			out = append(out, graph.NodeRef{Kind: kind, ID: x})
		}
		return out
	}
	var allNodes []graph.NodeRef
	for kind, xs := range map[string][]string{
		graph.KindCable: u.ids, graph.KindPerson: u.persons, graph.KindCountry: u.countries,
		graph.KindTag: u.tags, graph.KindReference: u.refs, graph.KindOrganization: u.orgs,
	} {
		for _, n := range ref(kind, sample(xs, max)) {
			edges(n.Kind+"/"+n.ID, []graph.NodeRef{n}, 0)
			allNodes = append(allNodes, n)
		}
	}
	slices.SortFunc(allNodes, func(a, b graph.NodeRef) int { return strings.Compare(a.Kind+a.ID, b.Kind+b.ID) })
	edges("many", sample(allNodes, 12), 0)
	edges("many", sample(allNodes, 12), 5)
	edges("unknown", []graph.NodeRef{{Kind: graph.KindCable, ID: "NOSUCH"}, {Kind: "Planet", ID: "Mars"}}, 0)
	edges("bad-limit", sample(allNodes, 1), -1)

	addp("Stats", func(ctx context.Context, r graph.Reader) (any, error) {
		st, err := r.Stats(ctx)
		if err != nil {
			return nil, err
		}
		return map[string]any{"nodes": st.Nodes, "relationships": st.Relationships}, nil
	})
	return ps
}

// check asks every probe of got and want and reports differences.
func check(t interface {
	Helper()
	Errorf(string, ...any)
}, ctx context.Context, got, want graph.Reader, ps []probe) int {
	t.Helper()
	bad := 0
	for _, p := range ps {
		ga, gerr := p.ask(ctx, got)
		wa, werr := p.ask(ctx, want)
		if gc, wc := errClass(gerr), errClass(werr); gc != wc {
			t.Errorf("%s: error %s, want %s", p.name, gc, wc)
			bad++
			continue
		}
		if gerr != nil {
			continue
		}
		if ok, diff := same(ga, wa); !ok {
			t.Errorf("%s differs:%s", p.name, diff)
			bad++
		}
	}
	return bad
}
