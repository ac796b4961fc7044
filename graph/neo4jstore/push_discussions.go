package neo4jstore

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// DiscussionInteractions reads, in one statement, everything a
// discussions question reads over the Reader (graph/query,
// DiscussionsSource): topical is Interactions(base with Topics: topics);
// byWord[i] holds the interactions passing base in the cables of
// ListCables(Text: words[i], base's window) whose evidence names
// words[i] (a superset of the whole-word matches the caller keeps), less
// those already in topical, which the caller would drop as seen. Both
// carry what Discussions reads (keys, kind, status, cable, paragraph,
// evidence, date, confidence), not AName, BName or Topics. Over
// the Reader that is four statements or more, the text pass shipping
// every interaction of 500 cables per batch; here the cables never leave
// the database and only sentences naming the word come back.
//
// A word with letters is looked up in the interactedEvidence index (see
// evidenceQuery), so that the cost follows the sentences naming it, not
// the cables: at the release's size "kosovo" is in 9,617 cables holding
// 107,000 interactions, of which 830 sentences name it. Other words, and
// a database without that index, take the cables of the cableText index
// and test their interactions' evidence.
//
// ok is false, with nothing read, when the question is not one this
// statement reproduces exactly: base with persons, cables, topics or a
// limit; no topics; a word the full-text index cannot narrow (ListCables
// would scan every cable) or that is not ASCII (Go's and Java's
// lower-casing differ outside ASCII).
func (s *Store) DiscussionInteractions(ctx context.Context, base graph.InteractionFilter, topics, words []string) (topical []graph.Interaction, byWord [][]graph.Interaction, ok bool, err error) {
	return s.discussionReads(ctx, base, topics, words, nil)
}

// DiscussionPageInteractions is DiscussionInteractions less the pairs
// that cannot be among the first discussions (query.DiscussionPageSource):
// each pair's interactions are weighed, a bound from below (the topical
// ones) and one from above (all), and only the interactions of pairs
// whose upper bound reaches the first-th highest lower bound are read
// whole. For "Kosovo" at the release's size that is 280 rows of 2,400:
// sorting, projecting and shipping every row was the larger part of the
// question. The first statement returns what the weighing needs of each
// row, Go ranks the pairs, and a second statement reads the page's rows
// by element id (discussionPageRows).
func (s *Store) DiscussionPageInteractions(ctx context.Context, base graph.InteractionFilter, topics, words []string, first int, weights map[string]float64, other float64) (topical []graph.Interaction, byWord [][]graph.Interaction, ok bool, err error) {
	if first <= 0 {
		return s.discussionReads(ctx, base, topics, words, nil)
	}
	return s.discussionReads(ctx, base, topics, words, &discussionPage{first: first, weights: weights, other: other})
}

// discussionPage is the page a paged discussions read serves: the first
// pairs, ranked by weights[kind] (other for any other kind) times the
// clamped confidence (see DiscussionPageInteractions). oneStatement asks
// the older plan, which ranks the pairs in Cypher (discussionReturn); the
// default ranks them in Go (see discussionCandidates).
type discussionPage struct {
	first        int
	weights      map[string]float64
	other        float64
	oneStatement bool
}

// params are the page's parameters of discussionReturn's ranking.
func (p *discussionPage) params() map[string]any {
	w := make(map[string]any, len(p.weights))
	for k, v := range p.weights {
		w[k] = v
	}
	return map[string]any{"pageFirst": int64(p.first), "weights": w, "otherWeight": p.other}
}

// discussionReads answers DiscussionInteractions, for page, or all pairs
// when page is nil.
func (s *Store) discussionReads(ctx context.Context, base graph.InteractionFilter, topics, words []string, page *discussionPage) (topical []graph.Interaction, byWord [][]graph.Interaction, ok bool, err error) {
	if len(base.Persons) > 0 || len(base.Cables) > 0 || len(base.Topics) > 0 || base.Limit != 0 || len(topics) == 0 {
		return nil, nil, false, nil
	}
	var textqs, split, lower, fields, evqs []any
	for _, w := range words {
		lq := substringQuery(w)
		lw := strings.ToLower(w)
		if lq == "" || !isASCII(lw) {
			return nil, nil, false, nil
		}
		textqs = append(textqs, lq)
		split = append(split, strs(slices.DeleteFunc(strings.Fields(lw), indexDecides)))
		lower = append(lower, lw)
		fields = append(fields, strs(strings.Fields(lw)))
		evqs = append(evqs, evidenceQuery(lw))
	}
	f := base
	f.Topics = topics
	params := map[string]any{"textqs": textqs, "twords": split, "tlw": lower, "cwords": fields, "evqs": evqs}
	if page != nil {
		page = &discussionPage{first: page.first, weights: page.weights, other: page.other, oneStatement: page.oneStatement}
	}
	q := discussionPlan{topicq: topicIndexQuery(topics), evidence: true}
	q.keys = q.topicq != "" && topicKeysUsable(f) && s.topicKeysOn(ctx)
	q.ownEvidence = topicKeysUsable(f)
	for {
		topical, byWord, err = s.discussionInteractions(ctx, f, words, params, q, page)
		switch {
		case errors.Is(err, errPageMoved) && !page.oneStatement:
			// A write came between the two statements: the one
			// statement ranks and reads the rows it found itself.
			s.log.Debug("neo4j: discussions page moved between its statements; ranking in Cypher", "err", err)
			page.oneStatement = true
			continue
		case err != nil && q.ownEvidence && missingIndex(err, "interactedTopicEvidence"):
			s.log.Debug("neo4j: no interactedTopicEvidence index; topic words are found through interactedEvidence", "err", err)
			q.ownEvidence = false
			continue
		case err != nil && q.keys && missingIndex(err, "interactedTopicKeys"):
			s.log.Debug("neo4j: no interactedTopicKeys index; topics are found through tags and interactedTopics", "err", err)
			q.keys = false
			continue
		case err != nil && q.topicq != "" && missingIndex(err, "interactedTopics"):
			// A database loaded before the index existed: scan, until the
			// next load's EnsureSchema creates it.
			s.log.Debug("neo4j: no interactedTopics index; topics are scanned", "err", err)
			q.topicq = ""
			continue
		case err != nil && q.evidence && missingIndex(err, "interactedEvidence"):
			s.log.Debug("neo4j: no interactedEvidence index; topic words are found through their cables", "err", err)
			q.evidence = false
			continue
		case err != nil:
			return nil, nil, true, err
		}
		return topical, byWord, true, nil
	}
}

// discussionPlan says which full-text indexes the statement asks: topicq
// is the interactedTopics query ("" scans the topics), evidence whether
// words with letters are looked up in interactedEvidence, keys whether
// the topical interactions and the topical test come from the topic keys
// (interactedTopicKeys with the same query; see topickeys_rows.go),
// ownEvidence whether those words are looked up among the sentences of
// non-co-mentions only (interactedTopicEvidence, see evidence_topical.go)
// when the database has them all.
type discussionPlan struct {
	topicq      string
	evidence    bool
	keys        bool
	ownEvidence bool
}

// missingIndex tells the error of a statement asking a full-text index
// (by name) the database does not have.
func missingIndex(err error, name string) bool {
	return err != nil && strings.Contains(err.Error(), name)
}

// evidenceQuery returns the Lucene query of the interactedEvidence index
// that finds every interaction whose lower-cased evidence contains lw (a
// lower-cased ASCII word or phrase) as a whole word: the phrase of lw's
// letter runs, as topicIndexQuery builds it. The analyzer (simple) cuts
// the evidence at every non-letter and lower-cases letters as Go does
// (U+0130 and U+212A included), and a whole-word occurrence has no letter
// on either side, so each of lw's runs is a token of the sentence, in
// order and adjacent: the hits are a superset the caller narrows with the
// whole-word test. "" when lw has no letter (digits alone) or is not
// ASCII: the cables' path then answers.
func evidenceQuery(lw string) string { return topicIndexQuery([]string{lw}) }

// cableFolded is the cable's subject and body lower-cased as Go and the
// cableText index lower-case them: Cypher's toLower differs on the two
// letters Go folds into ASCII (U+0130, U+212A), so they are folded first.
const cableFolded = `toLower(replace(replace(c.subject + ' ' + c.body, '\u0130', 'i'), '\u212a', 'k'))`

// discussionColumns are what Discussions reads of an interaction (not
// the persons' names nor the interaction's topics), as flat columns that
// toDiscussionInteraction reads: at "Kosovo"'s size (2,400 rows) a map
// per row shipped its seven key names with every row and cost the server
// a map to decode, most of what it spent on the question.
const discussionColumns = `a.key, b.key, r.kind, r.status, r.cable, r.paragraph, r.evidence, r.date, r.confidence`

// toDiscussionInteraction decodes the discussionColumns of one record.
func toDiscussionInteraction(v []any) graph.Interaction {
	in := graph.Interaction{
		A: str(v[0]), B: str(v[1]), Kind: str(v[2]), Status: str(v[3]), Cable: str(v[4]), Evidence: str(v[6]),
	}
	setInteractionScalars(&in, v[5], v[7], v[8])
	return in
}

// discussionInteractions runs the statement of DiscussionInteractions; f
// is base with the topics, params holds the text pass's parameters.
func (s *Store) discussionInteractions(ctx context.Context, f graph.InteractionFilter, words []string, params map[string]any, q discussionPlan, page *discussionPage) (topical []graph.Interaction, byWord [][]graph.Interaction, err error) {
	base := f
	base.Topics = nil
	params = maps.Clone(params)
	var topicalMatch string
	if q.keys {
		// The endpoints are the interaction's own (see discussionKeys):
		// no need to match them.
		topicalMatch = strings.TrimSuffix(topicKeysMatch(f, params, q.topicq), "\n  MATCH (a:Person)-[r]->(b:Person)")
	} else {
		topicalMatch = interactionsMatchBy(f, params, q.topicq)
	}
	var window []string
	if base.Since != nil {
		window = append(window, "c.created >= $since")
	}
	if base.Until != nil {
		window = append(window, "c.created <= $until")
	}
	cableConds := append([]string{"all(w IN $twords[wi] WHERE toLower(c.subject + ' ' + c.body) CONTAINS w)"}, window...)
	rConds := kindDateConds(base, params)
	// A sentence whose interaction is topical is already in part 0, and
	// the caller keeps one of each: leaving it out of the text parts ships
	// each row once and skips its cable's text (at the release's size
	// every sentence naming "kosovo" is also tagged or topical). An
	// interaction without topics makes topicCond null, hence the coalesce.
	notTopical := "NOT coalesce(" + topicCond + ", false)"
	if q.keys {
		notTopical = "NOT coalesce(" + topicKeysCond + ", false)"
	}
	// U+0130 is the one letter Go lower-cases into ASCII and Java does
	// not: a sentence holding it is kept for the caller's exact test.
	relConds := append(slices.Clone(rConds), "(toLower(r.evidence) CONTAINS $tlw[wi] OR r.evidence CONTAINS '\u0130')", notTopical)
	// The words each path answers, by index into words.
	var byIndex, byCables []any
	for i := range words {
		if ev, _ := params["evqs"].([]any); q.evidence && i < len(ev) && ev[i] != "" {
			byIndex = append(byIndex, int64(i))
		} else {
			byCables = append(byCables, int64(i))
		}
	}
	params["evwi"], params["txwi"] = byIndex, byCables
	// The sentence's cable must be one ListCables(Text: word, window)
	// lists: every field of the word in its folded text, created within
	// the window. The evidence is a sentence of that text, so this only
	// drops what the generic path drops; it reads one cable per hit.
	evCable := append([]string{"all(w IN $cwords[wi] WHERE " + cableFolded + " CONTAINS w)"}, window...)
	evWhere := "\n    WITH r WHERE " + strings.Join(append(slices.Clone(rConds), notTopical), " AND ")
	cypher := `CALL () {
` + topicalMatch + `
  RETURN r, 0 AS part, 0 AS wi
  UNION ALL
  UNWIND $evwi AS wi
  CALL (wi) {` + evidenceHits(q.ownEvidence) + evWhere + `
    WITH r WHERE EXISTS { MATCH (c:Cable {id: r.cable}) WHERE ` + strings.Join(evCable, " AND ") + ` }
    RETURN r
  }
  RETURN r, 1 AS part, wi
  UNION ALL
  UNWIND $txwi AS wi
  CALL (wi) {
    CALL db.index.fulltext.queryNodes('cableText', $textqs[wi]) YIELD node AS c
    WITH c WHERE ` + strings.Join(cableConds, " AND ") + `
    RETURN c.id AS cid
  }
  MATCH (a:Person)-[r:INTERACTED]->(b:Person) USING INDEX r:INTERACTED(cable) WHERE r.cable = cid
  WITH r, wi WHERE ` + strings.Join(relConds, " AND ") + `
  RETURN r, 1 AS part, wi
}
`
	twoStep := page != nil && !page.oneStatement
	switch {
	case twoStep:
		cypher += discussionKeys + discussionCandidates
	case page != nil:
		maps.Copy(params, page.params())
		cypher += discussionReturn(true)
	default:
		cypher += discussionReturn(false)
	}
	if len(words) > 0 || q.topicq != "" {
		// The full-text indexes are eventually consistent: the refresh
		// comes first in the same statement, not as a statement of its
		// own in an explicit transaction (BEGIN, two statements and
		// COMMIT were four round trips per question; this is one).
		cypher = awaitText + "\n" + cypher
	}
	recs, err := s.readOne(ctx, "discussion interactions", cypher, params)
	if err != nil {
		return nil, nil, err
	}
	if twoStep {
		if recs, err = s.discussionPageRows(ctx, recs, page); err != nil {
			return nil, nil, err
		}
	}
	return decodeDiscussionRows(recs, len(words))
}

// decodeDiscussionRows splits the one record of discussionReturn's rows
// into the topical interactions and those of each of nwords words.
func decodeDiscussionRows(recs []*neo4j.Record, nwords int) (topical []graph.Interaction, byWord [][]graph.Interaction, err error) {
	topical = []graph.Interaction{}
	byWord = make([][]graph.Interaction, nwords)
	if len(recs) != 1 || len(recs[0].Values) != 1 {
		return nil, nil, fmt.Errorf("discussion interactions: %d records, want one list", len(recs))
	}
	rows, _ := recs[0].Values[0].([]any)
	for _, row := range rows {
		v, _ := row.([]any)
		if len(v) != 11 {
			return nil, nil, fmt.Errorf("discussion interactions: a row of %d values, want 11", len(v))
		}
		in := toDiscussionInteraction(v)
		part, _ := v[9].(int64)
		wi, _ := v[10].(int64)
		switch {
		case part == 0:
			topical = append(topical, in)
		case wi >= 0 && int(wi) < len(byWord):
			byWord[wi] = append(byWord[wi], in)
		default:
			return nil, nil, fmt.Errorf("discussion interactions: row for word %d of %d", wi, len(byWord))
		}
	}
	return topical, byWord, nil
}

// errPageMoved says that an interaction the first statement of a paged
// discussions read picked was gone, or linked other persons, when the
// second read it: a write came between them.
var errPageMoved = errors.New("discussion page: an interaction changed between the two statements")

// discussionCandidates ends the first statement of a paged discussions
// read: over discussionKeys' rows, what the ranking needs of each (the
// relationship's element id, the pair's keys, kind, confidence, part and
// word) as one list, for discussionPageRows to rank in Go. The ranking
// in Cypher (discussionReturn's paged tail) cost the database ~15 ms of
// CPU for "Kosovo"'s 2,423 rows and 1,286 pairs at the release's size,
// about half of the whole statement; Go ranks them in well under one.
const discussionCandidates = discussionPairRows + `RETURN collect([elementId(r), ak, bk, r.kind, r.confidence, part, wi]) AS rows`

// discussionPageRows ranks the pairs of the candidate rows recs (the one
// record of discussionCandidates) as discussionReturn's paged tail ranks
// them, and reads the rows of the pairs that can be on the page by their
// element ids, in discussionReturn's order and columns. A read-only
// second statement: the rows of the page are ~280 of "Kosovo"'s 2,423.
// errPageMoved when a row is gone or no longer links the pair it did.
func (s *Store) discussionPageRows(ctx context.Context, recs []*neo4j.Record, page *discussionPage) ([]*neo4j.Record, error) {
	if len(recs) != 1 || len(recs[0].Values) != 1 {
		return nil, fmt.Errorf("discussion candidates: %d records, want one list", len(recs))
	}
	rows, _ := recs[0].Values[0].([]any)
	picks, err := pickDiscussionPage(rows, page)
	if err != nil {
		return nil, err
	}
	out, err := s.readOne(ctx, "discussion page", discussionPageRead, map[string]any{"picks": picks})
	if err != nil {
		return nil, err
	}
	if len(out) != 1 || len(out[0].Values) != 1 {
		return nil, fmt.Errorf("discussion page: %d records, want one list", len(out))
	}
	if got, _ := out[0].Values[0].([]any); len(got) != len(picks) {
		return nil, fmt.Errorf("%w: %d of %d rows read", errPageMoved, len(got), len(picks))
	}
	return out, nil
}

// discussionPageRead reads the picked rows ([element id, part, wi, ak,
// bk] each) with discussionReturn's tail; a row whose relationship is
// gone, or now links another pair, is left out (see errPageMoved).
const discussionPageRead = `UNWIND $picks AS x
MATCH ()-[r:INTERACTED]->() WHERE elementId(r) = x[0]
WITH r, x[1] AS part, x[2] AS wi, x[3] AS ak, x[4] AS bk, ` + discussionKs + ` AS ks
WHERE ks[0] = ak AND ks[1] = bk
` + discussionTail

// pickDiscussionPage ranks the candidate rows' pairs as discussionReturn's
// paged tail does: a pair's lower bound weighs its topical rows (part 0),
// its upper bound all its rows, each by page.weights[kind] (else
// page.other) times the confidence clamped to (0, 1] (else 1); the pairs
// whose upper bound reaches the first-th highest lower bound, less a
// billionth, keep their rows. It returns those rows as discussionPageRead's
// picks, in the candidates' order.
func pickDiscussionPage(rows []any, page *discussionPage) ([]any, error) {
	type bounds struct{ lo, hi float64 }
	type cand struct {
		v    []any
		pair [2]string
	}
	cands := make([]cand, 0, len(rows))
	pairs := map[[2]string]*bounds{}
	for _, row := range rows {
		v, _ := row.([]any)
		if len(v) != 7 {
			return nil, fmt.Errorf("discussion candidates: a row of %d values, want 7", len(v))
		}
		ak, bk := str(v[1]), str(v[2])
		if bk < ak {
			ak, bk = bk, ak
		}
		key := [2]string{ak, bk}
		kind, isStr := v[3].(string)
		w, known := page.weights[kind]
		if !isStr || !known {
			w = page.other
		}
		if c, isFloat := v[4].(float64); isFloat && c > 0 && c <= 1 {
			w *= c
		}
		b := pairs[key]
		if b == nil {
			b = &bounds{}
			pairs[key] = b
		}
		if part, _ := v[5].(int64); part == 0 {
			b.lo += w
		}
		b.hi += w
		cands = append(cands, cand{v: v, pair: key})
	}
	threshold := math.Inf(-1)
	if page.first <= len(pairs) {
		los := make([]float64, 0, len(pairs))
		for _, b := range pairs {
			los = append(los, b.lo)
		}
		slices.SortFunc(los, func(a, b float64) int { return cmp.Compare(b, a) })
		lo := los[page.first-1]
		threshold = lo - (math.Abs(lo)+1)*1e-9
	}
	picks := make([]any, 0, len(cands))
	for _, c := range cands {
		if pairs[c.pair].hi >= threshold {
			picks = append(picks, []any{c.v[0], c.v[5], c.v[6], c.v[1], c.v[2]})
		}
	}
	return picks, nil
}

// discussionKeys starts the end of the discussions statement: over the
// rows r, part, wi, the keys ak and bk of r's start and end persons. An
// INTERACTED links two persons (the writes and the import create it
// between Person nodes only), so its endpoints need no label test; a
// non-co-mention carries them joined by pairSep as r.pair (exact from
// its CREATE, see partners_aggregate.go), one property read instead of
// two nodes' (at "Kosovo"'s size 2,400 rows: a quarter of the
// statement's db hits with the label tests).
const discussionKeys = `WITH r, part, wi, ` + discussionKs + ` AS ks
WITH r, part, wi, ks[0] AS ak, ks[1] AS bk
`

// discussionKs is the list of r's start and end keys (see discussionKeys).
const discussionKs = `CASE WHEN r.` + pairProp + ` IS NULL THEN [startNode(r).key, endNode(r).key] ELSE split(r.` + pairProp + `, '\u001f') END`

// discussionColumnsByKeys and discussionOrderByKeys are discussionColumns
// and interactionOrder over discussionKeys' ak and bk (a test holds them
// to those).
const (
	discussionColumnsByKeys = `ak, bk, r.kind, r.status, r.cable, r.paragraph, r.evidence, r.date, r.confidence`
	discussionOrderByKeys   = `r.date IS NULL, r.date, r.cable, r.paragraph, ak, bk, r.kind, r.evidence`
)

// discussionTail sorts the rows ak, bk, r, part, wi and returns their
// discussionColumnsByKeys, part and wi as one list. One record holding
// every row as a list: the driver reads each record as a message of its
// own, racing the context for each, which was half of what the server
// spent on a question (280 rows at "Kosovo"'s size); collect keeps the
// order of the sorted rows.
const discussionTail = `WITH ak, bk, r, part, wi ORDER BY part, wi, ` + discussionOrderByKeys + `
RETURN collect([` + discussionColumnsByKeys + `, part, wi]) AS rows`

// discussionReturn is the end of the discussions statement, over the
// rows r, part, wi: every row, or with paged only the rows of pairs
// that can be among the first $pageFirst discussions (see
// DiscussionPageInteractions). A pair's lower bound weighs its topical
// rows (part 0, all of which the caller keeps), its upper bound all its
// rows (the caller may drop text rows); the caller's exact score lies
// between them, so a pair whose upper bound is below the $pageFirst-th
// highest lower bound cannot be on the page. The threshold gives way by
// a billionth, more than the rounding of a different order of additions,
// so that no tie is lost. The weights are the caller's: $weights[kind],
// else $otherWeight, times the confidence clamped as it clamps it.
func discussionReturn(paged bool) string {
	if !paged {
		return discussionKeys + discussionTail
	}
	// Each row is carried as a list [r, part, wi, ak, bk]: no map per row
	// or per pair; the pairs come ranked by lo from the grouping, so the
	// threshold needs no sort of its own.
	return discussionKeys + discussionPairRows + `WITH r, part, wi, ak, bk,
  coalesce($weights[r.kind], $otherWeight) *
  CASE WHEN r.confidence IS :: FLOAT AND r.confidence > 0 AND r.confidence <= 1 THEN r.confidence ELSE 1.0 END AS w
WITH CASE WHEN ak < bk THEN [ak, bk] ELSE [bk, ak] END AS pair,
  collect([r, part, wi, ak, bk]) AS rows,
  sum(CASE WHEN part = 0 THEN w ELSE 0.0 END) AS lo, sum(w) AS hi
ORDER BY lo DESC
WITH collect(rows) AS rowss, collect(hi) AS his, collect(lo) AS los
WITH rowss, his, CASE WHEN size(los) >= $pageFirst THEN los[$pageFirst - 1] - (abs(los[$pageFirst - 1]) + 1.0) * 1e-9 END AS threshold
UNWIND range(0, size(his) - 1) AS i
WITH rowss[i] AS rows, his[i] AS hi, threshold WHERE threshold IS NULL OR hi >= threshold
UNWIND rows AS x
WITH x[0] AS r, x[1] AS part, x[2] AS wi, x[3] AS ak, x[4] AS bk
` + discussionTail
}

// discussionPairRows keeps, of discussionKeys' rows, those linking two
// distinct persons: the rows a page's ranking weighs, in Cypher
// (discussionReturn) or in Go (discussionCandidates).
const discussionPairRows = `WHERE ak <> bk AND ak <> '' AND bk <> ''
`

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
