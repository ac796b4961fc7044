package memstore

import (
	"slices"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
)

// The rules below make node properties a pure function of the facts still
// in the graph, whatever order cables were written in, so that both stores
// agree and a replaced cable leaves nothing stale behind (see storetest).

func sortedDistinct(xs []string) []string {
	out := slices.DeleteFunc(slices.Clone(xs), func(s string) bool { return s == "" })
	slices.Sort(out)
	return slices.Compact(out)
}

// recomputePerson rebuilds a Person's aggregate and its name index entries
// and AFFILIATED_WITH edges; it deletes the person when no mention is left.
func (s *Store) recomputePerson(p *personRec, d *delta, touchedCountries map[string]*delta) {
	if len(p.mentions) == 0 {
		s.unindexNames(p)
		for _, cc := range p.agg.Countries {
			if c := s.countries[cc]; c != nil {
				delete(c.affiliated, p.key)
				mark(touchedCountries, cc, nil)
			}
		}
		delete(s.persons, p.key)
		return
	}
	agg := personAggregate(p, d)
	s.setPerson(p, agg, formsFor(p, agg), touchedCountries)
}

// formsFor is personForms(agg), reusing p's current forms when the names
// they come from did not change: a popular person is in nearly every batch
// of a load, mostly with names already seen, and normalising each of their
// aliases again every time was a good part of the load's serial step.
func formsFor(p *personRec, agg graph.Person) []string {
	if p.agg.Key == agg.Key && p.agg.Name == agg.Name && p.agg.Surname == agg.Surname && slices.Equal(p.agg.Aliases, agg.Aliases) {
		return p.forms
	}
	return personForms(agg)
}

// personAggregate is a person's aggregate after a write: a pure function
// of its mentions (and, when the write only added, of its current
// aggregate), so that a restore computes many on every core.
func personAggregate(p *personRec, d *delta) graph.Person {
	agg := graph.Person{Key: p.key, Cables: len(p.mentions)}
	var aliases, roles, countries, how []string
	mentions := p.mentions
	if !d.removed && p.agg.Key != "" {
		// Only added: fold the new mentions into the current aggregate.
		mentions = make(map[*cableRec]*graph.PersonMention, len(d.added)+1)
		for _, r := range d.added {
			mentions[r] = r.persons[p.key]
		}
		old := p.agg
		mentions[nil] = &graph.PersonMention{Name: old.Name, Surname: old.Surname, Aliases: old.Aliases, Roles: old.Roles, How: old.How}
		countries = append(countries, old.Countries...)
	}
	for _, m := range mentions {
		agg.Name = graph.PickLongest(agg.Name, m.Name)
		agg.Surname = graph.PickLongest(agg.Surname, m.Surname)
		aliases = append(aliases, m.Aliases...)
		roles = append(roles, m.Roles...)
		how = append(how, m.How...)
		if m.Country != "" {
			countries = append(countries, m.Country)
		}
	}
	agg.Aliases = sortedDistinct(aliases)
	agg.Roles = sortedDistinct(roles)
	agg.Countries = sortedDistinct(countries)
	agg.How = sortedDistinct(how)
	return agg
}

// setPerson installs a person's new aggregate, with forms its
// personForms, in the name indexes and AFFILIATED_WITH edges.
func (s *Store) setPerson(p *personRec, agg graph.Person, forms []string, touchedCountries map[string]*delta) {
	oldCountries := p.agg.Countries
	p.agg = agg
	for _, cc := range oldCountries {
		if !slices.Contains(agg.Countries, cc) {
			if c := s.countries[cc]; c != nil {
				delete(c.affiliated, p.key)
				mark(touchedCountries, cc, nil)
			}
		}
	}
	for _, cc := range agg.Countries {
		s.country(cc).affiliated[p.key] = struct{}{}
		if _, ok := touchedCountries[cc]; !ok {
			touchedCountries[cc] = &delta{}
		}
	}
	s.reindexNames(p, forms)
}

// personForms are the normalised strings FindPersons matches exactly.
func personForms(p graph.Person) []string {
	forms := []string{graph.NormalizeName(p.Key), graph.NormalizeName(p.Name), graph.NormalizeName(p.Surname)}
	for _, a := range p.Aliases {
		forms = append(forms, graph.NormalizeName(a))
	}
	return sortedDistinct(forms)
}

// reindexNames moves p's entries in the name indexes from p.forms to forms
// (both sorted and distinct, as personForms makes them) and from p.surname
// to the NameKey of p.agg's surname, touching only what changed. A popular
// person is in nearly every batch of a load, with the same forms each
// time: taking all of them out and putting them back dropped and remade
// the index's set of each form only they had, a small map per form per
// batch, in the load's one serial step.
func (s *Store) reindexNames(p *personRec, forms []string) {
	old := p.forms
	i, j := 0, 0
	for i < len(old) || j < len(forms) {
		switch {
		case j == len(forms) || (i < len(old) && old[i] < forms[j]):
			delKey(s.names, old[i], p.key)
			i++
		case i == len(old) || forms[j] < old[i]:
			addKey(s.names, forms[j], p.key)
			j++
		default:
			i, j = i+1, j+1
		}
	}
	p.forms = forms
	surname := ""
	if p.agg.Surname != "" {
		surname = graph.NameKey(p.agg.Surname)
	}
	if surname != p.surname {
		if p.surname != "" {
			delKey(s.surnames, p.surname, p.key)
		}
		if surname != "" {
			addKey(s.surnames, surname, p.key)
		}
		p.surname = surname
	}
}

func (s *Store) unindexNames(p *personRec) {
	for _, f := range p.forms {
		delKey(s.names, f, p.key)
	}
	if p.surname != "" {
		delKey(s.surnames, p.surname, p.key)
	}
	p.forms, p.surname = nil, ""
}

func addKey(m map[string]map[string]struct{}, k, v string) {
	set := m[k]
	if set == nil {
		set = map[string]struct{}{}
		m[k] = set
	}
	set[v] = struct{}{}
}

func delKey(m map[string]map[string]struct{}, k, v string) {
	if set := m[k]; set != nil {
		delete(set, v)
		if len(set) == 0 {
			delete(m, k)
		}
	}
}

// recomputeCountry renames a country from the mentions left, or deletes it
// when nothing points at it.
func (s *Store) recomputeCountry(c *countryRec, d *delta) {
	if len(c.concerns) == 0 && len(c.origins) == 0 && len(c.affiliated) == 0 {
		delete(s.countries, c.code)
		return
	}
	name := ""
	if !d.removed {
		// PickLongest is order-free and idempotent: the added cables
		// still concerning the country, repeats and all, fold into the
		// current name without a set of them (at the release's size a
		// set of nearly every cable for the US).
		name = c.name
		for _, r := range d.added {
			if _, ok := c.concerns[r]; ok {
				name = graph.PickLongest(name, r.countryNames[c.code])
			}
		}
	} else {
		for r := range c.concerns {
			name = graph.PickLongest(name, r.countryNames[c.code])
		}
	}
	c.name = name
}

func (s *Store) recomputeTag(t *tagRec, d *delta) {
	if len(t.cables) == 0 {
		delete(s.tags, t.code)
		return
	}
	agg := graph.Tag{Code: t.code, Cables: len(t.cables)}
	first := true
	infos := t.cables
	if !d.removed && t.agg.Code != "" {
		agg.Meaning, agg.Kind = t.agg.Meaning, t.agg.Kind
		first = false
		infos = map[*cableRec]graph.Tag{}
		for _, r := range d.added {
			infos[r] = t.cables[r]
		}
	}
	for _, info := range infos {
		if first {
			agg.Meaning, agg.Kind = info.Meaning, info.Kind
			first = false
			continue
		}
		agg.Meaning, agg.Kind = graph.PickPair(agg.Meaning, agg.Kind, info.Meaning, info.Kind)
	}
	if agg.Kind == "" {
		agg.Kind = graph.TagUnknown
	}
	t.agg = agg
}

func (s *Store) recomputeRef(r *refRec, d *delta) {
	if len(r.citers) == 0 {
		delete(s.refs, r.id)
		return
	}
	raw := ""
	citers := r.citers
	if !d.removed {
		raw = r.raw
		citers = map[*cableRec][]citeRec{}
		for _, c := range d.added {
			citers[c] = r.citers[c]
		}
	}
	for _, cs := range citers {
		for _, c := range cs {
			if c.raw != "" && (raw == "" || c.raw < raw) {
				raw = c.raw
			}
		}
	}
	r.raw = raw
}

func (s *Store) recomputeOrg(o *orgRec, d *delta) {
	if len(o.mentions) == 0 {
		delete(s.orgs, o.key)
		return
	}
	agg := graph.Organization{Key: o.key, Cables: len(o.mentions)}
	first := true
	mentions := o.mentions
	if !d.removed && o.agg.Key != "" {
		agg.Name, agg.Kind = o.agg.Name, o.agg.Kind
		first = false
		mentions = map[*cableRec]graph.OrgMention{}
		for _, r := range d.added {
			mentions[r] = o.mentions[r]
		}
	}
	for _, m := range mentions {
		if first {
			agg.Name, agg.Kind = m.Name, m.Kind
			first = false
			continue
		}
		agg.Name, agg.Kind = graph.PickPair(agg.Name, agg.Kind, m.Name, m.Kind)
	}
	o.agg = agg
}

// country returns the Country node for code, creating it.
func (s *Store) country(code string) *countryRec {
	c := s.countries[code]
	if c == nil {
		c = &countryRec{code: code, concerns: map[*cableRec]struct{}{}, origins: map[*cableRec]struct{}{}, affiliated: map[string]struct{}{}}
		s.countries[code] = c
	}
	return c
}

func lower(s string) string { return strings.ToLower(s) }
