package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Cheap byte pre-checks in front of the line regexps. Most lines of a cable
// cannot match a given pattern, and a pre-check that looks at a byte or two
// rejects them without running the regexp engine. Each pre-check is a
// necessary condition of its regexp (it never rejects a line the regexp
// would match: equivalence tests hold them to that); when it passes, the
// regexp decides.

// isReSpace is `\s` of Go regexps: [\t\n\f\r ].
func isReSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// firstNonSpace returns the first byte after leading `\s`, or 0.
func firstNonSpace(s string) byte {
	for i := 0; i < len(s); i++ {
		if !isReSpace(s[i]) {
			return s[i]
		}
	}
	return 0
}

// startsWithAny reports whether the first byte after leading `\s` is one of
// set, or is non-ASCII (case-insensitive regexps fold some ASCII letters
// with non-ASCII runes, e.g. S with ſ, so those go to the regexp).
func startsWithAny(s, set string) bool {
	c := firstNonSpace(s)
	return c >= utf8.RuneSelf || (c != 0 && strings.IndexByte(set, c) >= 0)
}

// isBannerLine is bannerLine.MatchString.
func isBannerLine(s string) bool {
	i := 0
	for i < len(s) && isReSpace(s[i]) {
		i++
	}
	if i >= len(s) {
		return false
	}
	var second byte
	switch s[i] {
	case 'C':
		second = 'O'
	case 'S':
		second = 'E'
	case 'U':
		second = 'N'
	case 'L':
		if !strings.HasPrefix(s[i:], "LIMITED OFFICIAL USE") {
			return false
		}
		return bannerLine.MatchString(s)
	default:
		return false
	}
	j := i + 1
	if j < len(s) && isReSpace(s[j]) {
		j++
	}
	if j >= len(s) || s[j] != second {
		return false
	}
	return bannerLine.MatchString(s)
}

// isCaveatOnly is caveatOnly.MatchString: such a line holds only capital
// letters, `\s` and the separators ",;/.".
func isCaveatOnly(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || isReSpace(c) || c == ',' || c == ';' || c == '/' || c == '.') {
			return false
		}
	}
	return caveatOnly.MatchString(s)
}

// isHeaderField is headerField.MatchString.
func isHeaderField(s string) bool {
	return startsWithAny(s, "TtSsEeDdRr(Cc") && headerField.MatchString(s)
}

// isRefStart is refStart.MatchString.
func isRefStart(s string) bool {
	return startsWithAny(s, "Rr") && refStart.MatchString(s)
}

// isClassField is classField.MatchString.
func isClassField(s string) bool {
	return startsWithAny(s, "(Cc") && classField.MatchString(s)
}

// isSummaryHead is summaryHead.MatchString.
func isSummaryHead(s string) bool {
	i := 0
	for i < len(s) && (isReSpace(s[i]) || s[i] == '-') {
		i++
	}
	if i >= len(s) {
		return false
	}
	c := s[i]
	return (c >= utf8.RuneSelf || c == 'S' || c == 's' || c == 'I' || c == 'i') && summaryHead.MatchString(s)
}

// mayHoldClassifiedBy reports whether s may contain "CLASSIFIED" in any
// case (non-ASCII text goes to the regexp: ſ folds with S).
func mayHoldClassifiedBy(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return true
		}
		if (c == 'C' || c == 'c') && i+10 <= len(s) && strings.EqualFold(s[i:i+10], "CLASSIFIED") {
			return true
		}
	}
	return false
}

// isDTGLine is dtgLine.MatchString: the precedence letter comes first.
func isDTGLine(s string) bool {
	return startsWithAny(s, "ZOPRY") && dtgLine.MatchString(s)
}

// findParaStart is paraStart.FindStringSubmatch, hand-written:
// `^\s*(\d{1,3})\s?\.(?:\s+|\s*\()(?:\(([A-Z]{1,4}(?:/{1,2}[A-Z]{1,6})*)\)\s*)?(.*)$`
// with the regexp's leftmost-first choices. Text with a newline (where `.`
// stops) goes to the regexp.
func findParaStart(s string) []string {
	i := 0
	for i < len(s) && isReSpace(s[i]) {
		i++
	}
	d := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == d || i-d > 3 {
		return nil
	}
	num := s[d:i]
	if i < len(s) && isReSpace(s[i]) {
		i++
	}
	if i >= len(s) || s[i] != '.' {
		return nil
	}
	i++
	if strings.IndexByte(s[i:], '\n') >= 0 {
		return paraStart.FindStringSubmatch(s)
	}
	switch {
	case i < len(s) && isReSpace(s[i]):
		for i < len(s) && isReSpace(s[i]) {
			i++
		}
	case i < len(s) && s[i] == '(':
		i++
	default:
		return nil
	}
	marking := ""
	if end, ok := markingAt(s, i); ok {
		marking = s[i+1 : end-1]
		i = end
		for i < len(s) && isReSpace(s[i]) {
			i++
		}
	}
	return []string{s, num, marking, s[i:]}
}

// markingAt matches `\(([A-Z]{1,4}(?:/{1,2}[A-Z]{1,6})*)\)` at s[i:] and
// returns the end of the match.
func markingAt(s string, i int) (int, bool) {
	if i >= len(s) || s[i] != '(' {
		return 0, false
	}
	i++
	letters := func(max int) bool {
		j := i
		for i < len(s) && s[i] >= 'A' && s[i] <= 'Z' {
			i++
		}
		return i > j && i-j <= max
	}
	if !letters(4) {
		return 0, false
	}
	for i < len(s) && s[i] == '/' {
		j := i
		for i < len(s) && s[i] == '/' {
			i++
		}
		if i-j > 2 || !letters(6) {
			return 0, false
		}
	}
	if i >= len(s) || s[i] != ')' {
		return 0, false
	}
	return i + 1, true
}

// isUnicodeSpace is the separator of strings.Fields.
func isUnicodeSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\t' || r == '\n' || r == '\v' || r == '\f' || r == '\r'
	}
	return unicode.IsSpace(r)
}

// squeeze is strings.Join(strings.Fields(s), " ") in one pass, without
// allocating when s is already squeezed.
func squeeze(s string) string {
	var b []byte
	clean := true // s[:i] is already in squeezed form
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if isUnicodeSpace(r) {
			if clean && (c != ' ' || i == 0 || space || i+size == len(s)) {
				clean = false
				b = append(make([]byte, 0, len(s)), strings.TrimRight(s[:i], " ")...)
			}
			if clean {
				space = true
			} else {
				space = len(b) > 0
			}
			i += size
			continue
		}
		if !clean {
			if space {
				b = append(b, ' ')
			}
			b = append(b, s[i:i+size]...)
		}
		space = false
		i += size
	}
	if clean {
		return s
	}
	return string(b)
}

// squeezeJoin is squeeze(strings.Join(parts, " ")).
func squeezeJoin(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return squeeze(parts[0])
	}
	n := 0
	for _, p := range parts {
		n += len(p) + 1
	}
	b := make([]byte, 0, n)
	space := false
	for _, p := range parts {
		if len(b) > 0 {
			space = true
		}
		for i := 0; i < len(p); {
			c := p[i]
			r, size := rune(c), 1
			if c >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(p[i:])
			}
			if isUnicodeSpace(r) {
				space = len(b) > 0
				i += size
				continue
			}
			if space {
				b = append(b, ' ')
				space = false
			}
			b = append(b, p[i:i+size]...)
			i += size
		}
	}
	return string(b)
}

// findDTGLine is dtgLine.FindStringSubmatch.
func findDTGLine(s string) []string {
	if !startsWithAny(s, "ZOPRY") {
		return nil
	}
	return dtgLine.FindStringSubmatch(s)
}
