package parse

import (
	"regexp"
	"strings"
)

// Some cablegate "partial extract" pages carry, after the truncated extract
// (fields cut with "..."), the full record again: either as "id: / date: /
// refid: / ... / header ends" lines or as one cables.csv row. The full
// record is the better text, so it replaces the extract.

var (
	embeddedKV  = regexp.MustCompile(`(?m)^id: \d+\s*\ndate: .*\nrefid: .*$`)
	embeddedCSV = regexp.MustCompile(`(?m)^\d+,\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2},\d{2}[A-Z]+\d+,`)
	embeddedBL  = regexp.MustCompile(`(?m)^\d+\n\n(\d{4}-\d{2}-\d{2})\n\n(\d{2}[A-Z]+\d+)\n\n`)
	kvLine      = regexp.MustCompile(`(?m)^(date|refid|origin|classification|destination): (.*)$`)
	headerEnds  = "----------------- header ends ----------------"
)

// embeddedRecord extracts the full record from a body that carries one.
func embeddedRecord(body string) (raw, bool) {
	if loc := findEmbeddedKV(body); loc != nil {
		rest := body[loc[0]:]
		var r raw
		head := rest
		if i := strings.Index(rest, headerEnds); i >= 0 {
			head = rest[:i]
			r.body = rest[i+len(headerEnds):]
		} else {
			return raw{}, false
		}
		for _, m := range kvLine.FindAllStringSubmatch(head, -1) {
			v := strings.TrimSpace(m[2])
			switch m[1] {
			case "date":
				r.created = v
			case "refid":
				r.id = v
			case "origin":
				r.origin = v
			case "classification":
				r.classification = v
			case "destination":
				r.refs = strings.ReplaceAll(v, ",", "|")
			}
		}
		if i := strings.Index(head, "\nheader:"); i >= 0 {
			h := head[i+len("\nheader:"):]
			if looksLikeRouting(h) {
				r.routing = strings.Split(h, "\n")
			}
		}
		return r, true
	}
	if m := findEmbeddedBL(body); m != nil {
		// values separated by blank lines: origin, classification, refs, body
		r := raw{created: body[m[2]:m[3]], id: body[m[4]:m[5]]}
		rest := strings.SplitN(body[m[1]:], "\n\n", 4)
		if len(rest) < 3 {
			return raw{}, false
		}
		r.origin, r.classification = strings.TrimSpace(rest[0]), strings.TrimSpace(rest[1])
		tail := strings.Join(rest[2:], "\n\n")
		if first, after, ok := strings.Cut(tail, "\n\n"); ok && !isBannerLine(first) && !strings.Contains(strings.TrimSpace(first), " ") {
			r.refs, tail = strings.ReplaceAll(strings.TrimSpace(first), ",", "|"), after
		}
		r.body = tail
		return r, true
	}
	if loc := findEmbeddedCSV(body); loc != nil {
		row := body[loc[0]:]
		row = row[:rowEnd(row)]
		f, err := splitFieldsMode([]byte(row), true)
		if err != nil || len(f) < csvColumns {
			return raw{}, false
		}
		r := raw{body: f[7], created: f[1], id: f[2], origin: f[3], classification: f[4], refs: f[5]}
		if looksLikeRouting(f[6]) {
			r.routing = strings.Split(f[6], "\n")
		}
		return r, true
	}
	return raw{}, false
}

// rowEnd returns the end of the CSV row starting s: the first newline
// outside quotes (backslash escapes a quote), or len(s).
func rowEnd(s string) int {
	in, esc := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case esc:
			esc = false
		case c == '\\' && in:
			esc = true
		case c == '"':
			in = !in
		case c == '\n' && !in:
			return i
		}
	}
	return len(s)
}

// findEmbeddedBL is embeddedBL.FindStringSubmatchIndex, run only when body
// holds "\n\n" and a date ("dddd-"), which the pattern needs.
func findEmbeddedBL(body string) []int {
	for i := 0; ; {
		k := strings.Index(body[i:], "\n\n")
		if k < 0 {
			return nil
		}
		k += i + 2
		if k+5 <= len(body) && isDigits(body[k:k+4]) && body[k+4] == '-' {
			return embeddedBL.FindStringSubmatchIndex(body)
		}
		i = k - 1
	}
}

// findEmbeddedCSV is embeddedCSV.FindStringIndex, run only when body holds
// "/dddd " (the year of the row's date), which the pattern needs.
func findEmbeddedCSV(body string) []int {
	for i := 0; ; {
		k := strings.IndexByte(body[i:], '/')
		if k < 0 {
			return nil
		}
		k += i + 1
		if k+5 <= len(body) && isDigits(body[k:k+4]) && body[k+4] == ' ' {
			return embeddedCSV.FindStringIndex(body)
		}
		i = k
	}
}
