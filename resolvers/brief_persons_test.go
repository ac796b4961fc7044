package resolvers_test

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/query"
	"github.com/cablegraph/cablegraph/resolvers/e2etest"
)

// briefStore is a Reader that reads persons of cables brief and cable
// pages in one call (as the Neo4j store does), counting the brief reads:
// a brief person has no aliases, roles, countries or how, so an answer
// built from one where a query asks those fields differs from the plain
// store's.
type briefStore struct {
	graph.Reader
	brief atomic.Int64
}

func (s *briefStore) PersonsOfCablesBrief(ctx context.Context, ids []string) (map[string][]*graph.Person, error) {
	s.brief.Add(1)
	return s.briefOf(ctx, ids)
}

func (s *briefStore) briefOf(ctx context.Context, ids []string) (map[string][]*graph.Person, error) {
	m, err := s.PersonsOfCables(ctx, ids)
	out := map[string][]*graph.Person{}
	for id, ps := range m {
		for _, p := range ps {
			out[id] = append(out[id], p.Brief())
		}
	}
	return out, err
}

func (s *briefStore) CablePage(ctx context.Context, id string, f graph.CablePageFields) (*graph.Cable, []*graph.Person, []graph.Citation, []*graph.Cable, error) {
	cs, err := s.Cables(ctx, []string{id})
	if err != nil || len(cs) == 0 {
		return nil, nil, nil, nil, err
	}
	c := cs[0]
	if !f.Body {
		c.Body = ""
	}
	var ps []*graph.Person
	if f.Persons {
		m, err := s.PersonsOfCables(ctx, []string{id})
		if f.BriefPersons {
			s.brief.Add(1)
			m, err = s.briefOf(ctx, []string{id})
		}
		if err != nil {
			return nil, nil, nil, nil, err
		}
		ps = m[id]
	}
	var cites []graph.Citation
	var citing []*graph.Cable
	if f.CitedBy {
		m, err := s.CitedBy(ctx, []string{id})
		if err != nil {
			return nil, nil, nil, nil, err
		}
		cites = m[id]
		var from []string
		for _, x := range cites {
			from = append(from, x.From)
		}
		if citing, err = query.CableSummariesOf(s.Reader)(ctx, from); err != nil {
			return nil, nil, nil, nil, err
		}
	}
	return c, ps, cites, citing, nil
}

// TestBriefPersonsOnlyForBriefSelections asks the same queries of a server
// whose store reads brief persons and of one whose store does not: the
// answers must be byte for byte the same, and the brief read used exactly
// when every persons field asks only key, name, surname or cableCount.
func TestBriefPersonsOnlyForBriefSelections(t *testing.T) {
	m := fixtureStore(t)
	b := &briefStore{Reader: m}
	plain := e2etest.Server(t, struct{ graph.Reader }{m}, nil)
	withBrief := e2etest.Server(t, b, nil)
	for _, c := range []struct {
		name, query string
		brief       bool
	}{
		{"cable page names", `{ cable(id: "08MOSCOW235") { id subject persons { key name } citedBy { id subject } } }`, true},
		{"cable page brief fields", `{ cable(id: "08MOSCOW235") { persons { __typename key name surname cableCount } } }`, true},
		{"cable page fragment", `query { cable(id: "08MOSCOW235") { persons { ...P } } } fragment P on Person { key name }`, true},
		{"cable page aliases", `{ cable(id: "08MOSCOW235") { id persons { key name aliases roles how countryCodes } } }`, false},
		{"cable page one field aliased", `{ cable(id: "08MOSCOW235") { a: persons { key } b: persons { aliases } } }`, false},
		{"cable page fragment aliases", `query { cable(id: "08MOSCOW235") { persons { ...P } } } fragment P on Person { key aliases }`, false},
		{"cable page countries", `{ cable(id: "08MOSCOW235") { persons { key countries { code } } } }`, false},
		{"cable page with body", `{ cable(id: "08MOSCOW235") { body persons { key name } } }`, true},
		{"page names", `{ cables(first: 5, orderBy: ID_ASC) { nodes { id persons { key name } } } }`, false},
		{"page aliases", `{ cables(first: 5, orderBy: ID_ASC) { nodes { id persons { key aliases } } } }`, false},
		{"search persons", `{ search(query: "Kosovo", first: 5) { edges { node { cable { id persons { name } } } } } }`, true},
		{"search persons roles", `{ search(query: "Kosovo", first: 5) { edges { node { cable { id persons { name roles } } } } } }`, false},
	} {
		sameAnswer(t, c.name, c.query, plain.URL, withBrief.URL, &b.brief, c.brief)
	}
}
