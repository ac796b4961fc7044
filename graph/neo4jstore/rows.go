package neo4jstore

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/cablegraph/cablegraph/graph"
)

// batchRows is one WriteCables call turned into UNWIND parameter rows:
// the cables, then their relationships. Building it is pure, so it is tested
// without a database.
type batchRows struct {
	ids []string // cables written, distinct, in input order

	cables []any // Cable node properties

	tagged, originated, concerns, cites, mentioned, signed, classified, mentionsOrg, interacted []any // relationships

	refIDs    []string // reference ids written
	personKey []string // person keys mentioned by the written cables
}

// utc normalises a time as stored: UTC, truncated to the second.
func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC().Truncate(time.Second)
	return &u
}

// timeParam turns an optional time into a driver parameter (nil stays a
// Cypher null, never a typed nil pointer).
func timeParam(t *time.Time) any {
	if t == nil {
		return nil
	}
	return *t
}

// normalise returns a copy of c with every time in UTC truncated to the
// second, as stored, so that Cables returns what the reads compare.
func normalise(c *graph.Cable) *graph.Cable {
	n := *c
	n.Created = utc(c.Created)
	n.Released = utc(c.Released)
	if c.Interactions != nil {
		n.Interactions = slices.Clone(c.Interactions)
		for i := range n.Interactions {
			n.Interactions[i].Date = utc(n.Interactions[i].Date)
		}
	}
	return &n
}

func strs(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// nilOrStrs keeps a nil list nil (an absent property), so that a read
// gives back nil or empty exactly as written.
func nilOrStrs(s []string) any {
	if s == nil {
		return nil
	}
	return strs(s)
}

func ints(s []int) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = int64(v)
	}
	return out
}

// buildRows validates the batch and turns it into parameter rows. A cable
// given twice keeps its last version, as if written in two calls.
func buildRows(cables []*graph.Cable, hashes []string) (*batchRows, error) {
	if len(cables) != len(hashes) {
		return nil, fmt.Errorf("write cables: %d cables but %d hashes: %w", len(cables), len(hashes), graph.ErrInvalid)
	}
	last := make(map[string]int, len(cables))
	for i, c := range cables {
		if c == nil || c.ID == "" {
			return nil, fmt.Errorf("write cables: cable %d has no id: %w", i, graph.ErrInvalid)
		}
		last[c.ID] = i
	}
	b := &batchRows{}
	refs := map[string]bool{}
	persons := map[string]bool{}
	for i, raw := range cables {
		if last[raw.ID] != i {
			continue
		}
		c := normalise(raw)
		// The body is stored once, as c.body (the full-text index needs
		// it there); the document leaves it out and Cables puts it back.
		noBody := *c
		noBody.Body = ""
		doc, err := json.Marshal(&noBody)
		if err != nil {
			return nil, fmt.Errorf("write cables: encode %s: %w", c.ID, err)
		}
		b.ids = append(b.ids, c.ID)
		b.cables = append(b.cables, map[string]any{
			"id": c.ID, "created": timeParam(c.Created), "released": timeParam(c.Released),
			"classification": c.Classification, "origin": c.Origin, "originLower": strings.ToLower(c.Origin), "subject": c.Subject,
			"body": c.Body, "hash": hashes[i], "doc": string(doc),
		})
		cableRow := b.cables[len(b.cables)-1].(map[string]any)

		seenTag := map[string]bool{}
		tagList := []any{}
		for j, code := range c.Tags {
			if code == "" || seenTag[code] {
				continue
			}
			seenTag[code] = true
			tagList = append(tagList, code)
			meaning, kind := "", graph.TagUnknown
			if j < len(c.TagInfo) {
				meaning, kind = c.TagInfo[j].Meaning, c.TagInfo[j].Kind
			}
			b.tagged = append(b.tagged, map[string]any{"cable": c.ID, "code": code, "meaning": meaning, "kind": kind})
		}

		cableRow["tags"] = tagList // distinct, what the Tags filter matches

		concern := map[string]map[string]any{}
		origin := ""
		for _, m := range c.Countries {
			if m.Code == "" {
				continue
			}
			if r, ok := concern[m.Code]; ok {
				r["count"] = r["count"].(int64) + int64(m.Count)
				if r["name"] == "" {
					r["name"] = m.Name
				}
			} else {
				r := map[string]any{"cable": c.ID, "code": m.Code, "count": int64(m.Count), "name": m.Name}
				concern[m.Code] = r
				b.concerns = append(b.concerns, r)
			}
			if m.Origin && origin == "" {
				origin = m.Code
				b.originated = append(b.originated, map[string]any{"cable": c.ID, "code": m.Code})
			}
		}

		seenRef := map[[2]string]bool{}
		for _, r := range c.References {
			if r.Kind != graph.RefCable || r.ID == "" || r.ID == c.ID || seenRef[[2]string{r.ID, r.Letter}] {
				continue
			}
			seenRef[[2]string{r.ID, r.Letter}] = true
			if !refs[r.ID] {
				refs[r.ID] = true
				b.refIDs = append(b.refIDs, r.ID)
			}
			b.cites = append(b.cites, map[string]any{"cable": c.ID, "id": r.ID, "letter": r.Letter, "raw": r.Raw})
		}

		merged := map[string]*graph.PersonMention{}
		var order []string
		for _, p := range c.Persons {
			if p.Key == "" {
				continue
			}
			if old, ok := merged[p.Key]; ok {
				graph.MergeMention(old, p)
				continue
			}
			m := p
			merged[p.Key] = &m
			order = append(order, p.Key)
		}
		for _, k := range order {
			p := merged[k]
			if !persons[k] {
				persons[k] = true
				b.personKey = append(b.personKey, k)
			}
			b.mentioned = append(b.mentioned, map[string]any{
				"cable": c.ID, "key": k, "count": int64(p.Count), "paragraphs": ints(p.Paragraphs),
				"name": p.Name, "surname": p.Surname, "aliases": strs(p.Aliases), "roles": strs(p.Roles),
				"country": p.Country, "how": strs(p.How),
			})
			if slices.Contains(p.How, "classifiedBy") {
				b.classified = append(b.classified, map[string]any{"cable": c.ID, "key": k})
			}
			if slices.Contains(p.How, "signature") {
				b.signed = append(b.signed, map[string]any{"cable": c.ID, "key": k})
			}
		}

		orgRows := map[string]map[string]any{}
		for _, o := range c.Organizations {
			if o.Key == "" {
				continue
			}
			if r, ok := orgRows[o.Key]; ok {
				r["count"] = r["count"].(int64) + int64(o.Count)
				r["name"], r["kind"] = graph.PickPair(r["name"].(string), r["kind"].(string), o.Name, o.Kind)
				continue
			}
			r := map[string]any{"cable": c.ID, "key": o.Key, "count": int64(o.Count), "name": o.Name, "kind": o.Kind}
			orgRows[o.Key] = r
			b.mentionsOrg = append(b.mentionsOrg, r)
		}

		type identity struct {
			a, b, kind, evidence string
			paragraph            int
		}
		seenIn := map[identity]bool{}
		for _, in := range c.Interactions {
			if merged[in.A] == nil || merged[in.B] == nil {
				continue // e.g. "post:..." counterparts: kept in the doc only
			}
			id := identity{in.A, in.B, in.Kind, in.Evidence, in.Paragraph}
			if seenIn[id] {
				continue
			}
			seenIn[id] = true
			b.interacted = append(b.interacted, map[string]any{
				"a": in.A, "b": in.B, "kind": in.Kind,
				"status": in.Status, "cable": c.ID, "paragraph": int64(in.Paragraph),
				"evidence": in.Evidence, "topics": nilOrStrs(in.Topics),
				"date": timeParam(in.Date), "confidence": in.Confidence,
				topicKeysProp: topicKeys(in.Kind, in.Topics, c.Tags),
				pairProp:      pairKey(in.Kind, in.A, in.B),
			})
		}
	}
	return b, nil
}
