package parse

import "strings"

// Routing addresses are trimmed for every TO/INFO line of every cable, so
// the routing-indicator prefix ("RUEHC/") and the precedence and serial
// suffix ("IMMEDIATE 1234") are cut by hand; each function keeps the exact
// meaning of the regexp it replaced (see scanners_test.go).

// trimAddrPrefix is regexp.MustCompile(`^\s*R[A-Z]{3,6}/`).ReplaceAllString(s, "").
func trimAddrPrefix(s string) string {
	i := 0
	for i < len(s) && isReSpace(s[i]) {
		i++
	}
	if i >= len(s) || s[i] != 'R' {
		return s
	}
	j := i + 1
	for j < len(s) && s[j] >= 'A' && s[j] <= 'Z' {
		j++
	}
	if n := j - i - 1; n < 3 || n > 6 || j >= len(s) || s[j] != '/' {
		return s
	}
	return s[j+1:]
}

// addrPrecedences are the precedence words that may end an address line.
var addrPrecedences = [...]string{"IMMEDIATE", "PRIORITY", "ROUTINE", "FLASH"}

// trimAddrSuffix is
// regexp.MustCompile(`(?:\s+(?:NIACT\s+)?(?:IMMEDIATE|PRIORITY|ROUTINE|FLASH))?(?:\s+\d{1,5})?\s*$`).ReplaceAllString(s, ""):
// the regexp's leftmost match is the longest suffix of that form.
func trimAddrSuffix(s string) string {
	e := trimSpaceLeft(s, len(s)) // before the trailing \s*
	p := e
	// (?:\s+\d{1,5})?
	d := e
	for d > 0 && s[d-1] >= '0' && s[d-1] <= '9' {
		d--
	}
	if n := e - d; n >= 1 && n <= 5 && d > 0 && isReSpace(s[d-1]) {
		e = trimSpaceLeft(s, d)
		p = e
	}
	// (?:\s+(?:NIACT\s+)?(?:IMMEDIATE|PRIORITY|ROUTINE|FLASH))?
	for _, w := range addrPrecedences {
		if !strings.HasSuffix(s[:e], w) {
			continue
		}
		q := e - len(w)
		u := trimSpaceLeft(s, q)
		if u == q {
			break // no \s+ before the word
		}
		p = u
		if strings.HasSuffix(s[:u], "NIACT") {
			if v := u - len("NIACT"); v > 0 && isReSpace(s[v-1]) {
				p = trimSpaceLeft(s, v)
			}
		}
		break
	}
	return s[:p]
}

// trimSpaceLeft returns where the run of `\s` ending at s[end-1] starts.
func trimSpaceLeft(s string, end int) int {
	for end > 0 && isReSpace(s[end-1]) {
		end--
	}
	return end
}

// caveatWords are the handling caveats recognised in banners.
var caveatWords = [...]string{"NOFORN", "SIPDIS", "NODIS", "EXDIS", "LIMDIS", "ORCON", "STADIS", "PROPIN", "FOUO", "NOCONTRACT", "IMCON"}

// appendCaveatWords appends what caveatWord.FindAllString(s, -1) finds:
// a caveat bounded by `\b` on both sides is a whole run of ASCII word
// characters.
func appendCaveatWords(dst []string, s string) []string {
	for i := 0; i < len(s); {
		if !isWordByte(s[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(s) && isWordByte(s[j]) {
			j++
		}
		if w := s[i:j]; len(w) >= 4 && len(w) <= 10 && w[0] >= 'E' && w[0] <= 'S' {
			for _, c := range caveatWords {
				if w == c {
					dst = appendUnique(dst, c)
					break
				}
			}
		}
		i = j
	}
	return dst
}

// lastFieldsFrom returns where the last n runs of non-`\s` bytes of s start
// (0 when s has fewer).
func lastFieldsFrom(s string, n int) int {
	i := trimSpaceLeft(s, len(s))
	for ; n > 0 && i > 0; n-- {
		for i > 0 && !isReSpace(s[i-1]) {
			i--
		}
		if n > 1 {
			i = trimSpaceLeft(s, i)
		}
	}
	return i
}
