package neo4jstore

import (
	"context"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// personProps is the projection every person read returns.
const personProps = `p {.key, .name, .surname, .aliases, .roles, .countries, .how, .cables}`

// personBriefProps is personProps of graph.Person.Brief: toPerson reads
// it as a person with no lists.
const personBriefProps = `p {.key, .name, .surname, .cables}`

func toPerson(v any) *graph.Person {
	m, _ := v.(map[string]any)
	n, _ := m["cables"].(int64)
	return &graph.Person{
		Key: str(m["key"]), Name: str(m["name"]), Surname: str(m["surname"]),
		Aliases: nilIfEmpty(strList(m["aliases"])), Roles: nilIfEmpty(strList(m["roles"])),
		Countries: nilIfEmpty(strList(m["countries"])), How: nilIfEmpty(strList(m["how"])),
		Cables: int(n),
	}
}

// nilIfEmpty matches memstore, whose empty aggregates are nil slices.
func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

// personsQuery runs a query whose single column is a person projection.
func (s *Store) personsQuery(ctx context.Context, op, cypher string, params map[string]any) ([]*graph.Person, error) {
	var out []*graph.Person
	_, err := s.read(ctx, op, func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		out = out[:0]
		recs, err := collect(ctx, tx, cypher, params)
		for _, r := range recs {
			out = append(out, toPerson(r.Values[0]))
		}
		return nil, err
	})
	return out, err
}

// Persons returns persons by key, in the order asked, skipping unknown keys.
func (s *Store) Persons(ctx context.Context, keys []string) ([]*graph.Person, error) {
	if len(keys) == 0 {
		return []*graph.Person{}, nil
	}
	recs, err := s.readOne(ctx, "persons", `MATCH (p:Person) WHERE p.key IN $keys RETURN `+personProps,
		map[string]any{"keys": strs(keys)})
	if err != nil {
		return nil, err
	}
	got := make([]*graph.Person, len(recs))
	for i, r := range recs {
		got[i] = toPerson(r.Values[0])
	}
	byKey := make(map[string]*graph.Person, len(got))
	for _, p := range got {
		byKey[p.Key] = p
	}
	out := make([]*graph.Person, 0, len(keys))
	for _, k := range keys {
		if p := byKey[k]; p != nil {
			c := *p
			out = append(out, &c)
		}
	}
	return out, nil
}

// FindPersons matches the normalised query exactly against each person's
// normalised key, name, surname and aliases (precomputed as p.norms), and
// a one-word query's NameKey against the surname's (p.surnameKey).
func (s *Store) FindPersons(ctx context.Context, name string, limit int) ([]*graph.Person, error) {
	n := graph.NormalizeName(name)
	if n == "" {
		return nil, nil
	}
	params := map[string]any{"n": n, "sk": ""}
	if !strings.Contains(n, " ") {
		params["sk"] = graph.NameKey(n)
	}
	lim := ""
	if limit > 0 {
		lim = " LIMIT $limit"
		params["limit"] = int64(limit)
	}
	params["q"] = luceneTerm(n)
	out, err := s.personsQuery(ctx, "find persons", cyFindPersons+`
RETURN `+personProps+` ORDER BY p.cables DESC, p.key`+lim, params)
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = []*graph.Person{}
	}
	return out, nil
}

// FindPersonsEach is FindPersons for several names in one statement
// (query.PersonsFinder): a connection's two names in one round trip.
func (s *Store) FindPersonsEach(ctx context.Context, names []string, limit int) ([][]*graph.Person, error) {
	out := make([][]*graph.Person, len(names))
	var rows []any
	for i, name := range names {
		out[i] = []*graph.Person{}
		n := graph.NormalizeName(name)
		if n == "" {
			out[i] = nil
			continue
		}
		sk := ""
		if !strings.Contains(n, " ") {
			sk = graph.NameKey(n)
		}
		rows = append(rows, map[string]any{"i": int64(i), "n": n, "sk": sk, "q": luceneTerm(n)})
	}
	if len(rows) == 0 {
		return out, nil
	}
	params := map[string]any{"rows": rows, "limit": int64(limit)}
	recs, err := s.readOne(ctx, "find persons each", cyFindPersonsEach, params)
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		i, _ := r.Values[0].(int64)
		if i < 0 || int(i) >= len(out) {
			continue
		}
		ps, _ := r.Values[1].([]any)
		for _, p := range ps {
			out[i] = append(out[i], toPerson(p))
		}
	}
	return out, nil
}

// cyFindPersonsEach is cyFindPersons for each row of $rows (i, n, sk, q),
// each row's persons ordered and cut as FindPersons does ($limit 0 is no
// limit).
const cyFindPersonsEach = `
UNWIND $rows AS row
CALL (row) {
  CALL db.index.fulltext.queryNodes('personNorms', row.q) YIELD node AS p
  WITH p WHERE row.n IN p.norms
  RETURN p
  UNION
  MATCH (p:Person) WHERE row.sk <> '' AND p.surnameKey = row.sk
  RETURN p
}
WITH row.i AS i, p ORDER BY i, p.cables DESC, p.key
WITH i, collect(` + personProps + `) AS ps
RETURN i, CASE WHEN $limit > 0 THEN ps[..$limit] ELSE ps END`

// ListPersons returns persons whose normalised name or an alias contains
// the normalised query ("" lists all), most cables first, then key.
func (s *Store) ListPersons(ctx context.Context, query string, p graph.Page) ([]*graph.Person, int, error) {
	params := map[string]any{"q": graph.NormalizeName(query)}
	pc, err := pageClause(p, params)
	if err != nil {
		return nil, 0, err
	}
	where := `WHERE $q = '' OR any(x IN p.nameNorms WHERE x CONTAINS $q)`
	var total int
	out := []*graph.Person{}
	_, err = s.read(ctx, "list persons", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		out = out[:0]
		recs, err := collect(ctx, tx, `MATCH (p:Person) `+where+` RETURN count(p)`, params)
		if err != nil {
			return nil, err
		}
		total = int(recs[0].Values[0].(int64))
		recs, err = collect(ctx, tx, `MATCH (p:Person) `+where+` RETURN `+personProps+
			` ORDER BY p.cables DESC, p.key `+pc, params)
		for _, r := range recs {
			out = append(out, toPerson(r.Values[0]))
		}
		return nil, err
	})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// PersonsOfCables returns, per loaded cable with at least one person, its
// persons by key.
func (s *Store) PersonsOfCables(ctx context.Context, ids []string) (map[string][]*graph.Person, error) {
	return s.personsOfCables(ctx, ids, personProps)
}

// PersonsOfCablesBrief is PersonsOfCables with each person Brief: the
// persons of a page of cables whose fields ask only their names.
func (s *Store) PersonsOfCablesBrief(ctx context.Context, ids []string) (map[string][]*graph.Person, error) {
	return s.personsOfCables(ctx, ids, personBriefProps)
}

// personsOfCables is PersonsOfCables with props as each person's projection.
func (s *Store) personsOfCables(ctx context.Context, ids []string, props string) (map[string][]*graph.Person, error) {
	out := map[string][]*graph.Person{}
	if len(ids) == 0 {
		return out, nil
	}
	_, err := s.read(ctx, "persons of cables", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		clear(out)
		recs, err := collect(ctx, tx, `
MATCH (p:Person)-[:MENTIONED_IN]->(c:Cable) WHERE c.id IN $ids
RETURN c.id, `+props+` ORDER BY c.id, p.key`, map[string]any{"ids": strs(ids)})
		for _, r := range recs {
			id := str(r.Values[0])
			out[id] = append(out[id], toPerson(r.Values[1]))
		}
		return nil, err
	})
	return out, err
}

// cyFindPersons matches persons by an exact normalised form or a one-word
// query's surname key. Both branches are index seeks (personNorms,
// person_surname_key) instead of a scan of every Person; the full-text
// hits are checked again with IN, so the answer is the exact match the
// scan gave.
const cyFindPersons = `
CALL () {
  CALL db.index.fulltext.queryNodes('personNorms', $q) YIELD node AS p
  WITH p WHERE $n IN p.norms
  RETURN p
  UNION
  MATCH (p:Person) WHERE $sk <> '' AND p.surnameKey = $sk
  RETURN p
}`

// luceneTerm quotes s as one Lucene phrase, which the keyword analyzer of
// personNorms reads as a single exact term.
func luceneTerm(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
