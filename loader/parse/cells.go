package parse

// Table cells of cablegate pages, scanned by hand: the regexps
// `(?is)<th[^>]*>(.*?)</th>` and `(?is)<td[^>]*>(.*?)</td>` were the most
// expensive step of reading an HTML page. cellContents keeps their exact
// meaning, quirks included ("<th" also opens at "<thead>").

// cellContents returns what FindAllStringSubmatch(s, -1)[i][1] of
// `(?is)<TAG[^>]*>(.*?)</TAG>` returns, for a lower-case ASCII tag.
func cellContents(s, tag string) []string {
	open, closing := "<"+tag, "</"+tag+">"
	var out []string
	for {
		i := indexFoldASCII(s, open)
		if i < 0 {
			return out
		}
		j := indexByteFrom(s, '>', i+len(open))
		if j < 0 {
			return out
		}
		k := indexFoldASCII(s[j+1:], closing)
		if k < 0 {
			return out
		}
		out = append(out, s[j+1:j+1+k])
		s = s[j+1+k+len(closing):]
	}
}

func indexByteFrom(s string, c byte, from int) int {
	for i := from; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// indexFoldASCII finds needle (lower-case ASCII starting with a non-letter)
// in s, ignoring ASCII case. Only letters without non-ASCII case folds may be
// in needle (not k or s), so that it agrees with a (?i) regexp.
func indexFoldASCII(s, needle string) int {
	c0 := needle[0]
	for from := 0; ; {
		i := indexByteFrom(s, c0, from)
		if i < 0 || i+len(needle) > len(s) {
			return -1
		}
		if equalFoldASCII(s[i:i+len(needle)], needle) {
			return i
		}
		from = i + 1
	}
}

// equalFoldASCII reports whether s equals the lower-case needle, ignoring
// ASCII case.
func equalFoldASCII(s, lower string) bool {
	for i := 0; i < len(lower); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}
