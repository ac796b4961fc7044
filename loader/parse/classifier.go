package parse

import (
	"regexp"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
)

var (
	classPrefix  = regexp.MustCompile(`(?i)^\s*(?:\(U\)\s*)?(?:classified\s+by\s*:?\s*)+`)
	reasonsStart = regexp.MustCompile(`(?i)(?:[,;.:\-]\s*|\s+|^)(?:for\s+|under\s+|per\s+)?(?:reas\w*|rea\s+sons?|reaons?|rsns?)\b|(?:[,;.]\s*|\s+)(?:E\.\s?O\.|EO)\s*1\d{4}|(?:[,;.]\s*|\s+|^)1\s?\.\s?[4-6]\b`)
	reasonNum    = regexp.MustCompile(`1\s?\.\s?[4-6]`)
	nameWord     = regexp.MustCompile(`^(?:[A-Z][A-Za-z'’.\-]*|[A-Z]\.|Jr\.?|Sr\.?|II|III|IV|[A-Z][a-z]+[A-Z][A-Za-z'’\-]*)$`)
	titleWords   = map[string]bool{}
	splitFor     = regexp.MustCompile(`(?i)\s+(?:fo\s+r|p\s?e\s+r|f\s+or)\s*$`)
)

func init() {
	for _, w := range strings.Fields(`ambassador amb ambassador-designate charge chargé d'affaires d’affaires affaires a.i. a.i ai
		dcm a/dcm deputy chief chiefs of mission political pol economic econ economics counselor counsellor couns minister
		minister-counselor officer section principal consul consul-general general acting director dir dir. secretary
		assistant under head office affairs public regional coordinator special envoy representative permanent polcouns
		econcouns poloff econoff polecon pol/econ econ/pol political/economic economic/political management attache
		defense military rso legal adviser advisor and for the u.s. us usg embassy mission usun useu usnato dept department
		state bureau unit team leader senior senior-level deputy-chief mincouns polmincouns econmincouns pmc cda amb.
		ambassador. charg charge' interim dep. polchief econchief pao ds consular commercial agricultural labor science
		environment press cultural executive exec staff ops operations program manager acting. a/s das pdas s/e spokesman
		polecon. deputy. polcounselor polmc ecpo ecpo. pas ciso nsc nas narcotics inl office. embassy. minister-counsellor
		counselor. officer. chief. head. of. pol. econ. dcm. cdr col gen adm ltc lieutenant colonel general. admiral
		commander mr mr. ms ms. mrs mrs. dr dr. by reason reasons per mc adcm deppolcouns econmin polmin congen cg
		d'affairs d'affaire affaire a.i.) ambasador dtro pas arso rsso lt col. maj capt dep depcouns econ-pol pol-econ
		pol/mil polmil polmilcouns ecopol ecpol counsellor. couselor counseor minister-counseor a/pol a/polcouns a/econcouns
		deputy-director m-c isn permrep watch interagency provincial dpo cons pa pao. ica dhs fbi dea legatt attache. naval army air force ustr fas osc`) {
		titleWords[w] = true
	}
}

// trailingStop words end the who-part before the reasons.
var trailingStop = map[string]bool{"for": true, "per": true, "by": true, "under": true, "reason": true, "reasons": true, "and": true, "based": true, "upon": true, "on": true}

func isTitleWord(w string) bool {
	l := strings.ToLower(strings.Trim(w, ",;:"))
	if titleWords[l] || titleWords[strings.TrimSuffix(l, ".")] || strings.Contains(l, "/") {
		return true
	}
	if strings.Contains(l, "-") {
		for _, p := range strings.Split(l, "-") {
			if p != "" && !titleWords[p] {
				return false
			}
		}
		return true
	}
	return false
}

// nameParticles join the words of a surname ("Carol van Voorst").
var nameParticles = map[string]bool{"van": true, "von": true, "de": true, "del": true, "della": true, "der": true, "da": true, "di": true, "du": true, "la": true, "le": true, "bin": true, "al": true, "el": true, "st.": true}

func isNameWord(w string) bool {
	w = strings.Trim(w, ",;:")
	return w != "" && nameWord.MatchString(w) && !isTitleWord(w) && !strings.Contains(strings.ToUpper(w), "XXXX")
}

// parseClassifier reads the text after "Classified By:": who (name and
// title, in either order) and the reasons.
func parseClassifier(s string) *graph.Classifier {
	s = strings.Join(strings.Fields(cutAnchored(classPrefix, s)), " ")
	c := &graph.Classifier{}
	who := s
	if loc := reasonsStart.FindStringIndex(s); loc != nil {
		who = s[:loc[0]]
		c.Reasons = parseReasons(s[loc[0]:])
	}
	c.Name, c.Title = splitWho(who)
	return c
}

func parseReasons(s string) []string {
	idx := reasonNum.FindAllStringIndex(s, -1)
	var out []string
	for i, loc := range idx {
		end := len(s)
		if i+1 < len(idx) {
			end = idx[i+1][0]
		}
		num := strings.Join(strings.Fields(s[loc[0]:loc[1]]), "")
		num = strings.ReplaceAll(num, " ", "")
		rest := s[loc[1]:end]
		if j := strings.Index(rest, ". "); j >= 0 {
			rest = rest[:j]
		}
		rest = strings.Join(strings.Fields(rest), " ")
		rest = strings.TrimRight(strings.TrimSpace(rest), ".,;: ")
		rest = strings.TrimSuffix(strings.TrimSuffix(rest, " and"), " AND")
		rest = strings.TrimRight(rest, ".,;: ")
		if len(rest) > 30 {
			rest = strings.TrimSpace(rest[:30])
		}
		if rest != "" {
			num += " " + rest
		}
		out = append(out, num)
	}
	return out
}

// splitWho separates the classifier's name from their title: "Political
// Minister-Counselor Alice G. Wells", "Jeffrey D. Feltman, Ambassador",
// "Gene A. Cretz  Ambassador".
func splitWho(who string) (name, title string) {
	if i := strings.Index(who, "..."); i >= 0 {
		// truncated extract: drop the cut word and what follows
		j := strings.LastIndexAny(who[:i], " \t\n")
		who = who[:j+1]
	}
	who = splitFor.ReplaceAllString(who, "")
	who = strings.Trim(strings.TrimSpace(who), " ,;:-")
	if l := strings.ToLower(who); !strings.HasSuffix(l, "jr.") && !strings.HasSuffix(l, "a.i.") && !strings.HasSuffix(l, "sr.") {
		who = strings.TrimRight(who, " .,;:-")
	}
	if who == "" {
		return "", ""
	}
	parts := strings.Split(who, ",")
	// "Robert O. Blake, Jr." keeps its suffix.
	for i := 1; i < len(parts); i++ {
		if p := strings.ToUpper(strings.TrimSpace(parts[i])); p == "JR." || p == "JR" || p == "SR." || p == "III" || p == "II" {
			parts[i-1] += ", " + strings.TrimSpace(parts[i])
			parts = append(parts[:i], parts[i+1:]...)
			i--
		}
	}
	var titles []string
	for i, p := range parts {
		words := strings.Fields(p)
		for k, w := range words {
			if strings.HasSuffix(w, "...") || strings.HasSuffix(w, "…") {
				words = words[:k] // truncated extract: the rest is not there
				break
			}
		}
		for len(words) > 0 && trailingStop[strings.ToLower(strings.Trim(words[len(words)-1], ".,;:"))] {
			words = words[:len(words)-1]
		}
		if name == "" {
			n, t := nameRun(words)
			if n != "" {
				name = n
				if t != "" {
					titles = append(titles, t)
				}
				continue
			}
		}
		if t := strings.Join(words, " "); t != "" && (name == "" || i > 0) {
			titles = append(titles, t)
		}
	}
	return name, strings.Trim(strings.Join(titles, ", "), " ,")
}

// nameRun finds a run of name words at the end of words (title first) or,
// failing that, at the start (name first).
func nameRun(words []string) (name, title string) {
	i := len(words)
	for i > 0 && (isNameWord(words[i-1]) || (i < len(words) && nameParticles[strings.ToLower(words[i-1])])) {
		i--
	}
	if i < len(words) {
		return strings.TrimRight(strings.Join(words[i:], " "), ",;:"), strings.Join(words[:i], " ")
	}
	j := 0
	for j < len(words) && isNameWord(words[j]) {
		j++
	}
	if j > 0 {
		return strings.TrimRight(strings.Join(words[:j], " "), ",;:"), strings.Join(words[j:], " ")
	}
	return "", strings.Join(words, " ")
}
