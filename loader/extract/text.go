package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// normSpace collapses every run of white space to one space, so evidence
// sentences read as they do in the paragraph whatever the line breaks were.
func normSpace(s string) string {
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f' {
				space = true
				continue
			}
			if space && len(b) > 0 {
				b = append(b, ' ')
			}
			space = false
			b = append(b, c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			space = true
			i += n
			continue
		}
		if space && len(b) > 0 {
			b = append(b, ' ')
		}
		space = false
		b = append(b, s[i:i+n]...)
		i += n
	}
	return string(b)
}

// normLower is normSpace, lowerCounts of its result and caseCounts of s in
// one pass: norm is normSpace(s); lower is norm in lower case when s is
// ASCII (same byte offsets), else ""; nl and nu count the lower- and
// upper-case letters (white space holds none, so those of s and norm agree).
func normLower(s string) (norm, lower string, nl, nu int) {
	b := make([]byte, 0, len(s))
	var lb []byte // lower-case copy of b while the text is ASCII
	ascii := true
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f' {
				space = true
				continue
			}
			if space && len(b) > 0 {
				b = append(b, ' ')
				if lb != nil {
					lb = append(lb, ' ')
				}
			}
			space = false
			b = append(b, c)
			switch {
			case c >= 'a' && c <= 'z':
				nl++
			case c >= 'A' && c <= 'Z':
				nu++
				if lb == nil && ascii {
					lb = make([]byte, len(b)-1, len(s))
					copy(lb, b)
				}
				c += 'a' - 'A'
			}
			if lb != nil {
				lb = append(lb, c)
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			space = true
			i += n
			continue
		}
		ascii, lb = false, nil
		if unicode.IsLower(r) {
			nl++
		} else if unicode.IsUpper(r) {
			nu++
		}
		if space && len(b) > 0 {
			b = append(b, ' ')
		}
		space = false
		b = append(b, s[i:i+n]...)
		i += n
	}
	norm = string(b)
	switch {
	case !ascii:
		lower = ""
	case lb == nil:
		lower = norm
	default:
		lower = string(lb)
	}
	return norm, lower, nl, nu
}

// lowerWord is strings.ToLower without an allocation for the common case
// of a word already in lower case, and with a byte loop for ASCII.
func lowerWord(w string) string {
	hasUpper := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(w)
		}
		if c >= 'A' && c <= 'Z' {
			hasUpper = true
		}
	}
	if !hasUpper {
		return w
	}
	b := make([]byte, len(w))
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return string(b)
}

// stripParaHead removes a leading "1. (C) " that some inputs leave in the
// paragraph text.
func stripParaHead(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && s[i] == '.' {
		s = strings.TrimLeft(s[i+1:], " ")
	}
	if strings.HasPrefix(s, "(") {
		if j := strings.IndexByte(s, ')'); j > 0 && j < 12 {
			s = strings.TrimLeft(s[j+1:], " ")
		}
	}
	return s
}

// abbrevs end with a period that does not end a sentence.
var abbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "amb": true, "gen": true, "lt": true, "col": true, "sen": true, "rep": true,
	"st": true, "gov": true, "adm": true, "maj": true, "capt": true, "jan": true, "feb": true, "aug": true, "sept": true, "sep": true,
	"oct": true, "nov": true, "dec": true, "no": true, "u.s": true, "u.n": true, "e.u": true, "i.e": true, "e.g": true, "vs": true,
	"prof": true, "gens": true, "sgt": true, "cpt": true, "messrs": true, "jr": true, "sr": true, "inc": true, "co": true, "corp": true,
}

// sentences splits whitespace-normalised text into sentences. A period,
// question or exclamation mark ends a sentence when a space and a capital,
// digit, quote or dash follow and the word before it is not an abbreviation
// or an initial; a colon or semicolon ends one when a "--" bullet follows.
func sentences(s string) []string {
	spans := sentenceSpans(s)
	out := make([]string, len(spans))
	for k, sp := range spans {
		out[k] = s[sp[0]:sp[1]]
	}
	return out
}

// sentenceSpans is sentences as byte ranges of s, so that the lower-case
// form of a paragraph can be cut at the same places.
func sentenceSpans(s string) [][2]int {
	var out [][2]int
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '.' && c != '?' && c != '!' && c != ':' && c != ';' {
			continue
		}
		j := i + 1
		for j < len(s) && (s[j] == '"' || s[j] == '\'' || s[j] == ')') {
			j++
		}
		if j >= len(s) || s[j] != ' ' || j+1 >= len(s) {
			continue
		}
		next := s[j+1]
		if c == ':' || c == ';' {
			if !strings.HasPrefix(s[j+1:], "--") {
				continue
			}
		} else {
			r, _ := utf8.DecodeRuneInString(s[j+1:])
			if !(unicode.IsUpper(r) || unicode.IsDigit(r) || next == '"' || next == '-' || next == '(') {
				continue
			}
			if c == '.' {
				w := lastWord(s[start:i])
				lw := strings.ToLower(w)
				if abbrevs[lw] || (utf8.RuneCountInString(w) == 1 && unicode.IsUpper([]rune(w)[0])) {
					continue
				}
			}
		}
		if a, b := trimSpan(s, start, j); a < b {
			out = append(out, [2]int{a, b})
		}
		start = j + 1
	}
	if a, b := trimSpan(s, start, len(s)); a < b {
		out = append(out, [2]int{a, b})
	}
	return out
}

// trimSpan is strings.TrimSpace(s[a:b]) as a byte range of s.
func trimSpan(s string, a, b int) (int, int) {
	sub := s[a:b]
	left := strings.TrimLeftFunc(sub, unicode.IsSpace)
	a += len(sub) - len(left)
	return a, a + len(strings.TrimRightFunc(left, unicode.IsSpace))
}

func lastWord(s string) string {
	i := strings.LastIndexAny(s, " (\"")
	return s[i+1:]
}

// token is one word or punctuation mark of a sentence.
type token struct {
	text  string // as written, possessive "'s" removed
	lower string
	start int // byte offset in the sentence
	word  bool
	cap   bool // first letter upper case
	upper bool // every letter upper case (and at least two letters)
	poss  bool // had a possessive 's
	nw    byte // memo of the run's nameWord test on the word: 0 unknown, 1 yes, 2 no
}

// tokenize splits a sentence into words and punctuation. Inner hyphens and
// apostrophes stay in words ("Botsan-Kharchenko", "O'Brien"); initials and
// dotted abbreviations keep their dots ("G.", "U.S.").
func tokenize(s string) []token {
	ls, _ := asciiLower(s)
	return appendTokens(make([]token, 0, len(s)/5), s, ls)
}

// asciiLower returns s in lower case when s is ASCII, so that every byte
// offset of s is also one of the result; ok is false for other text.
func asciiLower(s string) (string, bool) {
	hasUpper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return "", false
		}
		if c >= 'A' && c <= 'Z' {
			hasUpper = true
		}
	}
	if !hasUpper {
		return s, true
	}
	b := make([]byte, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return string(b), true
}

// appendTokens appends the tokens of s to dst (see tokenize). ls is s in
// lower case with the same byte offsets (asciiLower), or "" when there is
// none: the lower-case forms of the tokens are then slices of it, with no
// allocation per capitalised word.
func appendTokens(dst []token, s, ls string) []token {
	toks := dst
	lok := ls != "" && len(ls) == len(s)
	i := 0
	for i < len(s) {
		if s[i] == ' ' {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		if !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if r == '-' && i+1 < len(s) && s[i+1] == '-' {
				toks = append(toks, token{text: "--", lower: "--", start: i})
				i += 2
				continue
			}
			toks = append(toks, token{text: s[i : i+n], lower: s[i : i+n], start: i})
			i += n
			continue
		}
		j := i
		for j < len(s) {
			if c := s[j]; c < 0x80 {
				if isASCIILetter(c) || c >= '0' && c <= '9' {
					j++ // the common case, without decoding
					continue
				}
				if c != '-' && c != '\'' && c != '/' {
					break // space or punctuation: only - ' / may join words
				}
			}
			r, n := utf8.DecodeRuneInString(s[j:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				j += n
				continue
			}
			if (r == '-' || r == '\'' || r == '/') && j+1 < len(s) {
				r2, _ := utf8.DecodeRuneInString(s[j+1:])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
					j += n
					continue
				}
			}
			if r == '’' && j+3 < len(s) {
				r2, _ := utf8.DecodeRuneInString(s[j+3:])
				if unicode.IsLetter(r2) {
					j += n
					continue
				}
			}
			break
		}
		// Initials and dotted abbreviations: "G.", "U.S.", "U.N."
		if j < len(s) && s[j] == '.' && utf8.RuneCountInString(s[i:j]) == 1 {
			j++
			for j+1 < len(s) && isASCIILetter(s[j]) && s[j+1] == '.' {
				j += 2
			}
		} else if j < len(s) && s[j] == '.' {
			var lw string
			if lok {
				lw = ls[i:j]
			} else {
				lw = strings.ToLower(s[i:j])
			}
			if abbrevs[lw] {
				j++
			}
		}
		w := s[i:j]
		t := token{start: i, word: true}
		if strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "'S") {
			w, t.poss = w[:len(w)-2], true
		} else if strings.HasSuffix(w, "’s") {
			w, t.poss = w[:len(w)-len("’s")], true
		}
		t.text = w
		if lok {
			t.lower = ls[i : i+len(w)]
		} else {
			t.lower = lowerWord(w)
		}
		first, _ := utf8.DecodeRuneInString(w)
		t.cap = unicode.IsUpper(first)
		t.upper = isUpperWord(w)
		toks = append(toks, t)
		i = j
	}
	return toks
}

func isASCIILetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

func isUpperWord(w string) bool {
	letters := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			letters = -1 // not ASCII: count the runes below
			break
		}
		if c >= 'a' && c <= 'z' {
			return false
		}
		if c >= 'A' && c <= 'Z' {
			letters++
		}
	}
	if letters >= 0 {
		return letters >= 2
	}
	letters = 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

// caseCounts counts lower- and upper-case letters; a body with almost no
// lower case is an ALL-CAPS cable, where capitals say nothing about names.
func caseCounts(s string) (lower, upper int) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
			lower++
		case c >= 'A' && c <= 'Z':
			upper++
		case c >= 0x80:
			r, n := utf8.DecodeRuneInString(s[i:])
			if unicode.IsLower(r) {
				lower++
			} else if unicode.IsUpper(r) {
				upper++
			}
			i += n - 1
		}
	}
	return lower, upper
}

// titleCase turns "BOTSAN-KHARCHENKO" into "Botsan-Kharchenko".
func titleCase(w string) string {
	var b strings.Builder
	b.Grow(len(w))
	up := true
	for _, r := range w {
		if up {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		up = r == '-' || r == ' ' || r == '.' || r == '\''
	}
	return b.String()
}
