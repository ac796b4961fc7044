package neo4jstore

import (
	"slices"

	"github.com/cablegraph/cablegraph/graph"
)

// mention is what a MENTIONED_IN relationship remembers of one cable's
// view of a person; a Person node is the aggregate of its mentions. A
// Person node's current aggregate is itself a valid mention (with
// Countries for its affiliations), which lets a write that only adds
// mentions fold them into it instead of re-reading every mention.
type mention struct {
	Name, Surname                  string
	Aliases, Roles, How, Countries []string
}

// aggregate computes a Person node from mentions: the longest name and the
// longest surname (ties: lexically smaller), and sorted distinct unions of
// everything else. Cables is left to the caller.
func aggregate(key string, ms []mention) graph.Person {
	p := graph.Person{Key: key}
	for _, m := range ms {
		p.Name = graph.PickLongest(p.Name, m.Name)
		p.Surname = graph.PickLongest(p.Surname, m.Surname)
		p.Aliases = append(p.Aliases, m.Aliases...)
		p.Roles = append(p.Roles, m.Roles...)
		p.How = append(p.How, m.How...)
		p.Countries = append(p.Countries, m.Countries...)
	}
	p.Aliases = distinct(p.Aliases)
	p.Roles = distinct(p.Roles)
	p.How = distinct(p.How)
	p.Countries = distinct(p.Countries)
	return p
}

// distinct sorts s and drops duplicates and empty strings.
func distinct(s []string) []string {
	s = slices.DeleteFunc(slices.Clone(s), func(v string) bool { return v == "" })
	slices.Sort(s)
	return slices.Compact(s)
}

// searchNorms are the normalised forms FindPersons matches exactly: key,
// name, surname and every alias.
func searchNorms(p graph.Person) []string {
	out := []string{graph.NormalizeName(p.Key), graph.NormalizeName(p.Name), graph.NormalizeName(p.Surname)}
	for _, a := range p.Aliases {
		out = append(out, graph.NormalizeName(a))
	}
	return distinct(out)
}

// nameNorms are the normalised forms ListPersons searches by substring:
// name and every alias.
func nameNorms(p graph.Person) []string {
	out := []string{graph.NormalizeName(p.Name)}
	for _, a := range p.Aliases {
		out = append(out, graph.NormalizeName(a))
	}
	return distinct(out)
}
