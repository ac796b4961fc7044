package parse

import "strings"

// Some cables have no line break between the header and the first
// paragraph, or start their text with an unnumbered marked paragraph:
//
//	REF: STATE 146857 (U) Pol/Econ Chief delivered reftel points to ...
//	Classified By: ... reasons 1.4 (b/d).  1. (C/NF) UK Foreign Secretary ...
//	Classified By: DCM Robert O. Blake, Jr. for Reasons 1.4 (B, D)
//	(C) MEA Joint Secretary for the Americas ... called A/PolCouns ...
//
// Read as header, the text was lost (189 of the 6,712 shared cables had an
// empty body). markedProseAt finds where such a paragraph starts, so the
// header reader can cut the line there and hand the rest to the body.

// markedProseAt returns the byte offset in l where a paragraph that starts
// with a classification marking ("(C)", "(SBU)", "1. (S/NF)") begins, or -1.
// The marking must be followed by running text: ref lists ("(C) STATE 12")
// and the reasons of a Classified By line ("1.4 (C) and (D)") are not.
func markedProseAt(l string) int {
	for i := 0; i < len(l); i++ {
		if l[i] != '(' {
			continue
		}
		j := strings.IndexByte(l[i:], ')')
		if j < 0 {
			return -1
		}
		j += i
		if !isParaMarking(l[i+1 : j]) {
			continue
		}
		start := i
		before := strings.TrimRight(l[:i], " \t")
		numbered := false
		if n := paraNumberBefore(before); n >= 0 {
			start, before, numbered = n, strings.TrimRight(l[:n], " \t"), true
		}
		if before != "" {
			if start == i && !precedesGluedPara(before) {
				continue
			}
			if strings.HasSuffix(before, ":") {
				continue // "SUBJECT: (C) ...", "REF: (A) ..."
			}
			if start > 0 && l[start-1] != ' ' && l[start-1] != '\t' {
				continue
			}
		}
		if isRunningText(l[j+1:], numbered) {
			return start
		}
	}
	return -1
}

// isParaMarking reports whether s is a paragraph classification marking:
// U, C, S, SBU, LOU, TS, optionally with caveats (S/NF, C//NF, U//FOUO).
func isParaMarking(s string) bool {
	head, rest, _ := strings.Cut(s, "/")
	switch head {
	case "U", "C", "S", "SBU", "LOU", "TS":
	default:
		return false
	}
	for _, r := range rest {
		if (r < 'A' || r > 'Z') && r != '/' {
			return false
		}
	}
	return true
}

// paraNumberBefore returns the offset of a paragraph number ("1." or "12.")
// that ends s, or -1.
func paraNumberBefore(s string) int {
	if !strings.HasSuffix(s, ".") {
		return -1
	}
	k := len(s) - 1
	d := k
	for d > 0 && s[d-1] >= '0' && s[d-1] <= '9' {
		d--
	}
	if d == k || k-d > 3 || (d > 0 && s[d-1] != ' ' && s[d-1] != '\t') {
		return -1
	}
	if d > 1 && s[d-1] == ' ' && (s[d-2] >= '0' && s[d-2] <= '9' || s[d-2] == '.') {
		return -1 // "1.4 1." is not a paragraph number after a reason
	}
	return d
}

// precedesGluedPara reports whether the text before an unnumbered marking
// can end a header field: a sentence end or a reference serial, but not the
// reasons of a Classified By line ("1.4 (C)") or a list ("and (D)").
func precedesGluedPara(before string) bool {
	last := before[strings.LastIndexAny(before, " \t")+1:]
	if last == before && len(last) <= 3 && strings.Trim(last, "0123456789") == "" {
		return false // "1 (C) ...": a paragraph number, not a header
	}
	switch {
	case strings.HasSuffix(before, ".") || strings.HasSuffix(before, ")"):
		return !isReasonCode(strings.TrimRight(last, ".,;)"))
	case last == "":
		return false
	default:
		c := last[len(last)-1]
		return c >= '0' && c <= '9' && !isReasonCode(last)
	}
}

// isReasonCode reports whether w is a classification reason ("1.4", "1.5").
func isReasonCode(w string) bool {
	return len(w) == 3 && w[0] == '1' && w[1] == '.' && w[2] >= '0' && w[2] <= '9'
}

// isRunningText reports whether s reads as the start of a paragraph: enough
// words, mostly not reference serials, and (unless the marking was numbered,
// or the cable is in capitals) some lower-case words.
func isRunningText(s string, numbered bool) bool {
	s = s[:min(len(s), 300)]
	words, lower, digits := 0, 0, 0
	for _, w := range strings.Fields(s) {
		words++
		hasLower, hasDigit := false, false
		for k := 0; k < len(w); k++ {
			c := w[k]
			hasLower = hasLower || (c >= 'a' && c <= 'z')
			hasDigit = hasDigit || (c >= '0' && c <= '9')
		}
		if hasLower {
			lower++
		}
		if hasDigit {
			digits++
		}
	}
	switch {
	case numbered:
		return words >= 3
	case words < 8 || digits*3 > words:
		return false
	case lower >= 3:
		return true
	default:
		return lower == 0 && words >= 12 && digits <= 2
	}
}

// isAddresseeLine reports whether t, a line between the banner and the
// header fields, is a handling line naming who should get the cable:
// "NSC FOR HELGERSON", "DEPT FOR EUR/SCE (SMITH)", "STATE PASS TO USTR FOR
// SULLIVAN", "FOR AMBASSADOR RICE". The part before FOR is an office in
// capitals (a few words); the line is not running text.
func isAddresseeLine(t string) bool {
	if len(t) > 240 || strings.HasSuffix(t, ".") && strings.Count(t, " ") > 12 {
		return false
	}
	office, _, ok := strings.Cut(" "+t, " FOR ")
	if !ok {
		office, _, ok = strings.Cut(" "+t, " PASS ")
	}
	if !ok {
		return false
	}
	office = strings.TrimSpace(office)
	if strings.Count(office, " ") > 5 {
		return false
	}
	for k := 0; k < len(t); k++ {
		if c := t[k]; c >= 'a' && c <= 'z' {
			return false
		}
	}
	return true
}
