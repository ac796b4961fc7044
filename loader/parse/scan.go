package parse

import (
	"html"
	"regexp"
	"strings"
)

// Hand-written scanners for the hot paths: Go's regexp engine has no
// literal-prefix skipping for these patterns, and full cablegate pages are
// about a megabyte each, so these are scanned with strings.Index instead.

// stripTags removes HTML tags and decodes entities. Cablegate text holds
// almost no entity but "&#x000A;" (its newline): when that is the only one,
// tags and entities go in a single pass; any other entity (or an entity
// broken by a tag) takes the general path of html.UnescapeString.
func stripTags(s string) string {
	if strings.IndexByte(s, '<') < 0 {
		if strings.IndexByte(s, '&') < 0 {
			return s
		}
		if out, ok := appendNewlineEntities(make([]byte, 0, len(s)), s); ok {
			return string(out)
		}
		return html.UnescapeString(s)
	}
	b := make([]byte, 0, len(s))
	ok := true
	for t := s; ; {
		i := strings.IndexByte(t, '<')
		if i < 0 {
			b, ok = appendNewlineEntities(b, t)
			break
		}
		if b, ok = appendNewlineEntities(b, t[:i]); !ok {
			break
		}
		j := strings.IndexByte(t[i:], '>')
		if j < 0 {
			break // truncated tag: drop it
		}
		t = t[i+j+1:]
	}
	if ok {
		return string(b)
	}
	return html.UnescapeString(stripOnly(s))
}

// newlineEntity is how cablegate pages write a line break.
const newlineEntity = "&#x000A;"

// appendNewlineEntities appends s to b with every "&#x000A;" decoded; ok is
// false when s holds any other "&" (b is then unusable).
func appendNewlineEntities(b []byte, s string) (_ []byte, ok bool) {
	for {
		i := strings.IndexByte(s, '&')
		if i < 0 {
			return append(b, s...), true
		}
		if !strings.HasPrefix(s[i:], newlineEntity) {
			return b, false
		}
		b = append(b, s[:i]...)
		b = append(b, '\n')
		s = s[i+len(newlineEntity):]
	}
}

// stripOnly removes HTML tags (an unterminated one runs to the end).
func stripOnly(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			break // truncated tag: drop it
		}
		s = s[i+j+1:]
	}
	return b.String()
}

// preBlocks returns the contents of every <pre> element; an unterminated
// one (truncated HTML) runs to the end.
func preBlocks(s string) []string {
	var out []string
	for {
		i := indexFold(s, "<pre")
		if i < 0 {
			return out
		}
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			return out
		}
		s = s[i+j+1:]
		k := indexFold(s, "</pre>")
		if k < 0 {
			return append(out, s)
		}
		out = append(out, s[:k])
		s = s[k+len("</pre>"):]
	}
}

// indexFold finds lower-case ASCII needle in s, also when s has it in upper case.
func indexFold(s, needle string) int {
	i := strings.Index(s, needle)
	if i >= 0 {
		return i
	}
	return strings.Index(s, strings.ToUpper(needle))
}

var (
	pageMarkerTail = regexp.MustCompile(`[A-Z][A-Z]+(?: [A-Z]+){0,3} \d{5,8} +\d{3}(?:\.\d)?$`)
	pageMarkerHead = regexp.MustCompile(`^ +\d{3}\b`)
)

// removePageMarkers drops "MOSCOW 00000235 002 OF 002" page-break markers,
// wherever they stand (mid-sentence too), found by their " OF " literal.
func removePageMarkers(s string) string {
	var b strings.Builder
	from := 0
	for pos := 0; ; {
		k := strings.Index(s[pos:], " OF ")
		if k < 0 {
			break
		}
		k += pos
		pos = k + 4
		// The marker's serial ends with a digit just before " OF ", and its
		// page count (after spaces) starts with one: both regexps need them.
		if k == 0 || !isDigit(s[k-1]) || !digitAfterSpaces(s, k+4) {
			continue
		}
		lo := max(from, k-60)
		head := s[lo:k]
		loc := pageMarkerTail.FindStringIndex(head)
		if loc == nil {
			continue
		}
		h := pageMarkerHead.FindStringIndex(s[k+3:])
		if h == nil {
			continue
		}
		start := lo + loc[0]
		if start > 0 && isWordByte(s[start-1]) {
			continue
		}
		end := k + 3 + h[1]
		// Eat the blank lines around the marker so that a sentence broken by
		// a page break reads on: "gas\n\nMOSCOW ... 002 OF 002\n\npipeline".
		sep := " "
		for start > from && (s[start-1] == ' ' || s[start-1] == '\n') {
			if s[start-1] == '\n' {
				sep = "\n"
			}
			start--
		}
		for end < len(s) && (s[end] == ' ' || s[end] == '\n') {
			if s[end] == '\n' {
				sep = "\n"
			}
			end++
		}
		b.WriteString(s[from:start])
		b.WriteString(sep)
		from = end
		pos = from
	}
	if from == 0 {
		return s
	}
	b.WriteString(s[from:])
	return b.String()
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// digitAfterSpaces reports whether s[i:] is spaces and then a digit.
func digitAfterSpaces(s string, i int) bool {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i < len(s) && isDigit(s[i])
}

func isWordByte(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_'
}

// longestSummaryEnd is the longest marker that ends a summary (the markers
// are listed in scanners_test.go).
const longestSummaryEnd = "END OF SUMMARY"

// firstSummaryEnd returns where the first end-of-summary marker starts, or
// -1. Every marker ends with SUMMARY, Summary or summary, which are rare:
// each word is searched once and the marker's start looked for before it.
func firstSummaryEnd(s string) int {
	end := -1
	for _, w := range [...]struct{ word, p1, p2, p3 string }{
		{"SUMMARY", "END ", "END OF ", ""},
		{"Summary", "End ", "End of ", ""},
		{"summary", "End ", "end ", "End of "},
	} {
		for i := 0; ; {
			k := strings.Index(s[i:], w.word)
			if k < 0 {
				break
			}
			k += i
			if start := markerStart(s[:k], w.p1, w.p2, w.p3); start >= 0 {
				if end < 0 || start < end {
					end = start
				}
				break
			}
			i = k + 1
		}
	}
	return end
}

// markerStart returns where the first of the non-empty prefixes that ends
// s starts, or -1.
func markerStart(s string, prefixes ...string) int {
	for _, p := range prefixes {
		if p != "" && strings.HasSuffix(s, p) {
			return len(s) - len(p)
		}
	}
	return -1
}

// findSummary returns the text between "SUMMARY" and "END SUMMARY" (any
// case), or "".
func findSummary(s string) string {
	end := firstSummaryEnd(s)
	if end < 0 {
		return ""
	}
	start := -1
	for _, marker := range []string{"SUMMARY", "Summary", "summary"} {
		for i := 0; i < end; {
			k := strings.Index(s[i:end], marker)
			if k < 0 {
				break
			}
			k += i
			if (k == 0 || !isWordByte(s[k-1])) && (k+7 >= len(s) || !isWordByte(s[k+7])) {
				if start < 0 || k+7 < start {
					start = k + 7
				}
				break
			}
			i = k + 7
		}
	}
	if start < 0 {
		return ""
	}
	t := strings.TrimLeft(s[start:end], " ")
	if strings.HasPrefix(strings.ToUpper(t[:min(len(t), 11)]), "AND COMMENT") {
		t = t[len("AND COMMENT"):]
	}
	t = strings.Trim(strings.TrimSpace(t), " -.:")
	if m := findParaStart(t); m != nil {
		t = strings.TrimLeft(m[3], " -.:") // "SUMMARY\n----\n1. (C) ..." keeps only the text
	}
	return t
}

func splitLines(s string) []string { return strings.Split(s, "\n") }
