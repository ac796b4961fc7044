package graph

import (
	"strings"
	"unicode"
)

// foldRunes maps Latin letters with diacritics, as they appear in cables and
// in name lists, to their plain ASCII form ("Tadić" and "Tadic" are one
// name). Kept here, not in x/text, because graph uses only the standard
// library.
var foldRunes = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'ă': "a", 'ą': "a",
	'ç': "c", 'ć': "c", 'č': "c", 'ĉ': "c", 'ċ': "c",
	'ď': "d", 'đ': "d", 'ð': "d",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ė': "e", 'ę': "e", 'ě': "e",
	'ğ': "g", 'ģ': "g",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ī': "i", 'į': "i", 'ı': "i",
	'ķ': "k", 'ĺ': "l", 'ļ': "l", 'ľ': "l", 'ł': "l",
	'ñ': "n", 'ń': "n", 'ņ': "n", 'ň': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ō': "o", 'ő': "o",
	'ŕ': "r", 'ř': "r",
	'ś': "s", 'ş': "s", 'š': "s", 'ș': "s", 'ß': "ss",
	'ţ': "t", 'ť': "t", 'ț': "t",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ū': "u", 'ů': "u", 'ű': "u", 'ų': "u",
	'ý': "y", 'ÿ': "y",
	'ź': "z", 'ż': "z", 'ž': "z",
	'æ': "ae", 'œ': "oe", 'þ': "th",
}

// NormalizeName folds a name for matching: lower case, diacritics removed,
// punctuation other than inner hyphens and apostrophes turned into single
// spaces. "TADIĆ, Boris" becomes "tadic boris". It does not reorder words.
func NormalizeName(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range strings.ToLower(s) {
		if f, ok := foldRunes[r]; ok {
			b.WriteString(f)
			space = false
			continue
		}
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			space = false
		case r == '-' && !space:
			b.WriteRune(r)
		case unicode.IsLetter(r):
			b.WriteRune(r)
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.Trim(strings.TrimSpace(b.String()), "-")
}

// translitFold merges common romanisation variants of the same name
// ("Sergei"/"Sergey", "Aleksandr"/"Alexander", "Yuriy"/"Yuri") so that a
// person's key does not depend on which embassy transliterated it.
func translitFold(w string) string {
	r := strings.NewReplacer("ks", "x", "kh", "h", "yu", "iu", "ya", "ia", "iy", "i", "ij", "i")
	w = r.Replace(w)
	w = strings.TrimSuffix(w, "ei") + map[bool]string{true: "ey", false: ""}[strings.HasSuffix(w, "ei")]
	if strings.HasSuffix(w, "y") && len(w) > 3 {
		w = strings.TrimSuffix(w, "y") + "i"
	}
	if strings.HasSuffix(w, "eyi") {
		w = strings.TrimSuffix(w, "eyi") + "ei"
	}
	return w
}

// NameKey is the matching key of one word of a name: NormalizeName plus the
// transliteration fold. Two spellings with the same NameKey are taken to be
// the same name.
func NameKey(word string) string {
	return translitFold(NormalizeName(word))
}
