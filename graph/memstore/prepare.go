package memstore

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
)

// prepare turns a written cable into a record without touching the store,
// so that the expensive part of a write (JSON, tokenising) runs outside
// the lock and a bad cable fails the call before anything changed.
func prepare(c *graph.Cable, hash string) (*cableRec, error) {
	if c == nil {
		return nil, fmt.Errorf("nil cable: %w", graph.ErrInvalid)
	}
	if strings.TrimSpace(c.ID) == "" {
		return nil, fmt.Errorf("cable with empty id (source %q): %w", c.Source.Path, graph.ErrInvalid)
	}
	n := *c
	n.Created = normTime(c.Created)
	n.Released = normTime(c.Released)
	if c.Interactions != nil {
		n.Interactions = make([]graph.Interaction, len(c.Interactions))
		for i, in := range c.Interactions {
			in.Date = normTime(in.Date)
			n.Interactions[i] = in
		}
	}
	doc, spans := skeleton(&n)
	return build(doc, spans, hash, nil), nil
}

// build makes the record of a cable from its stored form (skeleton and
// paragraph spans, see docs.go): from a write through prepare, or from a
// snapshot, which holds the stored form itself. share, when not nil, gives
// a list equal to its argument that may be shared with other cables (a
// restore's interner, snapshot_shared.go); the lists are read-only.
func build(doc *graph.Cable, spans []paraSpan, hash string, share func([]string) []string) *cableRec {
	n := *doc // the records below share its strings
	r := &cableRec{
		id:             n.ID,
		created:        n.Created,
		classification: n.Classification,
		origin:         n.Origin,
		subject:        n.Subject,
		body:           n.Body,
		hash:           hash,
		doc:            doc,
		spans:          spans,
		concerns:       map[string]int{},
		countryNames:   map[string]string{},
		persons:        map[string]*graph.PersonMention{},
		orgs:           map[string]graph.OrgMention{},
	}
	for i, t := range n.Tags {
		if t == "" || slices.Contains(r.tags, t) {
			continue
		}
		info := graph.Tag{Kind: graph.TagUnknown}
		if i < len(n.TagInfo) {
			info.Meaning, info.Kind = n.TagInfo[i].Meaning, n.TagInfo[i].Kind
		}
		r.tags = append(r.tags, t)
		r.tagInfo = append(r.tagInfo, info)
	}
	for _, cm := range n.Countries {
		if cm.Code == "" {
			continue
		}
		r.concerns[cm.Code] += cm.Count
		r.countryNames[cm.Code] = graph.PickLongest(r.countryNames[cm.Code], cm.Name)
		if cm.Origin && r.originCountry == "" {
			r.originCountry = cm.Code
		}
	}
	for i, pm := range doc.Persons {
		if pm.Key == "" {
			continue
		}
		if old, ok := r.persons[pm.Key]; ok {
			m := *old // never merge into the document's own mention
			graph.MergeMention(&m, pm)
			r.persons[pm.Key] = &m
			continue
		}
		r.persons[pm.Key] = &doc.Persons[i] // shared with the document, read-only
	}
	for _, ref := range n.References {
		if ref.Kind != graph.RefCable || ref.ID == "" || ref.ID == n.ID {
			continue
		}
		if !slices.ContainsFunc(r.cites, func(x citeRec) bool { return x.id == ref.ID && x.letter == ref.Letter }) {
			r.cites = append(r.cites, citeRec{id: ref.ID, letter: ref.Letter, raw: ref.Raw})
		}
	}
	for _, om := range n.Organizations {
		if om.Key == "" {
			continue
		}
		if old, ok := r.orgs[om.Key]; ok {
			old.Count += om.Count
			old.Name, old.Kind = graph.PickPair(old.Name, old.Kind, om.Name, om.Kind)
			r.orgs[om.Key] = old
			continue
		}
		r.orgs[om.Key] = om
	}
	type identity struct {
		a, b, kind, evidence string
		paragraph            int
	}
	seen := map[identity]bool{}
	for _, in := range n.Interactions {
		if r.persons[in.A] == nil || r.persons[in.B] == nil {
			continue // kept in the doc, but no Person node at the other end
		}
		id := identity{in.A, in.B, in.Kind, in.Evidence, in.Paragraph}
		if seen[id] {
			continue
		}
		seen[id] = true
		in.Cable = n.ID // in.Topics is the document's, read-only like it
		ir := &interRec{in: in, cable: r}
		for _, t := range in.Topics {
			lt := strings.ToLower(t)
			if lt != "" && !slices.Contains(ir.topics, lt) {
				ir.topics = append(ir.topics, lt)
			}
		}
		if share != nil && len(ir.topics) > 0 && len(ir.topics) <= maxSharedList {
			ir.topics = share(ir.topics)
		}
		r.interactions = append(r.interactions, ir)
	}
	return r
}
