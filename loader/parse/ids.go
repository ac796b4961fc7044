package parse

import (
	"regexp"
	"strconv"
	"strings"
)

var (
	idPattern = regexp.MustCompile(`^(\d{2})\s*([A-Z][A-Z ]*?[A-Z])\s*0*(\d{1,7})$`)
	// idSection is banner noise that leaked into some ids:
	// "08SECTION01GF02BISHIEK21" (OCR-garbled "SECTION 01 OF 02").
	idSection = regexp.MustCompile(`SECTION\s*\d{1,2}\s*[A-Z]{2}\s*\d{1,2}\s*`)
)

// postAliases maps how posts are written in references to the spelling used
// in cable ids.
var postAliases = map[string]string{
	"SECSTATE": "STATE", "SECSTATEWASHDC": "STATE", "STATEDEPT": "STATE", "DEPTSTATE": "STATE",
	"USUN": "USUNNEWYORK", "USUNNY": "USUNNEWYORK", "USUNNEWYORKNY": "USUNNEWYORK",
}

// CanonicalID returns the canonical cable id ("08MOSCOW235") for the common
// malformed forms (lowercase, spaces, leading zeros, "09STATE 012345"), or ""
// when s is not a cable id.
func CanonicalID(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	s = strings.ReplaceAll(s, "_", " ")
	if strings.Contains(s, "SECTION") {
		s = idSection.ReplaceAllString(s, "")
	}
	m := idPattern.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	post := strings.ReplaceAll(m[2], " ", "")
	if a, ok := postAliases[post]; ok {
		post = a
	}
	n, err := strconv.Atoi(m[3])
	if err != nil || n == 0 {
		return ""
	}
	return m[1] + post + strconv.Itoa(n)
}

// idYear returns the 2-digit year of a canonical id, or "".
func idYear(id string) string {
	if len(id) >= 2 && id[0] >= '0' && id[0] <= '9' && id[1] >= '0' && id[1] <= '9' {
		return id[:2]
	}
	return ""
}
