package parse

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// The character clean-up and the glued-field split of cleanText run over
// every body, so they are single byte scans rather than a strings.Replacer
// and a regexp; each keeps the exact meaning of what it replaced (see
// scanners_test.go).

// cleanChars is strings.NewReplacer("¶", "", "\u00a0", " ", "\t", " ",
// "\f", "\n", "\\\n", "\n").Replace(s): it drops pilcrows and normalises
// spaces and line breaks.
func cleanChars(s string) string {
	i := 0
	for i < len(s) && (!cleanFirst[s[i]] || !cleanStart(s, i)) {
		i++
	}
	if i == len(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	from := 0
	for ; i < len(s); i++ {
		if !cleanFirst[s[i]] {
			continue
		}
		var rep string
		n := 1
		switch c := s[i]; {
		case c == '\t':
			rep = " "
		case c == '\f':
			rep = "\n"
		case c == '\\' && i+1 < len(s) && s[i+1] == '\n':
			rep, n = "\n", 2
		case c == 0xC2 && i+1 < len(s) && s[i+1] == 0xB6: // ¶
			rep, n = "", 2
		case c == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0: // no-break space
			rep, n = " ", 2
		default:
			continue
		}
		b = append(b, s[from:i]...)
		b = append(b, rep...)
		i += n - 1
		from = i + 1
	}
	b = append(b, s[from:]...)
	return string(b)
}

// cleanFirst marks the bytes a replacement of cleanChars starts with.
var cleanFirst = [256]bool{'\t': true, '\f': true, '\\': true, 0xC2: true}

// cleanStart reports whether a replacement of cleanChars starts at s[i].
func cleanStart(s string, i int) bool {
	switch s[i] {
	case '\t', '\f':
		return true
	case '\\':
		return i+1 < len(s) && s[i+1] == '\n'
	case 0xC2:
		return i+1 < len(s) && (s[i+1] == 0xB6 || s[i+1] == 0xA0)
	}
	return false
}

// gluedFieldNames are the header fields that some extracts glue onto the
// previous text: "E.O. 1" is followed by four more digits.
var gluedFieldNames = [...]string{"E.O. 1", "TAGS: ", "SUBJECT: ", "REF: "}

// splitGluedFields is
// regexp.MustCompile(`(\S)[ ]*(E\.O\. 1\d{4}|TAGS: |SUBJECT: |REF: )`).ReplaceAllString(s, "$1\n$2"):
// a field glued onto the previous text starts a line of its own (the spaces
// before it go). ok reports a change.
func splitGluedFields(s string) (_ string, ok bool) {
	var b []byte
	// copied up to from; the next match starts at or after minStart; its
	// field is searched from pos
	from, minStart, pos := 0, 0, 0
	for {
		k, n := nextGluedField(s, pos)
		if k < 0 {
			break
		}
		j := k
		for j > 0 && s[j-1] == ' ' {
			j--
		}
		r, size := utf8.DecodeLastRuneInString(s[:j])
		if j == 0 || j-size < minStart || isPerlSpace(r) {
			pos = k + 1 // no match with this field; a later one may
			continue
		}
		if b == nil {
			b = make([]byte, 0, len(s)+8)
		}
		b = append(b, s[from:j]...)
		b = append(b, '\n')
		from, minStart, pos = k, k+n, k+n
	}
	if b == nil {
		return s, false
	}
	return string(append(b, s[from:]...)), true
}

// nextGluedField finds the first field of gluedFieldNames at or after pos
// and returns where it starts and its length (-1 when there is none).
func nextGluedField(s string, pos int) (int, int) {
	for pos < len(s) {
		best, n := -1, 0
		for _, f := range gluedFieldNames {
			if i := strings.Index(s[pos:], f); i >= 0 && (best < 0 || pos+i < best) {
				best, n = pos+i, len(f)
			}
		}
		if best < 0 {
			return -1, 0
		}
		if s[best] != 'E' {
			return best, n
		}
		// "E.O. 1" needs four more digits.
		if best+n+4 <= len(s) && isDigits(s[best+n:best+n+4]) {
			return best, n + 4
		}
		pos = best + 1
	}
	return -1, 0
}

// isPerlSpace is `\s` of Go regexps: [\t\n\f\r ].
func isPerlSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r'
}

// cutAnchored is re.ReplaceAllString(s, "") for a pattern anchored with ^
// (not multi-line) that cannot match the empty string: it removes the one
// possible match at the start, without copying s.
func cutAnchored(re *regexp.Regexp, s string) string {
	if loc := re.FindStringIndex(s); loc != nil {
		return s[loc[1]:]
	}
	return s
}
