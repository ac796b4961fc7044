package parse

import (
	"strconv"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
)

// header is what the block before the first paragraph says.
type header struct {
	banner     string
	caveats    []string
	subject    string
	tags       []string
	refs       []graph.Ref
	classifier *graph.Classifier
	declassify string
	addressees []string // "NSC FOR HELGERSON": handling lines before the fields
	bodyStart  int
	lines      []string // the input lines, split where a field started mid-line
}

// cleanText removes what is not the cable's text: cablegate's paragraph
// pilcrows, non-breaking spaces and page-break markers (also mid-sentence).
func cleanText(s string) string {
	s = cleanChars(s)
	if mayHoldOldPage(s) {
		s = oldPage.ReplaceAllString(s, "\n")
	}
	s = removePageMarkers(s)
	// Some extracts glue the header fields onto one line
	// ("002766SIPDIS\nNOFORNE.O. 12958: DECL: ... TAGS: ..."): split them.
	head := s[:min(len(s), 1500)]
	if h, ok := splitGluedFields(head); ok {
		s = h + s[len(head):]
	}
	return s
}

// parseHeader reads the header fields from the lines before the first
// numbered paragraph. A repeated header block (the page-text format prints
// it twice) is read once: later copies only add what is new.
func parseHeader(lines []string, own, year string) header {
	var h header
	field := ""
	var buf []string
	seenSubject, seenAny, afterSubject := false, false, 0
	flush := func() {
		if field == "" {
			return
		}
		txt := strings.Join(buf, "\n")
		switch field {
		case "tags":
			if h.tags == nil {
				h.tags = parseTags(strings.Join(buf, " "))
			}
		case "subject":
			if h.subject == "" {
				if loc := subjCut.FindStringIndex(txt); loc != nil {
					// "SUBJECT: ... REF: A. ... Classified By: ..." on one line
					rest := txt[loc[0]:]
					txt = txt[:loc[0]]
					if r := refStart.FindStringIndex(strings.TrimSpace(rest)); r != nil {
						rest = strings.TrimSpace(rest)
						refTxt := rest[r[1]:]
						if c := classMid.FindStringIndex(refTxt); c != nil {
							if h.classifier == nil {
								h.classifier = parseClassifier(cutAnchored(classField, strings.TrimLeft(refTxt[c[0]:], "\" ")))
							}
							refTxt = refTxt[:c[0]]
						}
						h.refs = mergeRefs(h.refs, refsFromText(refTxt, own, year)...)
					} else if h.classifier == nil {
						h.classifier = parseClassifier(cutAnchored(classField, strings.TrimLeft(rest, "\" ")))
					}
				}
				h.subject = strings.Join(strings.Fields(txt), " ")
			}
		case "ref":
			h.refs = mergeRefs(h.refs, refsFromText(txt, own, year)...)
		case "class":
			if h.classifier == nil {
				h.classifier = parseClassifier(txt)
			}
		case "eo":
			if h.declassify == "" {
				if m := declValue.FindStringSubmatch(txt); m != nil {
					h.declassify = normDecl(m[1])
				} else if t := strings.TrimSpace(txt); t != "" {
					h.declassify = normDecl(t)
				}
			}
		}
		field, buf = "", nil
	}
	i, contLines, brokeAtPara := 0, 0, false
	for ; i < len(lines); i++ {
		l := lines[i]
		t := strings.TrimSpace(l)
		if m := findParaStart(t); m != nil && (m[1] == "1" || m[2] != "") {
			brokeAtPara = true
			break
		}
		if p := markedProseAt(l); p >= 0 && (field != "" || isHeaderField(l)) {
			if strings.TrimSpace(l[:p]) == "" {
				if seenAny {
					h.bodyStart = i
					break // an unnumbered marked paragraph: the body
				}
			} else {
				// a paragraph glued onto a header line: cut it off
				rest := append([]string{l[p:]}, lines[i+1:]...)
				lines = append(lines[:i], l[:p])
				lines = append(lines, rest...)
				l = lines[i]
				t = strings.TrimSpace(l)
			}
		}
		if t == "" {
			if field == "ref" && nextStartsRefItem(lines, i+1) {
				continue
			}
			flush()
			continue
		}
		var loc []int
		if mayHoldClassifiedBy(l) {
			loc = classMid.FindStringIndex(l)
			if loc == nil && (field == "ref" || isRefStart(l)) {
				loc = classMidRef.FindStringIndex(l)
			}
		}
		if loc != nil && field != "class" && !isClassField(l[:loc[0]]) && strings.TrimSpace(l[:loc[0]]) != "" {
			// "REF: STATE 203310 Classified By: ..." on one line.
			lines[i] = l[:loc[0]]
			rest := append([]string{strings.TrimSpace(l[loc[0]:])}, lines[i+1:]...)
			lines = append(lines[:i+1], rest...)
			l = lines[i]
			t = strings.TrimSpace(l)
		}
		switch {
		case len(t) < 120 && isBannerLine(t):
			flush()
			if h.banner == "" {
				h.banner = t
			}
			h.caveats = addCaveats(h.caveats, t)
			seenAny = true
			h.bodyStart = i + 1
			continue
		case isCaveatOnly(t):
			flush()
			h.caveats = addCaveats(h.caveats, t)
			if seenAny {
				h.bodyStart = i + 1
			}
			continue
		case isHeaderField(l):
			flush()
			seenAny = true
			contLines = 0
			switch {
			case tagsField.MatchString(l):
				field, buf = "tags", []string{cutAnchored(tagsField, l)}
			case subjField.MatchString(l):
				field, buf = "subject", []string{cutAnchored(subjField, l)}
				seenSubject = true
			case isRefStart(l):
				field, buf = "ref", []string{cutAnchored(refStart, l)}
			case isClassField(l):
				field, buf = "class", []string{cutAnchored(classField, l)}
			default:
				field, buf = "eo", []string{cutAnchored(eoField, l)}
			}
			h.bodyStart = i + 1
			continue
		}
		if field != "" && !isSummaryHead(t) && !isDashes(t) {
			contLines++
			limit := 3
			if field == "ref" {
				limit = 30
			}
			if contLines <= limit {
				buf = append(buf, l)
				h.bodyStart = i + 1
				continue
			}
		}
		flush()
		if seenAny && !seenSubject && isAddresseeLine(t) {
			h.addressees = append(h.addressees, strings.Join(strings.Fields(t), " "))
			continue
		}
		if seenSubject {
			afterSubject++
		}
		if afterSubject > 12 || i > 100 {
			break
		}
	}
	flush()
	if !seenAny {
		h.bodyStart = 0
	}
	_ = brokeAtPara
	h.lines = lines
	return h
}

func nextStartsRefItem(lines []string, i int) bool {
	for ; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if t == "" {
			continue
		}
		if len(t) >= 2 && (t[0] == '(' || ((t[1] == '.' || t[1] == ')') && t[0] >= 'A' && t[0] <= 'Z')) {
			return !isHeaderField(t)
		}
		return false
	}
	return false
}

func isDashes(t string) bool {
	return t != "" && strings.Trim(t, "-=_ ") == ""
}

func addCaveats(dst []string, s string) []string {
	return appendCaveatWords(dst, s)
}

func appendUnique(dst []string, s string) []string {
	for _, d := range dst {
		if d == s {
			return dst
		}
	}
	return append(dst, s)
}

// routing is what the routing lines say.
type routing struct {
	dtg, precedence, from string
	to, info              []string
}

var precedences = map[string]string{"Z": "FLASH", "O": "IMMEDIATE", "P": "PRIORITY", "R": "ROUTINE", "Y": "EMERGENCY"}

func parseRouting(lines []string) routing {
	var r routing
	section := ""
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		if r.dtg == "" {
			if m := findDTGLine(t); m != nil {
				r.dtg = strings.Join(strings.Fields(m[2]), " ")
				r.precedence = precedences[m[1]]
				continue
			}
		}
		switch {
		case strings.HasPrefix(t, "FM "):
			r.from = strings.TrimSpace(trimAddrPrefix(t[3:]))
			section = ""
		case strings.HasPrefix(t, "TO "):
			section = "to"
			r.to = appendAddr(r.to, t[3:])
		case strings.HasPrefix(t, "INFO "):
			section = "info"
			r.info = appendAddr(r.info, t[5:])
		case t == "BT" || strings.HasPrefix(t, "ZEN") || strings.HasPrefix(t, "SPECIAL HANDLING") || isBannerLine(t):
			section = ""
		case section == "to":
			r.to = appendAddr(r.to, t)
		case section == "info":
			r.info = appendAddr(r.info, t)
		}
	}
	return r
}

func appendAddr(dst []string, s string) []string {
	s = strings.TrimSpace(s)
	if startsWithAny(s, "R") {
		s = trimAddrPrefix(s)
	}
	s = trimAddrSuffix(s)
	s = strings.TrimSpace(s)
	if s == "" {
		return dst
	}
	return appendUnique(dst, s)
}

// originOf names the sending post the way the cablegate metadata does.
func originOf(from string) string {
	w := strings.Fields(from)
	if len(w) == 0 {
		return ""
	}
	title := func(ws []string) string {
		out := make([]string, len(ws))
		for i, x := range ws {
			if len(x) <= 4 && strings.HasPrefix(x, "US") || x == "USUN" || x == "USEU" || x == "USNATO" || x == "UNVIE" {
				out[i] = x
				continue
			}
			out[i] = x[:1] + strings.ToLower(x[1:])
		}
		return strings.Join(out, " ")
	}
	switch w[0] {
	case "AMEMBASSY":
		return "Embassy " + title(w[1:])
	case "AMCONSUL":
		return "Consulate " + title(w[1:])
	case "SECSTATE":
		return "Secretary of State"
	case "USMISSION":
		return "Mission " + title(w[1:])
	}
	return title(w)
}

// canonicalFromBanner builds an id from the banner's "MOSCOW 000235" and a
// 2-digit year.
func canonicalFromBanner(banner, yy string) string {
	post, serial := bannerPostSerial(banner)
	if post == "" || yy == "" {
		return ""
	}
	n, err := strconv.Atoi(serial)
	if err != nil {
		return ""
	}
	return CanonicalID(yy + strings.ReplaceAll(post, " ", "") + strconv.Itoa(n))
}
