package parse

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"
)

// raw is what a format-specific reader hands to the common telegram
// parser: metadata as found (empty when the format has none), routing
// lines and the body text.
type raw struct {
	id, created, released, classification, origin, title, tags, refs string
	dateLine                                                         string
	routing                                                          []string
	body                                                             string
	// wrapper is set when the input is recognisably a cablegate page part
	// for a known id even if it holds no text (some body files are only the
	// "Appears in these articles:" line): the cable exists, its text is absent.
	wrapper bool
}

var (
	viewingH3   = regexp.MustCompile(`(?is)<h3>\s*Viewing cable\s+([^,<]+),\s*(.*?)</h3>`)
	titleFields = regexp.MustCompile(`(?i)\b(?:REF(?:S|TEL)?:|"?Classified By:)`)
	partialNote = regexp.MustCompile(`(?i)this record is a partial extract`)
	cableDated  = regexp.MustCompile(`Cable dated:\s*(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}):\d{2}`)
)

// text decodes bytes as UTF-8, replacing invalid sequences (some cables
// are Latin-1 or carry binary noise) and normalising line ends.
func text(b []byte) string {
	if !utf8.Valid(b) {
		b = bytes.ToValidUTF8(b, []byte("\uFFFD"))
	}
	s := string(b)
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return s
}

// htmlText strips tags and decodes entities ("&#x000A;" is the newline of
// cablegate pages).
func htmlText(s string) string {
	return stripTags(s)
}

// fromHTML reads a cablegate HTML page or fragment.
func fromHTML(s string) raw {
	var r raw
	if i := strings.Index(s, "<h3>"); i >= 0 {
		s := s[i:min(len(s), i+2000)]
		if m := viewingH3.FindStringSubmatch(s); m != nil {
			r.id = strings.TrimSpace(htmlText(m[1]))
			r.title = strings.TrimSpace(htmlText(m[2]))
		}
	}
	if m := []string(nil); m != nil {
		r.id = strings.TrimSpace(htmlText(m[1]))
		r.title = strings.TrimSpace(htmlText(m[2]))
	}
	if i := strings.Index(s, "<table class="); i >= 0 {
		t := []string{"", s[i:]}
		if j := strings.Index(t[1], "</table>"); j >= 0 {
			t[1] = t[1][:j]
		}
		heads := cellContents(t[1], "th")
		cells := cellContents(t[1], "td")
		for i, h := range heads {
			if i >= len(cells) {
				break
			}
			v := strings.TrimSpace(htmlText(cells[i]))
			switch strings.ToLower(strings.TrimSpace(htmlText(h))) {
			case "reference id":
				r.id = v
			case "created":
				r.created = v
			case "released":
				r.released = v
			case "classification":
				r.classification = v
			case "origin":
				r.origin = v
			}
		}
	}
	var bodies []string
	blocks := preBlocks(s)
	for i, m := range blocks {
		b := htmlText(m)
		switch {
		case len(b) < 300 && partialNote.MatchString(b):
			continue
		case r.routing == nil && len(bodies) == 0 && (looksLikeRouting(b) || (i+1 < len(blocks) && strings.Contains(b, "\nVZCZC"))):
			r.routing = strings.Split(b, "\n")
		default:
			bodies = append(bodies, b)
		}
	}
	r.body = strings.Join(bodies, "\n")
	if loc := titleFields.FindStringIndex(r.title); loc != nil {
		// Some page titles swallowed the REF and Classified By lines: give
		// them back to the header.
		r.body = r.title[loc[0]:] + "\n\n" + r.body
		r.title = strings.TrimSpace(r.title[:loc[0]])
	}
	if !partial(r.body) {
		return r
	}
	if e, ok := embeddedRecord(r.body); ok {
		// Keep the page's own metadata; take the text from the full record.
		r.body = e.body
		if r.routing == nil {
			r.routing = e.routing
		}
		if r.refs == "" {
			r.refs = e.refs
		}
		fill(&r.created, e.created)
		fill(&r.classification, e.classification)
		fill(&r.origin, e.origin)
		fill(&r.id, e.id)
	}
	return r
}

// partial reports a truncated extract (a field cut with "..." at the end of
// a line): only those carry an embedded full record, and the check keeps
// the regexps off other pages.
func partial(s string) bool {
	return strings.Contains(s, "...\n")
}

func fill(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

// fromBody reads a body-only file: the <pre> block of a cablegate page,
// with or without its HTML wrapping. The id comes from the file name.
func fromBody(path, s string) raw {
	wrapped := strings.HasPrefix(strings.TrimSpace(s), "Appears in these articles:") || strings.Contains(s, "<code><pre>")
	if strings.Contains(s, "<pre") || strings.Contains(s, "&#x") || strings.Contains(s, "<a ") {
		if m := preBlocks(s); m != nil {
			s = strings.Join(m, "\n")
		}
		s = htmlText(s)
	}
	r := splitTelegram(s)
	if m := cableDated.FindStringSubmatch(r.body); m != nil {
		r.created = m[1] + " " + m[2]
		r.body = strings.Replace(r.body, m[0], "", 1)
	}
	base := filepath.Base(path)
	if i := strings.IndexByte(base, '.'); i > 0 {
		base = base[:i]
	}
	if id := CanonicalID(base); id != "" {
		r.id = id
		r.wrapper = wrapped
	}
	return r
}

// fromPage reads rendered page text (the seed): a label block "Identifier /
// Created / Classification / Origin" followed by the values in the same
// order, "Cable title:", "Tags:", then the telegram and the site footer.
func fromPage(s string) raw {
	lines := strings.Split(s, "\n")
	var labels []string
	i := 0
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	for ; i < len(lines); i++ {
		l := strings.ToLower(strings.TrimSpace(lines[i]))
		if l != "identifier" && l != "created" && l != "released" && l != "classification" && l != "origin" && l != "reference id" {
			break
		}
		labels = append(labels, l)
	}
	var r raw
	for _, l := range labels {
		if i >= len(lines) {
			break
		}
		v := strings.TrimSpace(lines[i])
		i++
		switch l {
		case "identifier", "reference id":
			r.id = v
		case "created":
			r.created = v
		case "released":
			r.released = v
		case "classification":
			r.classification = v
		case "origin":
			r.origin = v
		}
	}
	start := i
	for j := i; j < len(lines) && j < i+40; j++ {
		t := strings.TrimSpace(lines[j])
		switch {
		case strings.HasPrefix(t, "Cable title:"):
			r.title = strings.TrimSpace(strings.TrimPrefix(t, "Cable title:"))
			if r.title == "" {
				for k := j + 1; k < len(lines) && k < j+4; k++ {
					if tt := strings.TrimSpace(lines[k]); tt != "" {
						if !strings.HasPrefix(tt, "Tags:") {
							r.title = tt
							j = k
						}
						break
					}
				}
			}
			start = j + 1
		case strings.HasPrefix(t, "Tags:"):
			r.tags = strings.TrimSpace(strings.TrimPrefix(t, "Tags:"))
			start = j + 1
		case strings.EqualFold(t, "pdf how-to read a cable"):
			start = j + 1
		}
		if m := mediaDate.FindString(t); m != "" && r.dateLine == "" {
			r.dateLine = m
		}
	}
	end := len(lines)
	for j := start; j < len(lines); j++ {
		if strings.TrimSpace(lines[j]) == "Share this cable" {
			end = j
			break
		}
	}
	if start > end {
		start = end
	}
	t := splitTelegram(strings.Join(lines[start:end], "\n"))
	t.id, t.created, t.released, t.classification, t.origin, t.title, t.tags, t.dateLine =
		r.id, r.created, r.released, r.classification, r.origin, r.title, r.tags, r.dateLine
	return t
}

// fromCSV reads the 8 columns of a cables.csv row.
func fromCSV(f []string) raw {
	r := splitTelegram(f[7])
	if h := strings.TrimSpace(f[6]); h != "" {
		r.routing = strings.Split(f[6], "\n")
	}
	r.created, r.id, r.origin, r.classification, r.refs = f[1], f[2], f[3], f[4], f[5]
	return r
}

var routingLine = regexp.MustCompile(`^\s*(?:VZCZC|[ZOPR]{1,2}\s+\d{6}Z\b|[ZOPR]{2}\s+RU|DE\s+R[A-Z]{3}|FM\s+\S|ZNY\b|ZNR\b|ZZH\b)`)

func looksLikeRouting(s string) bool {
	lines := strings.SplitN(strings.TrimLeft(s, " \n"), "\n", 41)
	for i, l := range lines {
		if i < 6 && routingLine.MatchString(l) {
			return true
		}
		if i >= 40 || isBannerLine(l) || isHeaderField(l) {
			return false
		}
		if strings.HasPrefix(l, "VZCZC") || isDTGLine(l) {
			return true
		}
	}
	return false
}

// splitTelegram separates routing lines (VZCZC ... FM/TO/INFO) from the
// body, which starts at the classification banner.
func splitTelegram(s string) raw {
	if !looksLikeRouting(s) {
		return raw{body: s}
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if isBannerLine(l) || isHeaderField(l) {
			return raw{routing: lines[:i], body: strings.Join(lines[i:], "\n")}
		}
	}
	return raw{body: s}
}
