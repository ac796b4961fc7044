package storetest

import (
	"strings"
	"unicode"
)

// words splits text the way the full-text index does (Lucene's standard
// tokenizer: letters and digits, kept together across "." and "'" between
// letters and across "." "," between digits), lower-cased. Written
// independently of memstore's tokenizer so that the two check each other.
func words(s string) []string {
	rs := []rune(s)
	class := func(i int) byte {
		if i < 0 || i >= len(rs) {
			return ' '
		}
		r := rs[i]
		switch {
		case unicode.IsLetter(r):
			return 'L'
		case unicode.IsDigit(r):
			return 'D'
		case r == '_' || unicode.IsMark(r):
			return 'J'
		}
		return ' '
	}
	var out []string
	var cur []rune
	for i, r := range rs {
		c := class(i)
		if c == ' ' {
			prev, next := class(i-1), class(i+1)
			joinL := prev == 'L' && next == 'L' && strings.ContainsRune(".'\u2019:\u00b7", r)
			joinD := prev == 'D' && next == 'D' && strings.ContainsRune(".'\u2019,;", r)
			if len(cur) > 0 && (joinL || joinD) {
				cur = append(cur, r)
				continue
			}
			if len(cur) > 0 {
				out = append(out, strings.ToLower(string(cur)))
				cur = cur[:0]
			}
			continue
		}
		cur = append(cur, r)
	}
	if len(cur) > 0 {
		out = append(out, strings.ToLower(string(cur)))
	}
	return out
}
