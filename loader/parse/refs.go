package parse

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
)

var (
	refStart       = regexp.MustCompile(`(?i)^\s*(?:REF(?:S|TEL|TELS|ERENCES?|\(S\))?\s*:|REFS?\s+(?:\(A\)|A[.)])\s|REF\s+(?:A\s*:))\s*`)
	refLetterLabel = regexp.MustCompile(`(?i)(?:^|\s)REF\s+([A-Z])\s*:`)
	refMarker      = regexp.MustCompile(`(?:^|[\s;,])(?:\(([A-Za-z])\)|([A-Za-z])[.)])`)
	refToken       = regexp.MustCompile(`[A-Z0-9][A-Z0-9'/.-]*|[,;]`)
	fusedID        = regexp.MustCompile(`^\d{2}[A-Z]{3,}\d{1,7}$`)
	refDTG         = regexp.MustCompile(`\b\d{6}Z\b`)
	refEmail       = regexp.MustCompile(`(?i)\bE-?MAILS?\b|@`)
	refMemo        = regexp.MustCompile(`(?i)\bMEMO(?:RANDUM|CON|S)?\b`)
	refTelcon      = regexp.MustCompile(`(?i)\bTELE?CONS?\b|\bPHONE CALL\b|\bTELEPHONE\b`)
	refIIR         = regexp.MustCompile(`(?i)\bIIR\b`)
	multiPosts     = map[string]string{}
	notAPostSet    = map[string]bool{}
)

func init() {
	// Both tables are immutable after init: they are lookup tables, not state.
	for _, p := range []string{
		"USUN NEW YORK", "LA PAZ", "THE HAGUE", "NEW DELHI", "SAN JOSE", "SAN SALVADOR", "SANTO DOMINGO",
		"PORT AU PRINCE", "PORT OF SPAIN", "PORT LOUIS", "PORT MORESBY", "BUENOS AIRES", "SAO PAULO",
		"RIO DE JANEIRO", "KUALA LUMPUR", "TEL AVIV", "ADDIS ABABA", "ABU DHABI", "DAR ES SALAAM",
		"HO CHI MINH CITY", "HONG KONG", "PHNOM PENH", "ST PETERSBURG", "CIUDAD JUAREZ", "NUEVO LAREDO",
		"CAPE TOWN", "USEU BRUSSELS", "UNVIE VIENNA", "USMISSION GENEVA", "CHIANG MAI", "SAN PEDRO SULA",
		"BANDAR SERI BEGAWAN", "GUATEMALA CITY", "MEXICO CITY", "PANAMA CITY", "KUWAIT CITY", "SRI LANKA",
		"ST GEORGES", "CHENGDU", "LAS PALMAS", "PUERTO VALLARTA", "SAN JUAN", "BEN GURION", "PORT SAID",
		"SAO TOME", "USNATO BRUSSELS", "US MISSION GENEVA",
	} {
		multiPosts[p] = strings.ReplaceAll(p, " ", "")
	}
	multiPosts["USMISSION GENEVA"] = "GENEVA"
	multiPosts["US MISSION GENEVA"] = "GENEVA"
	multiPosts["USNATO BRUSSELS"] = "USNATO"
	multiPosts["GUATEMALA CITY"] = "GUATEMALA"
	multiPosts["MEXICO CITY"] = "MEXICO"
	multiPosts["PANAMA CITY"] = "PANAMA"
	multiPosts["KUWAIT CITY"] = "KUWAIT"
	multiPosts["SRI LANKA"] = "COLOMBO"
	for _, w := range strings.Fields(`PARA PARAS PARAGRAPH PARAGRAPHS SECTION SECTIONS PAGE PAGES AND OR OF THE NO NR NUMBER
		IIR TELCON TELECON MEMO EMAIL DATED DTD DTG ON IN FOR FROM TO AT BY YEAR FY JAN FEB MAR APR MAY JUN JUL AUG SEP
		SEPT OCT NOV DEC JANUARY FEBRUARY MARCH APRIL JUNE JULY AUGUST SEPTEMBER OCTOBER NOVEMBER DECEMBER NOTAL EXDIS
		NODIS SIPDIS CABLE CABLES TELEGRAM REFTEL REFTELS REF REFS ALSO SEPTEL USC CFR RES RESOLUTION UNSCR ARTICLE LAW
		DECREE ACT SEC TITLE ITEM ANNEX VOL DOC FAX PHONE ROOM SUITE STREET CIRCULAR WEEK DAY DAYS ROUND STEP PHASE
		PREVIOUS PREVIOUSLY PRIOR RELATED OTHERS OTHER ESTIMATED APPROXIMATELY SOME ALL LAST NEXT FIRST SECOND THIRD
		NOTE NOTES CODE ROOM ZIP BOX TEL TELEPHONE CELL MOBILE EXTENSION EXT HOUSE BILL CASE FILE DOCKET CONTRACT GRANT
		LEVEL TRANCHE CHAPTER PART POINT POINTS TAB ATTACHMENT ENCLOSURE VERSION AMEMBASSY AMCONSUL EMBASSY CONSULATE
		DEPT DEPARTMENT STATEMENT REPORT REPORTS LETTER NOTE DIPNOTE DIPLOMATIC MINUTES UNCLASSIFIED CONFIDENTIAL SECRET
		UNCLAS LIMITED OFFICIAL USE BEFORE AFTER SINCE UNTIL THROUGH INCLUDING PER UNDER ABOUT OVER WITH ONLY TOTAL BOTH`) {
		notAPostSet[w] = true
	}
}

// refsFromText parses the text of one REF section (label removed) into
// references. own is the citing cable's id (self-references are dropped) and
// year its 2-digit year (used when a reference gives none).
func refsFromText(text, own, year string) []graph.Ref {
	text = strings.Join(strings.Fields(text), " ")
	// "REF A: VATICAN 5286; REF B: VATICAN 5546": the first label was
	// consumed with the field name, the others become letter markers.
	text = refLetterLabel.ReplaceAllString(text, " $1. ")
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
	type item struct{ letter, text string }
	var items []item
	expected := byte('A')
	last, lastLetter := 0, ""
	for _, m := range refMarker.FindAllStringSubmatchIndex(text, -1) {
		var l string
		if m[2] >= 0 {
			l = strings.ToUpper(text[m[2]:m[3]])
		} else {
			l = strings.ToUpper(text[m[4]:m[5]])
		}
		impliedA := false
		if l[0] != expected {
			// "VATICAN 5286; REF B: VATICAN 5546": the label of item A was
			// the field's own name, so the text before B is item A.
			if !(expected == 'A' && l[0] == 'B' && strings.TrimSpace(text[:m[0]]) != "") {
				continue
			}
			impliedA = true
		}
		end := m[1]
		if end < len(text) && text[end] != ' ' && (text[end] < '0' || text[end] > '9') {
			continue
		}
		if impliedA {
			lastLetter, expected = "A", 'B'
		}
		if s := strings.TrimSpace(text[last:m[0]]); s != "" || lastLetter != "" {
			items = append(items, item{lastLetter, s})
		}
		last, lastLetter = end, l
		expected++
	}
	items = append(items, item{lastLetter, strings.TrimSpace(text[last:])})

	var out []graph.Ref
	for _, it := range items {
		if it.text == "" {
			continue
		}
		found := cableRefs(it.text, year)
		if len(found) == 0 {
			out = append(out, graph.Ref{Raw: it.text, Kind: refKind(it.text), Letter: it.letter})
			continue
		}
		for _, r := range found {
			if r.ID == own && own != "" {
				continue
			}
			r.Letter = it.letter
			out = append(out, r)
		}
	}
	return out
}

func refKind(s string) string {
	switch {
	case refEmail.MatchString(s):
		return graph.RefEmail
	case refMemo.MatchString(s):
		return graph.RefMemo
	case refTelcon.MatchString(s):
		return graph.RefTelcon
	case refIIR.MatchString(s):
		return graph.RefIIR
	case refDTG.MatchString(s):
		return graph.RefDTG
	}
	return graph.RefOther
}

// cableRefs finds "[YY|YYYY] POST NUMBER" cable references in one REF item.
func cableRefs(s, year string) []graph.Ref {
	toks := refToken.FindAllString(strings.ToUpper(s), -1)
	var out []graph.Ref
	lastPost, lastYear := "", ""
	for i := 0; i < len(toks); i++ {
		t := strings.Trim(toks[i], ".'-/")
		if fusedID.MatchString(t) {
			if id := CanonicalID(t); id != "" {
				out = append(out, graph.Ref{Raw: toks[i], ID: id, Kind: graph.RefCable})
			}
			lastPost = ""
			continue
		}
		if strings.HasSuffix(toks[i], "..") {
			lastPost = "" // truncated extract: the number is cut
			continue
		}
		if !isDigits(t) || len(t) > 7 {
			if t != "," && t != "AND" {
				lastPost = ""
			}
			continue
		}
		post, start := "", i
		for n := 4; n >= 2 && post == ""; n-- {
			if i-n < 0 {
				continue
			}
			if p, ok := multiPosts[strings.Join(toks[i-n:i], " ")]; ok {
				post, start = p, i-n
			}
		}
		if post == "" && i >= 1 && isPostWord(toks[i-1]) {
			post, start = toks[i-1], i-1
			if a, ok := postAliases[post]; ok {
				post = a
			}
		}
		yy := ""
		if post != "" && start >= 1 {
			if y := toks[start-1]; isDigits(y) && (len(y) == 2 || (len(y) == 4 && (y[:2] == "19" || y[:2] == "20"))) {
				yy, start = y[len(y)-2:], start-1
			}
		}
		if post == "" && lastPost != "" && i >= 1 && (toks[i-1] == "," || toks[i-1] == "AND") {
			post, yy, start = lastPost, lastYear, i
		}
		if post == "" {
			continue
		}
		lastPost, lastYear = post, yy
		if yy == "" {
			yy = year
		}
		n, err := strconv.Atoi(t)
		if err != nil || n == 0 {
			continue
		}
		r := graph.Ref{Raw: strings.Join(toks[start:i+1], " "), Kind: graph.RefCable}
		if yy != "" {
			r.ID = yy + post + strconv.Itoa(n)
		}
		out = append(out, r)
	}
	return out
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isPostWord(w string) bool {
	if len(w) < 4 || notAPostSet[w] {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

// mergeRefs appends refs not already present (by id for cables, by raw
// text otherwise), so that duplicate header blocks and a second REF section
// add only what is new.
func mergeRefs(dst []graph.Ref, add ...graph.Ref) []graph.Ref {
	for _, r := range add {
		dup := false
		for _, d := range dst {
			if (r.ID != "" && d.ID == r.ID) || (r.ID == "" && d.ID == "" && d.Raw == r.Raw) {
				dup = true
				break
			}
		}
		if !dup {
			dst = append(dst, r)
		}
	}
	return dst
}
