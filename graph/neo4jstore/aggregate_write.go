package neo4jstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Cypher of the aggregate step of WriteCables.
const (
	cyMentionsOf = `
UNWIND $keys AS k
MATCH (p:Person {key: k})
OPTIONAL MATCH (p)-[m:MENTIONED_IN]->(:Cable)
RETURN k, collect(m {.name, .surname, .country, .aliases, .roles, .how}) AS ms`
	cyPersonsNow = `
UNWIND $keys AS k
MATCH (p:Person {key: k})
RETURN k, p {.name, .surname, .aliases, .roles, .countries, .how, .cables, .partners} AS p`
	cyDropAffiliations = `
MATCH (p:Person)-[r:AFFILIATED_WITH]->(c:Country)
WHERE p.key IN $keys
WITH r, c.code AS k
DELETE r
RETURN DISTINCT k`
	cySetPersons = `
UNWIND $rows AS row
MATCH (p:Person {key: row.key})
SET p.name = row.name, p.surname = row.surname, p.aliases = row.aliases, p.roles = row.roles,
    p.countries = row.countries, p.how = row.how, p.cables = row.cables,
    p.norms = row.norms, p.nameNorms = row.nameNorms, p.surnameKey = row.surnameKey,
    p.partners = row.partners`
	cyAffiliate = `
UNWIND $rows AS row
MATCH (p:Person {key: row.key})
MERGE (c:Country {code: row.code}) ON CREATE SET c.name = ''
MERGE (p)-[:AFFILIATED_WITH]->(c)`
	cyDeletePersons = `
UNWIND $keys AS k
MATCH (p:Person {key: k}) WHERE NOT (p)-[:MENTIONED_IN]->() DETACH DELETE p`
)

// personAggregates recomputes the Person nodes touched by a write:
// persons that lost mentions from all their mentions, the others by
// folding the new mentions (f) into their current aggregate (a fresh load
// never re-reads the thousands of mentions of a popular person). It
// returns the countries whose AFFILIATED_WITH edges were dropped.
func (s *Store) personAggregates(ctx context.Context, tx neo4j.ManagedTransaction, f *freshFacts, lost stringSet) ([]string, error) {
	var rows, aff []any
	add := func(key string, ms []mention, cables int, partners []string) {
		if cables == 0 {
			return // no mention left: deleted afterwards
		}
		p := aggregate(key, ms)
		rows = append(rows, map[string]any{
			"key": key, "name": p.Name, "surname": p.Surname, "aliases": strs(p.Aliases),
			"roles": strs(p.Roles), "countries": strs(p.Countries), "how": strs(p.How),
			"cables": int64(cables), "norms": strs(searchNorms(p)), "nameNorms": strs(nameNorms(p)),
			"surnameKey": surnameKey(p.Surname), "partners": partnersParam(partners),
		})
		for _, c := range p.Countries {
			aff = append(aff, map[string]any{"key": key, "code": c})
		}
	}

	var affLost []string
	for chunk := range chunks(strs(lost.list), s.batch) {
		recs, err := collect(ctx, tx, cyDropAffiliations, map[string]any{"keys": chunk})
		if err != nil {
			return nil, fmt.Errorf("drop affiliations: %w", err)
		}
		for _, r := range recs {
			affLost = append(affLost, str(r.Values[0]))
		}
		recs, err = collect(ctx, tx, cyPartnersOf, map[string]any{"keys": chunk, "co": graph.InteractionCoMentioned})
		if err != nil {
			return nil, fmt.Errorf("read person partners: %w", err)
		}
		partners := make(map[string][]string, len(recs))
		for _, r := range recs {
			partners[str(r.Values[0])] = strList(r.Values[1])
		}
		recs, err = collect(ctx, tx, cyMentionsOf, map[string]any{"keys": chunk})
		if err != nil {
			return nil, fmt.Errorf("read person mentions: %w", err)
		}
		for _, r := range recs {
			raw, _ := r.Values[1].([]any)
			ms := make([]mention, 0, len(raw))
			for _, x := range raw {
				m, _ := x.(map[string]any)
				ms = append(ms, mention{
					Name: str(m["name"]), Surname: str(m["surname"]), Countries: distinct([]string{str(m["country"])}),
					Aliases: strList(m["aliases"]), Roles: strList(m["roles"]), How: strList(m["how"]),
				})
			}
			k := str(r.Values[0])
			add(k, ms, len(ms), partners[k])
		}
	}

	var incr []string
	for _, k := range f.personOrder {
		if !lost.seen[k] {
			incr = append(incr, k)
		}
	}
	for chunk := range chunks(strs(incr), s.batch) {
		recs, err := collect(ctx, tx, cyPersonsNow, map[string]any{"keys": chunk})
		if err != nil {
			return nil, fmt.Errorf("read persons: %w", err)
		}
		for _, r := range recs {
			k := str(r.Values[0])
			cur, _ := r.Values[1].(map[string]any)
			fp := f.persons[k]
			ms := []mention{fp.m}
			n, _ := cur["cables"].(int64)
			if n > 0 {
				ms = append(ms, mention{
					Name: str(cur["name"]), Surname: str(cur["surname"]), Countries: strList(cur["countries"]),
					Aliases: strList(cur["aliases"]), Roles: strList(cur["roles"]), How: strList(cur["how"]),
				})
			}
			add(k, ms, int(n)+fp.n, unionPartners(strList(cur["partners"]), fp.partners))
		}
	}
	if err := s.unwind(ctx, tx, cySetPersons, "rows", rows); err != nil {
		return nil, fmt.Errorf("write person aggregates: %w", err)
	}
	if err := s.unwind(ctx, tx, cyAffiliate, "rows", aff); err != nil {
		return nil, fmt.Errorf("write AFFILIATED_WITH: %w", err)
	}
	return affLost, nil
}

// surnameKey is the NameKey FindPersons compares single-word queries with.
func surnameKey(surname string) string {
	if surname == "" {
		return ""
	}
	return graph.NameKey(surname)
}

// nodeSpec says how a shared node's properties derive from the
// relationships pointing at it.
type nodeSpec struct {
	label, key, rel string
	fields          []string                  // node property = relationship property
	rowKey          string                    // key field in the batch rows of rel
	rows            func(*batchRows) []any    // the batch rows of rel
	combine         func([][]string) []string // nil when vals is empty
}

var nodeSpecs = []nodeSpec{
	{
		label: graph.KindTag, key: "code", rel: graph.RelTagged, fields: []string{"meaning", "kind"}, rowKey: "code",
		rows: func(b *batchRows) []any { return b.tagged },
		combine: func(vs [][]string) []string {
			m, k := vs[0][0], vs[0][1]
			for _, v := range vs[1:] {
				m, k = graph.PickPair(m, k, v[0], v[1])
			}
			if k == "" {
				k = graph.TagUnknown
			}
			return []string{m, k}
		},
	},
	{
		label: graph.KindCountry, key: "code", rel: graph.RelConcerns, fields: []string{"name"}, rowKey: "code",
		rows: func(b *batchRows) []any { return b.concerns },
		combine: func(vs [][]string) []string {
			n := ""
			for _, v := range vs {
				n = graph.PickLongest(n, v[0])
			}
			return []string{n}
		},
	},
	{
		label: graph.KindOrganization, key: "key", rel: graph.RelMentionsOrg, fields: []string{"name", "kind"}, rowKey: "key",
		rows: func(b *batchRows) []any { return b.mentionsOrg },
		combine: func(vs [][]string) []string {
			n, k := vs[0][0], vs[0][1]
			for _, v := range vs[1:] {
				n, k = graph.PickPair(n, k, v[0], v[1])
			}
			return []string{n, k}
		},
	},
	{
		label: graph.KindReference, key: "id", rel: graph.RelCites, fields: []string{"raw"}, rowKey: "id",
		rows: func(b *batchRows) []any { return b.cites },
		combine: func(vs [][]string) []string {
			r := ""
			for _, v := range vs {
				r = graph.PickSmallest(r, v[0])
			}
			return []string{r}
		},
	},
}

// nodeAggregates recomputes the properties of the nodes of nodeSpecs[i]
// touched by a write: from every relationship when the node lost some
// (lost), else by folding the new values (f) into the current ones.
func (s *Store) nodeAggregates(ctx context.Context, tx neo4j.ManagedTransaction, i int, lost stringSet, f *freshFacts) error {
	spec := nodeSpecs[i]
	relProps := make([]string, len(spec.fields))
	nodeProps := make([]string, len(spec.fields))
	sets := make([]string, len(spec.fields))
	for i, f := range spec.fields {
		relProps[i] = "coalesce(r." + f + ", '')"
		nodeProps[i] = "n." + f
		sets[i] = fmt.Sprintf("n.%s = row.v[%d]", f, i)
	}
	match := fmt.Sprintf("UNWIND $keys AS k MATCH (n:%s {%s: k}) ", spec.label, spec.key)
	full := match + fmt.Sprintf("OPTIONAL MATCH (n)<-[r:%s]-() RETURN k, collect(CASE WHEN r IS NULL THEN null ELSE [%s] END)",
		spec.rel, strings.Join(relProps, ", "))
	now := match + fmt.Sprintf("RETURN k, [%s]", strings.Join(nodeProps, ", "))
	set := fmt.Sprintf("UNWIND $rows AS row MATCH (n:%s {%s: row.k}) SET %s", spec.label, spec.key, strings.Join(sets, ", "))

	fresh := f.nodes[i]
	var incr []string
	for _, k := range f.nodeOrder[i] {
		if !lost.seen[k] {
			incr = append(incr, k)
		}
	}
	var rows []any
	for chunk := range chunks(strs(lost.list), s.batch) {
		recs, err := collect(ctx, tx, full, map[string]any{"keys": chunk})
		if err != nil {
			return fmt.Errorf("read %s facts: %w", spec.label, err)
		}
		for _, r := range recs {
			var vs [][]string
			for _, x := range r.Values[1].([]any) {
				vs = append(vs, strList(x))
			}
			if len(vs) == 0 {
				if spec.label != graph.KindCountry {
					continue // orphan: deleted afterwards
				}
				vs = [][]string{{""}}
			}
			rows = append(rows, map[string]any{"k": r.Values[0], "v": strs(spec.combine(vs))})
		}
	}
	for chunk := range chunks(strs(incr), s.batch) {
		recs, err := collect(ctx, tx, now, map[string]any{"keys": chunk})
		if err != nil {
			return fmt.Errorf("read %s: %w", spec.label, err)
		}
		for _, r := range recs {
			k := str(r.Values[0])
			vs := [][]string{fresh[k]}
			if cur, _ := r.Values[1].([]any); len(cur) > 0 && cur[0] != nil {
				vs = append([][]string{strList(cur)}, vs...)
			}
			rows = append(rows, map[string]any{"k": k, "v": strs(spec.combine(vs))})
		}
	}
	if err := s.unwind(ctx, tx, set, "rows", rows); err != nil {
		return fmt.Errorf("write %s: %w", spec.label, err)
	}
	return nil
}
