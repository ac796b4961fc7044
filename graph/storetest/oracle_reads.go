package storetest

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/cablegraph/cablegraph/graph"
)

func (o *oracle) match(c *graph.Cable, f graph.CableFilter) bool {
	if f.IDs != nil && !slices.Contains(f.IDs, c.ID) {
		return false
	}
	for _, t := range f.Tags {
		if !slices.Contains(c.Tags, t) {
			return false
		}
	}
	cs, origin := concerns(c)
	if _, ok := cs[f.Country]; f.Country != "" && !ok && origin != f.Country {
		return false
	}
	if f.Origin != "" && !strings.EqualFold(f.Origin, c.Origin) {
		return false
	}
	if f.Classification != "" && f.Classification != c.Classification {
		return false
	}
	if f.Since != nil && (c.Created == nil || c.Created.Before(*f.Since)) {
		return false
	}
	if f.Until != nil && (c.Created == nil || c.Created.After(*f.Until)) {
		return false
	}
	if _, ok := mentions(c)[f.Person]; f.Person != "" && !ok {
		return false
	}
	text := strings.ToLower(c.Subject + " " + c.Body)
	for _, w := range strings.Fields(strings.ToLower(f.Text)) {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

func (o *oracle) ListCables(ctx context.Context, f graph.CableFilter, order graph.CableOrder, p graph.Page) (graph.IDPage, error) {
	if order == "" {
		order = graph.OrderCreatedDesc
	}
	if order != graph.OrderCreatedAsc && order != graph.OrderCreatedDesc && order != graph.OrderIDAsc {
		return graph.IDPage{}, fmt.Errorf("order: %w", graph.ErrInvalid)
	}
	var ids []*graph.Cable
	for _, c := range o.all() {
		if o.match(c, f) {
			ids = append(ids, c)
		}
	}
	slices.SortStableFunc(ids, func(a, b *graph.Cable) int {
		if order == graph.OrderIDAsc {
			return 0 // all() is already by id
		}
		if (a.Created == nil) != (b.Created == nil) {
			if a.Created == nil {
				return 1
			}
			return -1
		}
		if a.Created == nil {
			return 0
		}
		if order == graph.OrderCreatedDesc {
			return b.Created.Compare(*a.Created)
		}
		return a.Created.Compare(*b.Created)
	})
	win, err := pageOf(ids, p)
	if err != nil {
		return graph.IDPage{}, err
	}
	out := graph.IDPage{IDs: []string{}, Total: len(ids)}
	for _, c := range win {
		out.IDs = append(out.IDs, c.ID)
	}
	return out, nil
}

func (o *oracle) CableDates(ctx context.Context, f graph.CableFilter) ([]time.Time, error) {
	var out []time.Time
	for _, c := range o.all() {
		if o.match(c, f) && c.Created != nil {
			out = append(out, *c.Created)
		}
	}
	slices.SortFunc(out, time.Time.Compare)
	return out, nil
}

// containsSeq reports whether seq occurs consecutively in ws.
func containsSeq(ws, seq []string) bool {
	for i := 0; i+len(seq) <= len(ws); i++ {
		if slices.Equal(ws[i:i+len(seq)], seq) {
			return true
		}
	}
	return false
}

// Search: every word required, quoted phrases within one field. Scores are
// not modelled (they differ by store), so hits come by id with score 0.
func (o *oracle) Search(ctx context.Context, query string, p graph.Page) (graph.SearchPage, error) {
	parts := strings.Split(query, `"`)
	var required []string
	var phrases [][]string
	for i, part := range parts {
		ws := words(part)
		required = append(required, ws...)
		if i%2 == 1 && len(ws) > 1 {
			phrases = append(phrases, ws)
		}
	}
	if len(required) == 0 {
		return graph.SearchPage{}, fmt.Errorf("empty query: %w", graph.ErrInvalid)
	}
	var hits []graph.SearchHit
	for _, c := range o.all() {
		tw := cached(o, "words:"+c.ID, func() [2][]string { return [2][]string{words(c.Subject), words(c.Body)} })
		subj, body := tw[0], tw[1]
		ok := true
		for _, w := range required {
			if !slices.Contains(subj, w) && !slices.Contains(body, w) {
				ok = false
			}
		}
		for _, ph := range phrases {
			if !containsSeq(subj, ph) && !containsSeq(body, ph) {
				ok = false
			}
		}
		if ok {
			hits = append(hits, graph.SearchHit{CableID: c.ID})
		}
	}
	win, err := pageOf(hits, p)
	if err != nil {
		return graph.SearchPage{}, err
	}
	return graph.SearchPage{Hits: win, Total: len(hits)}, nil
}

func (o *oracle) CitedBy(ctx context.Context, ids []string) (map[string][]graph.Citation, error) {
	refs := o.refs()
	out := map[string][]graph.Citation{}
	for _, id := range ids {
		if _, done := out[id]; done {
			continue
		}
		for _, x := range refs[id] {
			out[id] = append(out[id], graph.Citation{From: x.from, Letter: x.letter})
		}
		slices.SortFunc(out[id], func(a, b graph.Citation) int {
			return cmp.Or(strings.Compare(a.From, b.From), strings.Compare(a.Letter, b.Letter))
		})
		if len(out[id]) == 0 {
			delete(out, id)
		}
	}
	return out, nil
}

func (o *oracle) Persons(ctx context.Context, keys []string) ([]*graph.Person, error) {
	all := o.persons()
	out := []*graph.Person{}
	for _, k := range keys {
		if p := all[k]; p != nil {
			out = append(out, p)
		}
	}
	return out, nil
}

func sortPersons(ps []*graph.Person) {
	slices.SortFunc(ps, func(a, b *graph.Person) int {
		return cmp.Or(cmp.Compare(b.Cables, a.Cables), strings.Compare(a.Key, b.Key))
	})
}

func (o *oracle) FindPersons(ctx context.Context, name string, limit int) ([]*graph.Person, error) {
	n := graph.NormalizeName(name)
	var out []*graph.Person
	if n == "" {
		return out, nil
	}
	for _, p := range o.persons() {
		hit := n == graph.NormalizeName(p.Key) || n == graph.NormalizeName(p.Name) || n == graph.NormalizeName(p.Surname)
		for _, a := range p.Aliases {
			hit = hit || n == graph.NormalizeName(a)
		}
		if !strings.Contains(n, " ") && p.Surname != "" && graph.NameKey(n) == graph.NameKey(p.Surname) {
			hit = true
		}
		if hit {
			out = append(out, p)
		}
	}
	sortPersons(out)
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

func (o *oracle) ListPersons(ctx context.Context, query string, p graph.Page) ([]*graph.Person, int, error) {
	q := graph.NormalizeName(query)
	var out []*graph.Person
	for _, x := range o.persons() {
		hit := q == "" || strings.Contains(graph.NormalizeName(x.Name), q)
		for _, a := range x.Aliases {
			hit = hit || strings.Contains(graph.NormalizeName(a), q)
		}
		if hit {
			out = append(out, x)
		}
	}
	sortPersons(out)
	win, err := pageOf(out, p)
	return win, len(out), err
}

func (o *oracle) PersonsOfCables(ctx context.Context, ids []string) (map[string][]*graph.Person, error) {
	all := o.persons()
	out := map[string][]*graph.Person{}
	for _, id := range ids {
		c, ok := o.cables[id]
		if !ok {
			continue
		}
		for key := range mentions(c) {
			out[id] = append(out[id], all[key])
		}
		slices.SortFunc(out[id], func(a, b *graph.Person) int { return strings.Compare(a.Key, b.Key) })
		if len(out[id]) == 0 {
			delete(out, id)
		}
	}
	return out, nil
}

func (o *oracle) Interactions(ctx context.Context, f graph.InteractionFilter) ([]graph.Interaction, error) {
	if f.Limit < 0 {
		return nil, fmt.Errorf("limit: %w", graph.ErrInvalid)
	}
	persons := o.persons()
	var out []graph.Interaction
	for _, c := range o.all() {
		for _, in := range interactions(c) {
			kindOK := slices.Contains(f.Kinds, in.Kind) || (f.Kinds == nil && in.Kind != graph.InteractionCoMentioned) ||
				(f.IncludeCoMentions && in.Kind == graph.InteractionCoMentioned)
			if !kindOK {
				continue
			}
			if len(f.Persons) > 0 && !slices.Contains(f.Persons, in.A) && !slices.Contains(f.Persons, in.B) {
				continue
			}
			if len(f.Cables) > 0 && !slices.Contains(f.Cables, c.ID) {
				continue
			}
			if f.Since != nil && (in.Date == nil || in.Date.Before(*f.Since)) {
				continue
			}
			if f.Until != nil && (in.Date == nil || in.Date.After(*f.Until)) {
				continue
			}
			if len(f.Topics) > 0 {
				hit := false
				for _, want := range f.Topics {
					for _, have := range append(slices.Clone(in.Topics), c.Tags...) {
						hit = hit || strings.EqualFold(want, have)
					}
				}
				if !hit {
					continue
				}
			}
			in.AName, in.BName = persons[in.A].Name, persons[in.B].Name
			out = append(out, in)
		}
	}
	slices.SortFunc(out, func(a, b graph.Interaction) int {
		if (a.Date == nil) != (b.Date == nil) {
			if a.Date == nil {
				return 1
			}
			return -1
		}
		if a.Date != nil {
			if c := a.Date.Compare(*b.Date); c != 0 {
				return c
			}
		}
		return cmp.Or(strings.Compare(a.Cable, b.Cable), cmp.Compare(a.Paragraph, b.Paragraph),
			strings.Compare(a.A, b.A), strings.Compare(a.B, b.B), strings.Compare(a.Kind, b.Kind),
			strings.Compare(a.Evidence, b.Evidence))
	})
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, nil
}

// countries computes every Country node.
func (o *oracle) countries() map[string]*graph.Country {
	return cached(o, "countries", o.computeCountries)
}

func (o *oracle) computeCountries() map[string]*graph.Country {
	out := map[string]*graph.Country{}
	get := func(code string) *graph.Country {
		if out[code] == nil {
			out[code] = &graph.Country{Code: code}
		}
		return out[code]
	}
	for _, c := range o.all() {
		cs, origin := concerns(c)
		if origin != "" {
			if _, dup := cs[origin]; !dup {
				get(origin).Cables++
			}
		}
		for code := range cs {
			x := get(code)
			x.Cables++
			for _, m := range c.Countries {
				if m.Code == code {
					if longer(m.Name, x.Name) {
						x.Name = m.Name
					}
				}
			}
		}
	}
	for _, p := range o.persons() {
		for _, cc := range p.Countries {
			get(cc)
		}
	}
	return out
}

func (o *oracle) Country(ctx context.Context, codeOrName string) (*graph.Country, error) {
	all := o.countries()
	codes := make([]string, 0, len(all))
	for code := range all {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	if c := all[codeOrName]; c != nil {
		return c, nil
	}
	for _, code := range codes {
		if strings.EqualFold(code, codeOrName) {
			return all[code], nil
		}
	}
	for _, code := range codes {
		if all[code].Name != "" && strings.EqualFold(all[code].Name, codeOrName) {
			return all[code], nil
		}
	}
	return nil, fmt.Errorf("country %q: %w", codeOrName, graph.ErrNotFound)
}

func (o *oracle) tags() map[string]*graph.Tag {
	return cached(o, "tags", o.computeTags)
}

func (o *oracle) computeTags() map[string]*graph.Tag {
	out := map[string]*graph.Tag{}
	for _, c := range o.all() {
		for _, code := range tagsOf(c) {
			meaning, kind := "", graph.TagUnknown
			if i := slices.Index(c.Tags, code); i < len(c.TagInfo) {
				meaning, kind = c.TagInfo[i].Meaning, c.TagInfo[i].Kind
			}
			t := out[code]
			if t == nil {
				t = &graph.Tag{Code: code, Meaning: meaning, Kind: kind}
				out[code] = t
			} else if better(meaning, kind, t.Meaning, t.Kind) {
				t.Meaning, t.Kind = meaning, kind
			}
			t.Cables++
		}
	}
	for _, t := range out {
		if t.Kind == "" {
			t.Kind = graph.TagUnknown
		}
	}
	return out
}

func (o *oracle) Tag(ctx context.Context, code string) (*graph.Tag, error) {
	all := o.tags()
	if t := all[code]; t != nil {
		return t, nil
	}
	codes := make([]string, 0, len(all))
	for c := range all {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	for _, c := range codes {
		if strings.EqualFold(c, code) {
			return all[c], nil
		}
	}
	return nil, fmt.Errorf("tag %q: %w", code, graph.ErrNotFound)
}

func (o *oracle) TagsByMeaning(ctx context.Context, text string) ([]*graph.Tag, error) {
	var out []*graph.Tag
	for _, t := range o.tags() {
		if strings.Contains(strings.ToLower(t.Meaning), strings.ToLower(text)) {
			out = append(out, t)
		}
	}
	slices.SortFunc(out, func(a, b *graph.Tag) int { return strings.Compare(a.Code, b.Code) })
	return out, nil
}

func (o *oracle) orgs() map[string]*graph.Organization {
	return cached(o, "orgs", o.computeOrgs)
}

func (o *oracle) computeOrgs() map[string]*graph.Organization {
	out := map[string]*graph.Organization{}
	for _, c := range o.all() {
		for key, m := range orgsOf(c) {
			x := out[key]
			if x == nil {
				x = &graph.Organization{Key: key, Name: m.Name, Kind: m.Kind}
				out[key] = x
			} else if better(m.Name, m.Kind, x.Name, x.Kind) {
				x.Name, x.Kind = m.Name, m.Kind
			}
			x.Cables++
		}
	}
	return out
}

func (o *oracle) Organizations(ctx context.Context, keys []string) ([]*graph.Organization, error) {
	all := o.orgs()
	out := []*graph.Organization{}
	for _, k := range keys {
		if x := all[k]; x != nil {
			out = append(out, x)
		}
	}
	return out, nil
}

func (o *oracle) Edges(ctx context.Context, nodes []graph.NodeRef, limit int) ([]graph.Edge, int, error) {
	if limit < 0 {
		return nil, 0, fmt.Errorf("limit: %w", graph.ErrInvalid)
	}
	var out []graph.Edge
	for _, e := range o.edges() {
		if slices.Contains(nodes, e.Source) || slices.Contains(nodes, e.Target) {
			out = append(out, e)
		}
	}
	total := len(out)
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, total, nil
}

func (o *oracle) Stats(ctx context.Context) (*graph.Stats, error) {
	nodes := map[string]int{
		graph.KindCable: len(o.cables), graph.KindPerson: len(o.persons()), graph.KindCountry: len(o.countries()),
		graph.KindTag: len(o.tags()), graph.KindReference: len(o.refs()), graph.KindOrganization: len(o.orgs()),
	}
	rels := map[string]int{}
	for _, c := range o.all() {
		rels[graph.RelInteracted] += len(interactions(c))
	}
	for _, e := range o.edges() {
		if e.Kind != graph.RelInteracted {
			rels[e.Kind]++
		}
	}
	for _, m := range []map[string]int{nodes, rels} {
		for k, v := range m {
			if v == 0 {
				delete(m, k)
			}
		}
	}
	return &graph.Stats{Nodes: nodes, Relationships: rels}, nil
}
