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

// asciiSpace marks the ASCII separators of strings.Fields.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// plainByte marks the ASCII bytes that are not separators.
var plainByte = func() (t [256]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = !asciiSpace[c]
	}
	return t
}()

// squeezed reports whether s equals strings.Join(strings.Fields(s), " ").
func squeezed(s string) bool {
	prevSpace := true // a leading separator is not allowed
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return false
			}
			i += size - 1
			prevSpace = false
			continue
		}
		if asciiSpace[c] {
			if c != ' ' || prevSpace {
				return false
			}
			prevSpace = true
			continue
		}
		prevSpace = false
	}
	return s == "" || !prevSpace
}

// appendFields appends the fields of s to b, one space between fields;
// pending says a space is due before the next field. Runs of fields already
// separated by single spaces (most of any text) are copied in one piece.
func appendFields(b []byte, s string, pending bool) ([]byte, bool) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				pending = len(b) > 0
				i++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
			pending = len(b) > 0
			i += size
			continue
		}
		// s[i] starts a field: take it and the fields after it that are
		// separated by one ASCII space.
		j := i
		for j < len(s) {
			for j < len(s) && plainByte[s[j]] {
				j++
			}
			if j == len(s) {
				break
			}
			c := s[j]
			if c < utf8.RuneSelf {
				if c == ' ' && j+1 < len(s) && plainByte[s[j+1]] {
					j += 2
					continue
				}
				break
			}
			r, size := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += size
		}
		if pending {
			b = append(b, ' ')
			pending = false
		}
		b = append(b, s[i:j]...)
		i = j
	}
	return b, pending
}

// squeeze is strings.Join(strings.Fields(s), " ") in one pass, without
// allocating when s is already squeezed.
func squeeze(s string) string {
	if squeezed(s) {
		return s
	}
	b, _ := appendFields(make([]byte, 0, len(s)), s, false)
	return string(b)
}

// squeezeJoin is squeeze(strings.Join(parts, " ")).
func squeezeJoin(parts []string) string {
	if len(parts) == 1 {
		return squeeze(parts[0])
	}
	n := 0
	for _, p := range parts {
		n += len(p) + 1
	}
	b := make([]byte, 0, n)
	pending := false
	for _, p := range parts {
		pending = pending || len(b) > 0
		b, pending = appendFields(b, p, pending)
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

// mayHoldOldPage: oldPage needs "PAGE " followed by a digit.
func mayHoldOldPage(s string) bool {
	for {
		i := strings.Index(s, "PAGE ")
		if i < 0 {
			return false
		}
		s = s[i+5:]
		if s != "" && s[0] >= '0' && s[0] <= '9' {
			return true
		}
	}
}

// findClassInBody is classInBody.FindStringIndex.
func findClassInBody(s string) []int {
	if !mayHoldClassifiedBy(s) {
		return nil
	}
	return classInBody.FindStringIndex(s)
}

// findEmbeddedKV is embeddedKV.FindStringIndex: the pattern holds the
// literals "\ndate: " and "\nrefid: ".
func findEmbeddedKV(s string) []int {
	if !strings.Contains(s, "\ndate: ") || !strings.Contains(s, "\nrefid: ") {
		return nil
	}
	return embeddedKV.FindStringIndex(s)
}
