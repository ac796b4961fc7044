package parse

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
)

// ParseRecord parses one record into a cable (pure, safe for concurrent
// use). It returns a *Failure when the record is not a cable: no id can be
// established, or there is no text at all.
func ParseRecord(rec Record) (c *graph.Cable, err error) {
	defer func() {
		// A parser bug must cost one record, not the whole load.
		if p := recover(); p != nil {
			c, err = nil, failf(rec, "internal parser error: %v", p)
		}
	}()
	var r raw
	switch rec.Format {
	case graph.FormatCSV:
		if len(rec.Fields) != csvColumns {
			return nil, failf(rec, "csv record has %d columns, want %d", len(rec.Fields), csvColumns)
		}
		f := make([]string, len(rec.Fields))
		for i, v := range rec.Fields {
			f[i] = text([]byte(v))
		}
		r = fromCSV(f)
	case graph.FormatHTML:
		r = fromHTML(text(rec.Data))
	case graph.FormatBody:
		r = fromBody(rec.Path, text(rec.Data))
	case graph.FormatPage:
		r = fromPage(text(rec.Data))
	case graph.FormatTelegram:
		r = splitTelegram(text(rec.Data))
	default:
		return nil, failf(rec, "unknown format %q", rec.Format)
	}
	if len(rec.Data) > 0 && !isText(rec.Data[:min(len(rec.Data), 4096)]) {
		return nil, failf(rec, "binary data, not a cable")
	}
	c = build(r)
	empty := !r.wrapper && c.Body == "" && c.Subject == "" && len(c.Paragraphs) == 0 && len(c.Tags) == 0 && c.Created == nil
	c.Source = graph.Source{Path: rec.Path, Format: rec.Format, Record: rec.Index}
	if c.ID == "" {
		return nil, failf(rec, "no cable id found (no metadata, file name or banner gives one)")
	}
	if empty {
		return nil, failf(rec, "cable %s has no text", c.ID)
	}
	return c, nil
}

var classInBody = regexp.MustCompile(`(?i)\bCLASSIFIED\s+BY\b\s*:?`)

// build turns what a format reader found into a cable.
func build(r raw) *graph.Cable {
	c := &graph.Cable{}
	c.ID = CanonicalID(r.id)
	c.Created = parseMetaDate(r.created)
	c.Released = parseMetaDate(r.released)
	c.Origin = strings.TrimSpace(r.origin)

	rt := parseRouting(r.routing)
	c.DTG, c.Precedence, c.From, c.To, c.Info = rt.dtg, rt.precedence, rt.from, rt.to, rt.info

	body := cleanText(r.body)
	lines := strings.Split(body, "\n")
	if c.DTG == "" && len(r.routing) == 0 {
		for _, l := range lines[:min(len(lines), 60)] {
			if m := findDTGLine(l); m != nil && strings.TrimSpace(dtgLine.ReplaceAllString(l, "")) == "" {
				c.DTG = strings.Join(strings.Fields(m[2]), " ")
				c.Precedence = precedences[m[1]]
				break
			}
		}
	}
	if c.Created == nil && c.DTG != "" {
		if m := dtgPattern.FindStringSubmatch(c.DTG); m != nil {
			c.Created = dtgTime(m)
		}
	}
	if c.Created == nil && r.dateLine != "" {
		c.Created = parseMetaDate(r.dateLine)
	}
	year := idYear(c.ID)
	if year == "" && c.Created != nil {
		year = fmt.Sprintf("%02d", c.Created.Year()%100)
	}

	h := parseHeader(lines, c.ID, year)
	if c.ID == "" {
		c.ID = canonicalFromBanner(h.banner, year)
		if c.ID != "" {
			// self-references could not be recognised without the id
			h = parseHeader(strings.Split(body, "\n"), c.ID, year)
		}
	}
	level, noforn, fouo := normClassification(r.classification)
	if level == "" {
		level, noforn, fouo = normClassification(h.banner)
	} else if !noforn && strings.Contains(h.banner, "NOFORN") && level != graph.Unclassified {
		noforn = true
	}
	c.Classification = classificationOf(level, noforn, fouo)
	c.Caveats = h.caveats
	if noforn {
		c.Caveats = appendUnique(c.Caveats, "NOFORN")
	}
	c.Subject = h.subject
	c.Addressees = h.addressees
	if c.Subject == "" {
		c.Subject = strings.Join(strings.Fields(r.title), " ")
	}
	c.Tags = h.tags
	if c.Tags == nil && r.tags != "" {
		c.Tags = parseTags(r.tags)
	}
	c.References = h.refs
	for _, p := range strings.Split(r.refs, "|") {
		if id := CanonicalID(p); id != "" && id != c.ID {
			c.References = mergeRefs(c.References, graph.Ref{Raw: strings.TrimSpace(p), ID: id, Kind: graph.RefCable})
		}
	}
	c.ClassifiedBy = h.classifier
	if c.ClassifiedBy == nil {
		// Some cables put the line inside paragraph 1: "1. (U) CLASSIFIED BY DCM ...".
		rest := strings.Join(h.lines[min(h.bodyStart, len(h.lines)):min(h.bodyStart+15, len(h.lines))], "\n")
		if loc := findClassInBody(rest); loc != nil {
			t := rest[loc[1]:]
			if i := strings.Index(t, "\n\n"); i >= 0 {
				t = t[:i]
			}
			c.ClassifiedBy = parseClassifier(t[:min(len(t), 300)])
		}
	}
	c.Declassify = h.declassify
	if c.Origin == "" && c.From != "" {
		c.Origin = originOf(c.From)
	}

	start := h.bodyStart
	if start > len(h.lines) {
		start = len(h.lines)
	}
	b := parseBodyLines(h.lines[start:])
	c.Paragraphs, c.Summary, c.Signature, c.Body = b.paragraphs, b.summary, b.signature, b.body
	return c
}
