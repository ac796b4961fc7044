package memstore

import (
	"slices"
	"strings"
	"time"
	"unique"

	"github.com/cablegraph/cablegraph/graph"
)

// The cable document is kept decoded, as a *graph.Cable whose body and
// paragraph texts are not held twice: paragraph texts are slices of the
// body when they occur in it (they do for every parser format), so a
// document costs little beyond its body. Reader.Cables returns deep
// copies (cloneCable), so callers may mutate what they get. Earlier
// versions stored deflated JSON; decoding it was 57% of a GraphQL page.

// paraSpan locates a paragraph's text inside the body; off < 0 means the
// text is not in the body and kept in the skeleton's Paragraph.Text. nl
// means the text has a space where the body breaks the line, as parsers
// give paragraphs of line-broken bodies (the release's cables.csv): 98% of
// those paragraphs, which were stored twice.
type paraSpan struct {
	off, n int32
	nl     bool
}

// text returns the paragraph's text from the body.
func (sp paraSpan) text(body string) string {
	t := body[sp.off : sp.off+sp.n]
	if sp.nl {
		t = strings.ReplaceAll(t, "\n", " ")
	}
	return t
}

// in interns a string that repeats across cables (codes, names, keys):
// one copy per distinct value however many cables hold it.
func in(s string) string {
	if s == "" {
		return ""
	}
	return unique.Make(s).Value()
}

// own copies a string that is unique to the cable, so that the store never
// pins a larger buffer (a raw HTML page) the parser sliced it from.
func own(s string) string { return strings.Clone(s) }

// skeleton returns the stored form of a normalised cable: strings interned
// or copied, paragraph texts replaced by spans of the body.
func skeleton(n *graph.Cable) (*graph.Cable, []paraSpan) {
	c := cloneWith(n, in, own)
	c.Body = own(n.Body)
	var spans []paraSpan
	if len(c.Paragraphs) > 0 {
		spans = make([]paraSpan, len(c.Paragraphs))
		from := 0
		flat := "" // the body with line breaks as spaces, same offsets
		find := func(body, t string) int {
			if k := strings.Index(body[from:], t); k >= 0 {
				return k + from
			}
			return strings.Index(body, t)
		}
		for i := range c.Paragraphs {
			t := n.Paragraphs[i].Text
			k, nl := -1, false
			if t != "" && len(c.Body) < 1<<31 {
				if k = find(c.Body, t); k < 0 && strings.Contains(c.Body, "\n") && !strings.Contains(t, "\n") {
					if flat == "" {
						flat = strings.ReplaceAll(c.Body, "\n", " ")
					}
					k = find(flat, t)
					nl = k >= 0
				}
			}
			if k < 0 {
				spans[i] = paraSpan{off: -1}
				c.Paragraphs[i].Text = own(t)
				continue
			}
			spans[i] = paraSpan{off: int32(k), n: int32(len(t)), nl: nl}
			c.Paragraphs[i].Text = ""
			from = k + len(t)
		}
	}
	shareEvidence(c, n)
	return c, spans
}

// shareEvidence makes interactions that quote the same sentence share one
// string, a slice of the body when the sentence is in it. A paragraph
// naming k persons gives up to k*(k-1)/2 interactions with the same
// evidence; copied each time, evidence took more memory than the bodies.
func shareEvidence(c, n *graph.Cable) {
	if len(c.Interactions) == 0 {
		return
	}
	seen := make(map[string]string, len(c.Interactions))
	for i := range c.Interactions {
		e := n.Interactions[i].Evidence
		if e == "" {
			continue
		}
		v, ok := seen[e]
		if !ok {
			v = c.Interactions[i].Evidence
			if k := strings.Index(c.Body, e); k >= 0 {
				v = c.Body[k : k+len(e)]
			}
			seen[e] = v
		}
		c.Interactions[i].Evidence = v
	}
}

// document rebuilds the written cable from its skeleton: a deep copy the
// caller owns.
func document(skel *graph.Cable, spans []paraSpan) *graph.Cable {
	c := cloneCable(skel)
	for i, sp := range spans {
		if sp.off >= 0 {
			c.Paragraphs[i].Text = sp.text(skel.Body)
		}
	}
	return c
}

func same(s string) string { return s }

// cloneCable deep-copies every slice and pointer of c; strings are
// immutable and shared.
func cloneCable(c *graph.Cable) *graph.Cable { return cloneWith(c, same, same) }

// cloneWith deep-copies c, passing repeated strings through rep and
// cable-specific ones through uniq. A test checks it covers every field.
func cloneWith(c *graph.Cable, rep, uniq func(string) string) *graph.Cable {
	reps := func(xs []string) []string {
		if xs == nil {
			return nil
		}
		out := make([]string, len(xs))
		for i, x := range xs {
			out[i] = rep(x)
		}
		return out
	}
	n := &graph.Cable{
		ID: uniq(c.ID), Created: cloneTime(c.Created), Released: cloneTime(c.Released),
		Classification: rep(c.Classification), Caveats: reps(c.Caveats), Origin: rep(c.Origin),
		DTG: uniq(c.DTG), Precedence: rep(c.Precedence), From: rep(c.From), To: reps(c.To), Info: reps(c.Info), Addressees: reps(c.Addressees),
		Subject: uniq(c.Subject), Tags: reps(c.Tags), Declassify: rep(c.Declassify), Signature: rep(c.Signature),
		Summary: uniq(c.Summary), Body: c.Body,
		Source: graph.Source{Path: uniq(c.Source.Path), Format: rep(c.Source.Format), Record: c.Source.Record},
	}
	if c.References != nil {
		n.References = make([]graph.Ref, len(c.References))
		for i, r := range c.References {
			n.References[i] = graph.Ref{Raw: rep(r.Raw), ID: rep(r.ID), Kind: rep(r.Kind), Letter: rep(r.Letter)}
		}
	}
	if c.ClassifiedBy != nil {
		n.ClassifiedBy = &graph.Classifier{Name: rep(c.ClassifiedBy.Name), Title: rep(c.ClassifiedBy.Title), Reasons: reps(c.ClassifiedBy.Reasons)}
	}
	if c.Paragraphs != nil {
		n.Paragraphs = make([]graph.Paragraph, len(c.Paragraphs))
		for i, p := range c.Paragraphs {
			n.Paragraphs[i] = graph.Paragraph{Number: p.Number, Marking: rep(p.Marking), Text: p.Text}
		}
	}
	if c.TagInfo != nil {
		n.TagInfo = make([]graph.Tag, len(c.TagInfo))
		for i, t := range c.TagInfo {
			n.TagInfo[i] = graph.Tag{Code: rep(t.Code), Meaning: rep(t.Meaning), Kind: rep(t.Kind), Cables: t.Cables}
		}
	}
	if c.Persons != nil {
		n.Persons = make([]graph.PersonMention, len(c.Persons))
		for i, p := range c.Persons {
			n.Persons[i] = graph.PersonMention{
				Key: rep(p.Key), Name: rep(p.Name), Surname: rep(p.Surname), Aliases: reps(p.Aliases), Roles: reps(p.Roles),
				Country: rep(p.Country), How: reps(p.How), Count: p.Count, Paragraphs: slices.Clone(p.Paragraphs),
			}
		}
	}
	if c.Countries != nil {
		n.Countries = make([]graph.CountryMention, len(c.Countries))
		for i, x := range c.Countries {
			n.Countries[i] = graph.CountryMention{Code: rep(x.Code), Name: rep(x.Name), Count: x.Count, Origin: x.Origin}
		}
	}
	if c.Organizations != nil {
		n.Organizations = make([]graph.OrgMention, len(c.Organizations))
		for i, o := range c.Organizations {
			n.Organizations[i] = graph.OrgMention{Key: rep(o.Key), Name: rep(o.Name), Kind: rep(o.Kind), Count: o.Count}
		}
	}
	if c.Interactions != nil {
		n.Interactions = make([]graph.Interaction, len(c.Interactions))
		for i, x := range c.Interactions {
			n.Interactions[i] = graph.Interaction{
				A: rep(x.A), B: rep(x.B), AName: rep(x.AName), BName: rep(x.BName), Kind: rep(x.Kind), Status: rep(x.Status),
				Cable: rep(x.Cable), Paragraph: x.Paragraph, Evidence: uniq(x.Evidence), Topics: reps(x.Topics),
				Date: cloneTime(x.Date), Confidence: x.Confidence,
			}
		}
	}
	return n
}

func cloneTime(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := *t
	return &u
}
