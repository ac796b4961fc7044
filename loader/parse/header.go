package parse

import (
	"regexp"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
)

var (
	bannerLine  = regexp.MustCompile(`^\s*(?:C\s?O\s?N\s?F\s?I\s?D\s?E\s?N\s?T\s?I\s?A\s?L|S\s?E\s?C\s?R\s?E\s?T|U\s?N\s?C\s?L\s?A\s?S(?:\s?S\s?I\s?F\s?I\s?E\s?D)?|LIMITED OFFICIAL USE)\b`)
	headerField = regexp.MustCompile(`(?i)^\s*(?:TAGS\b|SUBJ(?:ECT)?\s*:|E\.?\s?O\.?\s*1\d{4}|EO\s*1\d{4}|DECL(?:ASSIFY)?\s*:|REF(?:S|TEL|TELS|ERENCES?|\(S\))?\s*:|REFS?\s+(?:\(A\)|A[.)])\s|REF\s+A\s*:|(?:\(U\)\s*)?CLASSIFIED\s+BY\b)`)
	subjCut     = regexp.MustCompile(`(?i)\s(?:REF(?:S|TEL)?:|"?CLASSIFIED\s+BY:)`)
	tagsField   = regexp.MustCompile(`(?i)^\s*TAGS\b\s*:?\s*`)
	subjField   = regexp.MustCompile(`(?i)^\s*SUBJ(?:ECT)?\s*:\s*`)
	eoField     = regexp.MustCompile(`(?i)^\s*(?:E\.?\s?O\.?|EO)\s*1\d{4}\s*:?\s*|^\s*DECL(?:ASSIFY)?\s*:\s*`)
	declValue   = regexp.MustCompile(`(?i)\bDECL(?:ASSIFY)?(?:\s+ON)?\s*:?\s*(\S.*)`)
	classField  = regexp.MustCompile(`(?i)^\s*(?:\(U\)\s*)?CLASSIFIED\s+BY\b\s*:?\s*`)
	classMid    = regexp.MustCompile(`(?i)["\s](?:\(U\)\s*)?CLASSIFIED\s+BY\s*:`)
	classMidRef = regexp.MustCompile(`(?i)\s(?:\(U\)\s*)?CLASSIFIED\s+BY\b`)
	paraStart   = regexp.MustCompile(`^\s*(\d{1,3})\s?\.(?:\s+|\s*\()(?:\(([A-Z]{1,4}(?:/{1,2}[A-Z]{1,6})*)\)\s*)?(.*)$`)
	summaryHead = regexp.MustCompile(`(?i)^\s*-*\s*(?:SUMMARY|SUMMARY AND COMMENT|INTRODUCTION AND SUMMARY)\s*[:.-]*\s*(?:$|[A-Z])`)
	caveatWord  = regexp.MustCompile(`\b(NOFORN|SIPDIS|NODIS|EXDIS|LIMDIS|ORCON|STADIS|PROPIN|FOUO|NOCONTRACT|IMCON)\b`)
	caveatOnly  = regexp.MustCompile(`^\s*(?:(?:NOFORN|SIPDIS|NODIS|EXDIS|LIMDIS|ORCON|STADIS|PROPIN|FOUO|NOCONTRACT|CXNDIS|SENSITIVE|E F T O|EFTO)[\s,;/.]*)+$`)
	sectionOf   = regexp.MustCompile(`\bSECTION\s+\d+\s+OF\s+\d+\b`)
	bannerPost  = regexp.MustCompile(`([A-Z][A-Z ]*[A-Z])\s+0*(\d{1,7})\s*$`)
	oldPage     = regexp.MustCompile(`[ \t]*(?:\b(?:CONFIDENTIAL|SECRET|UNCLASSIFIED|UNCLAS|LIMITED OFFICIAL USE)\b[ \t]*)?\n?[ \t]*PAGE \d{2,3} +[A-Z][A-Z ]*? +\d{3,8} +\d{2,3} +OF +\d{2,3} +\d{6}Z[ \t]*`)
	dtgLine     = regexp.MustCompile(`^\s*([ZOPRY])(?:\s*[ZOPRY])?\s+(\d{6}Z\s+[A-Z]{3}\s+\d{2,4})\b`)
)

// Immutable replacers (safe for concurrent use), built once.
var (
	blankRemover = strings.NewReplacer(" ", "", "\t", "")
	bannerNoise  = strings.NewReplacer("E F T O", " ", "SENSITIVE", " ", "FOR OFFICIAL USE ONLY", " ", "//", " ", "/", " ")
)

// classification levels as a banner or a metadata value spells them.
func normClassification(s string) (level string, noforn, fouo bool) {
	u := strings.ToUpper(s)
	squeezed := blankRemover.Replace(u)
	switch {
	case strings.HasPrefix(squeezed, "SECRET") || strings.Contains(squeezed, "//SECRET"):
		level = graph.Secret
	case strings.HasPrefix(squeezed, "CONFIDENTIAL"):
		level = graph.Confidential
	case strings.HasPrefix(squeezed, "UNCLAS"), strings.HasPrefix(squeezed, "LIMITEDOFFICIALUSE"):
		level = graph.Unclassified
	}
	noforn = strings.Contains(squeezed, "NOFORN")
	fouo = strings.Contains(squeezed, "FOROFFICIALUSEONLY") || strings.Contains(squeezed, "FOUO") || strings.HasPrefix(squeezed, "LIMITEDOFFICIALUSE")
	return level, noforn, fouo
}

func classificationOf(level string, noforn, fouo bool) string {
	switch level {
	case graph.Secret:
		if noforn {
			return graph.SecretNF
		}
	case graph.Confidential:
		if noforn {
			return graph.ConfidentialNF
		}
	case graph.Unclassified:
		if fouo {
			return graph.UnclassifiedFOUO
		}
	}
	return level
}

// squeezeBanner turns "C O N F I D E N T I A L SECTION 01 OF 02 MOSCOW
// 000235" into its post and serial once the level and caveats are removed.
func bannerPostSerial(line string) (post, serial string) {
	s := strings.TrimSpace(line)
	loc := bannerLine.FindStringIndex(s)
	if loc == nil {
		return "", ""
	}
	s = s[loc[1]:]
	s = sectionOf.ReplaceAllString(s, " ")
	s = caveatWord.ReplaceAllString(s, " ")
	s = bannerNoise.Replace(s)
	s = strings.Join(strings.Fields(s), " ")
	m := bannerPost.FindStringSubmatch(s)
	if m == nil {
		return "", ""
	}
	return m[1], m[2]
}

// parseTags splits a TAGS line: separators are spaces, commas and
// semicolons; a parenthesised group is one (person) tag; OVIP is followed by
// the visitor's name; fused codes such as RUPREL are split.
func parseTags(s string) []string {
	s = strings.ToUpper(strings.TrimSpace(s))
	var toks []string
	for s != "" {
		s = strings.TrimLeft(s, " \t\n,;")
		if s == "" {
			break
		}
		if s[0] == '(' {
			end := strings.IndexByte(s, ')')
			if end < 0 {
				end = len(s) - 1
			}
			if t := strings.Join(strings.Fields(strings.Trim(s[1:end+1], "()")), " "); t != "" {
				toks = append(toks, "("+t+")")
			}
			s = s[end+1:]
			continue
		}
		end := strings.IndexAny(s, " \t\n,;(")
		if end < 0 {
			end = len(s)
		}
		toks = append(toks, strings.Trim(s[:end], ".:"))
		s = s[end:]
	}
	var out []string
	add := func(t string) {
		if t == "" {
			return
		}
		for _, o := range out {
			if o == t {
				return
			}
		}
		out = append(out, t)
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if strings.HasPrefix(t, "(") {
			add(strings.Trim(t, "()"))
			continue
		}
		if t == "OVIP" && i+2 < len(toks) && isNameTag(toks[i+1]) && isNameTag(toks[i+2]) {
			add(t)
			name := []string{toks[i+1], toks[i+2]}
			i += 2
			if i+1 < len(toks) && isNameTag(toks[i+1]) && !commonTags[toks[i+1]] {
				name = append(name, toks[i+1])
				i++
			}
			add(strings.Join(name, " "))
			continue
		}
		if a, b, ok := splitFused(t); ok {
			add(a)
			add(b)
			continue
		}
		add(t)
	}
	return out
}

// isNameTag: a word of a person's name in a TAGS line, not a tag code.
func isNameTag(t string) bool {
	if len(t) < 3 || commonTags[t] || strings.HasPrefix(t, "(") {
		return false
	}
	for _, r := range t {
		if (r < 'A' || r > 'Z') && r != '-' && r != '\'' && r != '.' {
			return false
		}
	}
	return true
}

// commonTags are subject codes frequent enough to recognise inside fused
// tokens ("RUPREL", "KDEMAF"); program tags such as KVPR are never split.
var commonTags = map[string]bool{}

func init() {
	for _, t := range strings.Fields(`PREL PGOV ECON PHUM PTER MARR KDEM ETRD EFIN EINV SOCI KCRM SNAR PINR ENRG KNNP MOPS
		MASS PARM EAID ELAB EAGR SENV KJUS KPAO ASEC CASC CVIS KISL KPKO KIRF PINS EPET KTFN OVIP OREP AMGT TBIO KFLU SMIG
		PREF KCOR KWMN UNSC NATO EUN`) {
		commonTags[t] = true
	}
}

func splitFused(t string) (string, string, bool) {
	if commonTags[t] {
		return "", "", false
	}
	switch len(t) {
	case 6:
		if commonTags[t[2:]] && isUpper(t[:2]) {
			return t[:2], t[2:], true
		}
		if commonTags[t[:4]] && isUpper(t[4:]) {
			return t[:4], t[4:], true
		}
	case 8:
		if commonTags[t[:4]] && commonTags[t[4:]] {
			return t[:4], t[4:], true
		}
	}
	return "", "", false
}

func isUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return s != ""
}
