package neo4jstore

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Cables decodes the stored documents, in the order asked, skipping ids
// that are not loaded.
func (s *Store) Cables(ctx context.Context, ids []string) ([]*graph.Cable, error) {
	if len(ids) == 0 {
		return []*graph.Cable{}, nil
	}
	docs, bodies := map[string]string{}, map[string]string{}
	recs, err := s.readOne(ctx, "cables", `MATCH (c:Cable) WHERE c.id IN $ids RETURN c.id, c.doc, c.body`, map[string]any{"ids": strs(ids)})
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		docs[str(r.Values[0])] = str(r.Values[1])
		bodies[str(r.Values[0])] = str(r.Values[2])
	}
	out := make([]*graph.Cable, 0, len(ids))
	for _, id := range ids {
		d, ok := docs[id]
		if !ok {
			continue
		}
		c := new(graph.Cable)
		if err := json.Unmarshal([]byte(d), c); err != nil {
			return nil, fmt.Errorf("neo4j cables: decode %s: %w", id, err)
		}
		c.Body = bodies[id]
		out = append(out, c)
	}
	return out, nil
}

// cableMatch compiles a CableFilter into a MATCH ... WHERE over c and
// its parameters. It anchors on the most selective indexed fact it has (a
// person's mentions, a tag's or a country's cables) instead of scanning
// every Cable; the rest are predicates the planner serves from the range
// indexes (id, created, originLower, classification) where it can.
func cableMatch(f graph.CableFilter) (string, map[string]any) {
	var conds []string
	params := map[string]any{}
	match := "MATCH (c:Cable)"
	tags := f.Tags
	switch {
	case f.Person != "":
		match = "MATCH (:Person {key: $person})-[:MENTIONED_IN]->(c:Cable)"
		params["person"] = f.Person
	case len(f.Tags) > 0:
		match = "MATCH (:Tag {code: $tag0})<-[:TAGGED]-(c:Cable)"
		params["tag0"] = f.Tags[0]
		tags = f.Tags[1:]
	case f.Country != "":
		match = "MATCH (:Country {code: $country})<-[:ORIGINATED_IN|CONCERNS]-(x:Cable) WITH DISTINCT x AS c"
	default:
		// Text alone: the full-text index narrows to the cables with a
		// token containing each word (exact for the words indexDecides,
		// a superset for the others, which the CONTAINS predicate below
		// checks); scanning every body instead costs the whole corpus
		// per query.
		if lq := substringQuery(f.Text); lq != "" {
			match = textAnchor
			params["textq"] = lq
		}
	}
	if f.IDs != nil {
		conds = append(conds, "c.id IN $ids")
		params["ids"] = strs(f.IDs)
	}
	if len(tags) > 0 {
		conds = append(conds, "all(t IN $tags WHERE t IN c.tags)")
		params["tags"] = strs(tags)
	}
	if f.Country != "" {
		params["country"] = f.Country
		if !strings.Contains(match, "$country") {
			conds = append(conds, "EXISTS { MATCH (c)-[:ORIGINATED_IN|CONCERNS]->(k:Country) WHERE k.code = $country }")
		}
	}
	if f.Origin != "" {
		conds = append(conds, "c.originLower = $origin")
		params["origin"] = strings.ToLower(f.Origin)
	}
	if f.Classification != "" {
		conds = append(conds, "c.classification = $classification")
		params["classification"] = f.Classification
	}
	if f.Since != nil {
		conds = append(conds, "c.created >= $since")
		params["since"] = *utc(f.Since)
	}
	if f.Until != nil {
		conds = append(conds, "c.created <= $until")
		params["until"] = *utc(f.Until)
	}
	words := strings.Fields(strings.ToLower(f.Text))
	if match == textAnchor {
		// The index already decided these words exactly: reading every
		// hit's body again would cost most of the statement.
		words = slices.DeleteFunc(words, indexDecides)
	}
	if len(words) > 0 {
		conds = append(conds, "all(w IN $words WHERE toLower(c.subject + ' ' + c.body) CONTAINS w)")
		params["words"] = strs(words)
	}
	if len(conds) == 0 {
		return match, params
	}
	return match + " WHERE " + strings.Join(conds, " AND "), params
}

// textAnchor starts a cable match from the cableText full-text index. A
// statement using it must first wait for the eventually consistent index
// (awaitText), so that a reader sees every committed cable.
const textAnchor = "CALL db.index.fulltext.queryNodes('cableText', $textq) YIELD node AS c"

// awaitText is the statement that makes the full-text index current.
const awaitText = `CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()`

// substringQuery turns the words of a CableFilter.Text into a Lucene query
// requiring, for each word made only of token runes, a token that contains
// it (*word*). Such a word can only occur inside one token, so the cables
// it selects are a superset of those whose text contains every word. It
// returns "" when no word qualifies: the caller then scans.
func substringQuery(text string) string {
	var req []string
	for _, w := range strings.Fields(strings.ToLower(text)) {
		if wordOnly(w) {
			req = append(req, "+*"+w+"*")
		}
	}
	return strings.Join(req, " ")
}

// indexDecides reports whether the cableText hits of *w* (see
// substringQuery) are exactly the cables whose lower-cased subject or body
// contains w, so that no body needs reading to check them. That holds for
// an ASCII word of token runes: such a run is never split by the index's
// tokenizer (UAX#29 keeps letters, digits and underscores together), and
// Lucene lower-cases each letter as Go's strings.ToLower does, which is
// the memstore's definition of case-insensitive (U+0130 and U+212A fold to
// "i" and "k" in both, not in Cypher's toLower). Lucene cuts tokens longer
// than 255 characters, which neither the check nor the scan would repair.
func indexDecides(w string) bool { return isASCII(w) && wordOnly(w) }

// wordOnly reports whether every rune of w is one a token is made of.
func wordOnly(w string) bool {
	for _, r := range w {
		if r == utf8.RuneError || !graph.IsWordRune(r) {
			return false
		}
	}
	return w != ""
}

func orderBy(o graph.CableOrder) (string, error) {
	switch o {
	case "", graph.OrderCreatedDesc:
		return "ORDER BY c.created IS NULL, c.created DESC, c.id", nil
	case graph.OrderCreatedAsc:
		return "ORDER BY c.created IS NULL, c.created, c.id", nil
	case graph.OrderIDAsc:
		return "ORDER BY c.id", nil
	}
	return "", fmt.Errorf("unknown cable order %q: %w", o, graph.ErrInvalid)
}

// pageClause checks a page and returns its SKIP/LIMIT; Limit 0 means no
// limit.
func pageClause(p graph.Page, params map[string]any) (string, error) {
	if p.Offset < 0 || p.Limit < 0 {
		return "", fmt.Errorf("page offset %d limit %d: %w", p.Offset, p.Limit, graph.ErrInvalid)
	}
	params["offset"] = int64(p.Offset)
	if p.Limit == 0 {
		return "SKIP $offset", nil
	}
	params["limit"] = int64(p.Limit)
	return "SKIP $offset LIMIT $limit", nil
}

// ListCables returns matching cable ids in the given order, with the
// total number of matches.
func (s *Store) ListCables(ctx context.Context, f graph.CableFilter, order graph.CableOrder, p graph.Page) (graph.IDPage, error) {
	ob, err := orderBy(order)
	if err != nil {
		return graph.IDPage{}, err
	}
	match, params := cableMatch(f)
	pc, err := pageClause(p, params)
	if err != nil {
		return graph.IDPage{}, err
	}
	out := graph.IDPage{IDs: []string{}}
	_, err = s.read(ctx, "list cables", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		out.IDs = out.IDs[:0]
		if strings.HasPrefix(match, textAnchor) {
			if err := run(ctx, tx, awaitText, nil); err != nil {
				return nil, err
			}
		}
		recs, err := collect(ctx, tx, match+" RETURN count(c)", params)
		if err != nil {
			return nil, err
		}
		out.Total = int(recs[0].Values[0].(int64))
		if out.Total == 0 {
			return nil, nil
		}
		recs, err = collect(ctx, tx, match+" RETURN c.id "+ob+" "+pc, params)
		for _, r := range recs {
			out.IDs = append(out.IDs, str(r.Values[0]))
		}
		return nil, err
	})
	return out, err
}

// CableDates returns the created dates of the matching cables, ascending.
func (s *Store) CableDates(ctx context.Context, f graph.CableFilter) ([]time.Time, error) {
	match, params := cableMatch(f)
	if strings.Contains(match, " WHERE ") {
		match += " AND c.created IS NOT NULL"
	} else {
		match += " WHERE c.created IS NOT NULL"
	}
	var out []time.Time
	_, err := s.read(ctx, "cable dates", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		out = out[:0]
		if strings.HasPrefix(match, textAnchor) {
			if err := run(ctx, tx, awaitText, nil); err != nil {
				return nil, err
			}
		}
		recs, err := collect(ctx, tx, match+" RETURN c.created ORDER BY c.created", params)
		for _, r := range recs {
			if t, ok := r.Values[0].(time.Time); ok {
				out = append(out, t.UTC())
			}
		}
		return nil, err
	})
	return out, err
}

// CitedBy returns, per id with any, the citing cables by From then Letter.
func (s *Store) CitedBy(ctx context.Context, ids []string) (map[string][]graph.Citation, error) {
	out := map[string][]graph.Citation{}
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := s.readOne(ctx, "cited by", `
MATCH (c:Cable)-[x:CITES]->(r:Reference) WHERE r.id IN $ids
RETURN r.id, c.id, x.letter ORDER BY c.id, x.letter`, map[string]any{"ids": strs(ids)})
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		id := str(r.Values[0])
		out[id] = append(out[id], graph.Citation{From: str(r.Values[1]), Letter: str(r.Values[2])})
	}
	return out, nil
}

// CableSummaries returns the cables' summary fields (query.CableSummarySource)
// from the Cable node's own properties, without the document and the body.
func (s *Store) CableSummaries(ctx context.Context, ids []string) ([]*graph.Cable, error) {
	if len(ids) == 0 {
		return []*graph.Cable{}, nil
	}
	got := make(map[string]*graph.Cable, len(ids))
	recs, err := s.readOne(ctx, "cable summaries", `
MATCH (sc:Cable) WHERE sc.id IN $ids
RETURN sc.id, `+summaryColumns, map[string]any{"ids": strs(ids)})
	for _, r := range recs {
		id := str(r.Values[0])
		got[id] = summaryOf(id, r.Values[1:])
	}
	if err != nil {
		return nil, err
	}
	return inOrder(ids, got), nil
}

// summaryColumns are the Cable node properties of a summary (all but the
// id), of the node a statement names sc; summaryOf reads them back.
const summaryColumns = `sc.created, sc.released, coalesce(sc.classification, ''), coalesce(sc.origin, ''), coalesce(sc.subject, '')`

// summaryOf is the summary of cable id from the values of summaryColumns.
func summaryOf(id string, vals []any) *graph.Cable {
	return &graph.Cable{
		ID: id, Created: timeValue(vals[0]), Released: timeValue(vals[1]),
		Classification: str(vals[2]), Origin: str(vals[3]), Subject: str(vals[4]),
	}
}

// timeValue reads a stored instant as UTC, as the document has it; null
// is nil.
func timeValue(v any) *time.Time {
	t, ok := v.(time.Time)
	if !ok {
		return nil
	}
	u := t.UTC()
	return &u
}

// CablePage reads, in one statement, what a cable(id) question shows: the
// cable (its body only when f.Body: the body is most of a document's bytes
// and most pages do not show it; without it, the cable's header fields
// alone, see graph.Cable.UnmarshalJSONHead), and, when asked, its persons as
// PersonsOfCables gives them (or PersonsOfCablesBrief, with
// f.BriefPersons), the citations of it as CitedBy gives them and the
// citing cables' summaries as CableSummaries gives them. Over the plain
// reads that is four statements in two round trips (the citing cables are
// known only after the citations). A cable that is not loaded is nil, with
// no error.
func (s *Store) CablePage(ctx context.Context, id string, f graph.CablePageFields) (*graph.Cable, []*graph.Person, []graph.Citation, []*graph.Cable, error) {
	cypher := cyCablePage
	if f.BriefPersons {
		cypher = cyCablePageBrief
	}
	recs, err := s.readOne(ctx, "cable page", cypher, map[string]any{
		"id": id, "body": f.Body, "persons": f.Persons, "cited": f.CitedBy,
	})
	if err != nil || len(recs) == 0 {
		return nil, nil, nil, nil, err
	}
	v := recs[0].Values
	c := new(graph.Cable)
	decode := c.UnmarshalJSON
	if !f.Body {
		// A page without the cable's text: its header fields alone.
		decode = c.UnmarshalJSONHead
	}
	if err := decode([]byte(str(v[0]))); err != nil {
		return nil, nil, nil, nil, fmt.Errorf("neo4j cable page: decode %s: %w", id, err)
	}
	c.Body = str(v[1])
	var ps []*graph.Person
	for _, p := range anyList(v[2]) {
		ps = append(ps, toPerson(p))
	}
	var cites []graph.Citation
	var citing []*graph.Cable
	seen := map[string]bool{}
	for _, row := range anyList(v[3]) {
		r := anyList(row)
		if len(r) != 7 {
			continue
		}
		from := str(r[0])
		cites = append(cites, graph.Citation{From: from, Letter: str(r[1])})
		if !seen[from] {
			seen[from] = true
			citing = append(citing, summaryOf(from, r[2:]))
		}
	}
	return c, ps, cites, citing, nil
}

func anyList(v any) []any {
	l, _ := v.([]any)
	return l
}

// cyCablePage is CablePage's statement: Cables, PersonsOfCables, CitedBy
// and CableSummaries of the citing cables, with their orders;
// cyCablePageBrief the same with each person brief.
const (
	cyCablePage      = cablePageHead + personProps + cablePageTail
	cyCablePageBrief = cablePageHead + personBriefProps + cablePageTail
)

// cablePageHead and cablePageTail are the statement of a cable page on
// either side of the persons' projection.
const (
	cablePageHead = `
MATCH (c:Cable {id: $id})
RETURN c.doc,
  CASE WHEN $body THEN c.body ELSE '' END,
  CASE WHEN $persons THEN COLLECT {
    MATCH (p:Person)-[:MENTIONED_IN]->(c) RETURN `
	cablePageTail = ` ORDER BY p.key
  } ELSE [] END,
  CASE WHEN $cited THEN COLLECT {
    MATCH (sc:Cable)-[r:CITES]->(ref:Reference {id: $id})
    WITH sc, r ORDER BY sc.id, r.letter
    RETURN [sc.id, r.letter, ` + summaryColumns + `]
  } ELSE [] END`
)

// inOrder returns copies of the cables in got in the order of ids, skipping
// ids that are not there; a repeated id gets its own copy, so callers may
// change what they receive.
func inOrder(ids []string, got map[string]*graph.Cable) []*graph.Cable {
	out := make([]*graph.Cable, 0, len(ids))
	for _, id := range ids {
		if c := got[id]; c != nil {
			cp := *c
			out = append(out, &cp)
		}
	}
	return out
}
