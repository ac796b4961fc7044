package graph

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Full-text search matches words, and both stores must agree on what a word
// is: Neo4j's full-text index uses Lucene's standard tokenizer, so the
// embedded store and the Neo4j store's query translation both split text
// with the rules below.

// Token classes of the word-break rules Lucene's standard tokenizer follows
// (Unicode UAX #29), reduced to what cable text needs: Neo4j's full-text
// index uses that tokenizer, and Search must match the same words.
const (
	kindNone = iota
	kindLetter
	kindDigit
	kindJoin // underscore and combining marks: part of a token, never a bridge
)

func runeKind(r rune) int {
	switch {
	case unicode.IsLetter(r):
		return kindLetter
	case unicode.IsDigit(r):
		return kindDigit
	case r == '_' || unicode.IsMark(r):
		return kindJoin
	}
	return kindNone
}

// bridges reports whether punctuation r between two runes of kinds a and b
// keeps them in one token: "u.s", "o'brien", "1.4", "10,000".
func bridges(r rune, a, b int) bool {
	switch {
	case a == kindLetter && b == kindLetter:
		return r == '.' || r == '\'' || r == '\u2019' || r == ':' || r == '\u00b7'
	case a == kindDigit && b == kindDigit:
		return r == '.' || r == '\'' || r == '\u2019' || r == ',' || r == ';'
	}
	return false
}

// Tokenize calls emit with each lower-cased token of s, in order. Both
// stores use it, so that their Search matches the same words.
func Tokenize(s string, emit func(string)) {
	start, prev := -1, kindNone
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		k := runeKind(r)
		if k != kindNone {
			if start < 0 {
				start = i
			}
			prev = k
			i += w
			continue
		}
		if start >= 0 && i+w < len(s) {
			r2, _ := utf8.DecodeRuneInString(s[i+w:])
			if bridges(r, prev, runeKind(r2)) {
				i += w
				continue
			}
		}
		if start >= 0 {
			emit(strings.ToLower(s[start:i]))
			start = -1
		}
		i += w
	}
	if start >= 0 {
		emit(strings.ToLower(s[start:]))
	}
}

// Tokens returns the lower-cased tokens of s, in order.
func Tokens(s string) []string {
	var out []string
	Tokenize(s, func(t string) { out = append(out, t) })
	return out
}

// IsWordRune reports whether r can be part of a token (a letter, a digit,
// an underscore or a combining mark).
func IsWordRune(r rune) bool { return runeKind(r) != kindNone }
