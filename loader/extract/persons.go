package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cablegraph/cablegraph/graph"
)

// pstate is one person within a cable, keyed by the NameKey of the surname.
type pstate struct {
	surname  string
	name     string
	words    int
	aliases  map[string]bool
	roles    map[string]bool
	country  string
	strength int // how strong the country tie is: 3 text, 2 US role/header, 1 host role
	how      map[string]bool
	count    int
	paras    map[int]bool
	first    int // order of discovery
}

// Country tie strengths.
const (
	tieNone = iota
	tieHost
	tieUS
	tieText
)

// speechVerbs follow a person's name ("Lavrov told").
var speechVerbs = toSet(`said says told tells stated stressed noted added argued asserted claimed explained complained reiterated
emphasized emphasised underscored commented responded replied agreed asked urged warned met meets called phoned telephoned wrote insisted
acknowledged confirmed denied suggested expressed announced declared proposed believes thinks hoped hopes promised pledged assured informed
indicated opined observed lamented predicted remarked recalled described characterized cautioned conceded admitted alleged maintained
offered raised thanked welcomed criticized accused visited traveled travelled intends briefed pressed reassured signed discussed spoke
talked negotiated received hosted expected reported stressed expects believed feared worried agreed delivered
claims notes adds argues explains stresses insists states warns urges asserts maintains recalls suggests complains confirms
denies reports writes emphasizes underscores acknowledges admits predicts fears agrees replies responds`)

// objectVerbs precede a person's name ("told Jeremic", "met with Medvedev").
var objectVerbs = toSet(`told met meet meeting meets thanked urged asked informed assured called phoned telephoned briefed pressed
reassured invited received hosted visited`)

func toSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// nameWord reports whether token i can be part of a person's name.
func (r *run) nameWord(s *sent, i int) bool {
	if i < 0 || i >= len(s.toks) {
		return false
	}
	t := &s.toks[i]
	if !t.word || s.mark[i] != markNone {
		return false
	}
	if t.nw == 0 { // the answer below depends on the word only: memoise it
		t.nw = 2
		if r.staticNameWord(t) {
			t.nw = 1
		}
	}
	return t.nw == 1
}

// staticNameWord is the part of nameWord that depends on the word alone.
func (r *run) staticNameWord(t *token) bool {
	if !r.caps && (!t.cap || t.upper) {
		return false
	}
	lx := r.e.lx
	if lx.notNameSD[t.lower] || pluralAcronym(t.text) {
		return false
	}
	if k := strings.IndexByte(t.lower, '/'); k >= 0 && (lx.notName[t.lower[:k]] || lx.notName[t.lower[k+1:]]) {
		return false // "Pol/Econ"
	}
	if !r.caps && r.lowerAfterHyphen(t.text) {
		return false // "Follow-up", "Chairman-in-Office", "Pro-government"
	}
	if _, ok := lx.titles[t.lower]; ok {
		return false
	}
	if t.upper {
		if _, ok := r.e.t.Tag(t.text); ok {
			return false
		}
	}
	letters := 0
	for _, c := range t.text {
		if unicode.IsDigit(c) {
			return false
		}
		if unicode.IsLetter(c) {
			letters++
		}
	}
	if letters < 2 || strings.Contains(t.lower, "xxx") {
		return false
	}
	if r.caps {
		// Capitals say nothing here: a common English word ("GENERAL
		// TELLS", "ANNUAL LENTEN") is not taken for a name.
		if lx.given[t.lower] {
			return true
		}
		if lx.common[t.lower] {
			return r.e.actors != nil && r.e.actors.commonSurnames[t.lower]
		}
		return !commonSuffix(t.lower)
	}
	return t.cap && !t.upper
}

// hyphenCommon are lower-case words that, after a hyphen, make a
// capitalised compound a common word or a title ("Follow-up",
// "Chairman-in-Office", "Zhirinovskiy-led", "Minister-equivalent").
var hyphenCommon = toSet(`up in on of off out over down led era type based run related equivalent required elect designate
level style like owned backed born ins`)

// lowerAfterHyphen reports a capitalised word with a lower-case common word
// after a hyphen: never a name. Lower-case syllables of Korean and Chinese
// names ("Kim Jong-il", "Ban Ki-moon") are not common words and stay.
func (r *run) lowerAfterHyphen(w string) bool {
	c, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(c) || !strings.Contains(w, "-") {
		return false
	}
	for _, part := range strings.Split(w, "-")[1:] {
		p, _ := utf8.DecodeRuneInString(part)
		if !unicode.IsLower(p) {
			continue
		}
		if hyphenCommon[part] || r.e.lx.notName[part] {
			return true
		}
		if _, ok := r.e.lx.titles[part]; ok {
			return true
		}
	}
	return false
}

// headingRule reports whether token i is next to a rule of dashes
// ("---- Obama Speech Follow-up ----"): the words there are a heading.
func headingRule(toks []token, i int) bool {
	return i >= 1 && i < len(toks) && toks[i].text == "--" && (toks[i-1].text == "--" || i+1 < len(toks) && toks[i+1].text == "--")
}

// pluralAcronym reports an acronym with a plural s ("MPs", "NGOs",
// "FMs"): a group, never one person's name.
func pluralAcronym(w string) bool {
	n := len(w)
	if n < 3 || w[n-1] != 's' {
		return false
	}
	for i := 0; i < n-1; i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

// weakOnly reports whether a person was found only by the weak text rules
// (a bare capitalised pair, or a word before a speech verb).
func weakOnly(p *pstate) bool {
	for h := range p.how {
		if h != "name" && h != "verb" && h != "actor" {
			return false
		}
	}
	return len(p.how) > 0
}

// dropCommonWords removes persons found only by the weak rules whose
// surname the same cable also writes in lower case mid-sentence ("the
// Board", "climate change", "the review"): a word the cable itself uses
// as a common word is not a surname there. ALL-CAPS cables give no such
// evidence.
func (r *run) dropCommonWords() {
	if r.caps {
		return
	}
	var weak map[string]string
	for k, p := range r.ps {
		if weakOnly(p) {
			if weak == nil {
				weak = map[string]string{}
			}
			weak[strings.ToLower(p.surname)] = k
		}
	}
	if weak == nil {
		return
	}
	for _, s := range r.sents {
		for i, t := range s.toks {
			if !t.word {
				continue
			}
			if t.cap {
				// "The Boeing Corporation", "the Darfur Region": a word the
				// cable puts before a capitalised generic noun names a thing.
				if k, ok := weak[t.lower]; ok && i+1 < len(s.toks) && s.toks[i+1].word && s.toks[i+1].cap && orgNoun[s.toks[i+1].lower] {
					r.removePerson(k)
					delete(weak, t.lower)
				}
				continue
			}
			if k, ok := weak[t.lower]; ok {
				r.removePerson(k)
				delete(weak, t.lower)
			}
		}
	}
}

// orgNoun are the capitalised nouns after which the word before names an
// organization or a place ("Boeing Corporation", "Darfur Region").
var orgNoun = toSet(`corporation corp company co inc ltd group airlines airways bank foundation institute university party
ministry province region district river lake mountains island islands city airport port holding holdings industries`)

// removePerson forgets the person with surname key k.
func (r *run) removePerson(k string) {
	delete(r.ps, k)
	for i, o := range r.order {
		if o == k {
			r.order = append(r.order[:i], r.order[i+1:]...)
			break
		}
	}
}

// phraseGoesOn reports whether the capitalised word at end continues a
// longer capitalised phrase that is not a name ("General Penal Code",
// "met with Presidential Chief of Staff"): a title or a word that is never
// a name right after a one-word name says the word was an adjective.
func (r *run) phraseGoesOn(s *sent, end int) bool {
	if r.caps || end >= len(s.toks) || end > 0 && s.toks[end-1].poss {
		return false
	}
	t := s.toks[end]
	return t.word && t.cap && (s.mark[end] == markTitle || r.e.lx.notNameS[t.lower])
}

// commonSuffix reports English word endings that names rarely have; in
// ALL-CAPS text, where capitals say nothing, it keeps "RETURNED" and
// "CONSIDERING" from being taken for surnames.
func commonSuffix(w string) bool {
	for _, suf := range []string{"ed", "ing", "ly", "tion", "tions", "sion", "sions", "ment", "ments", "ness", "ity", "ance", "ence", "ive", "able", "ism", "ist", "ists", "ies", "ful", "ous", "ship", "ward", "wards"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	return false
}

// initial reports whether token i is an initial such as "G.".
func initial(s *sent, i int) bool {
	if i < 0 || i >= len(s.toks) {
		return false
	}
	t := s.toks[i].text
	return len(t) == 2 && t[1] == '.' && t[0] >= 'A' && t[0] <= 'Z'
}

// nameRun returns the end (exclusive) of the longest name starting at i:
// name words with initials and particles inside, at most five words.
func (r *run) nameRun(s *sent, i int) int {
	j, words := i, 0
	for j < len(s.toks) && words < 5 {
		switch {
		case r.nameWord(s, j):
			j++
			if !r.e.lx.nameParts[s.toks[j-1].lower] { // "Bin", "Al" do not count
				words++
			}
			if s.toks[j-1].poss {
				return j
			}
		case words > 0 && (initial(s, j) || r.e.lx.nameParts[s.toks[j].lower]) && r.nameWord(s, j+1):
			j++
		case words > 0 && r.e.lx.nameParts[s.toks[j].lower] && j+2 < len(s.toks) && r.e.lx.nameParts[s.toks[j+1].lower] && r.nameWord(s, j+2):
			j += 2 // "Fernandez de la Vega"
		case words == 0 && initial(s, j) && (r.nameWord(s, j+1) || initial(s, j+1)):
			j++
		default:
			return r.endName(s, i, j)
		}
	}
	return r.endName(s, i, j)
}

// endName drops trailing initials and particles ("Al", "de") from a name
// run: a particle is never the surname.
func (r *run) endName(s *sent, i, j int) int {
	for j > i && initial(s, j-1) {
		j--
	}
	// Never empty the run: callers step on from its end.
	for j > i+1 && r.e.lx.nameParts[s.toks[j-1].lower] {
		j--
	}
	return j
}

// matchTitle returns the number of tokens of the longest title starting at
// i and its role.
func (r *run) matchTitle(s *sent, i int) (int, string) {
	for n := min(r.e.titleFirst[s.toks[i].lower], len(s.toks)-i); n >= 1; n-- {
		ph, ok := s.phrase(i, n, true)
		if !ok {
			continue
		}
		if role, ok := r.e.lx.titles[ph]; ok {
			if n == 1 && s.toks[i].upper && !r.caps && !upperTitles[ph] {
				// "PRESIDENT" inside a mixed-case heading is not a title cue.
				continue
			}
			return n, role
		}
	}
	return 0, ""
}

// findPersons applies the header and text rules.
func (r *run) findPersons() {
	c := r.c
	if c.ClassifiedBy != nil && strings.TrimSpace(c.ClassifiedBy.Name) != "" {
		r.addHeaderPerson(c.ClassifiedBy.Name, c.ClassifiedBy.Title, "classifiedBy")
	}
	for _, tg := range c.Tags {
		if personTag(tg) {
			r.addHeaderPerson(personTagName(tg), "", "tag")
		}
	}
	for _, s := range r.sents {
		if s.para < 0 {
			continue
		}
		r.listRule(s)
		r.titleRule(s)
		r.givenRule(s)
		if !r.caps {
			r.pairRule(s)
		}
		if !r.caps {
			r.verbRule(s)
		}
		if r.e.actors != nil {
			r.actorRule(s)
		}
	}
	sig := strings.TrimSpace(c.Signature)
	if sig == "" {
		sig = r.trailingSigner()
	}
	if sig != "" {
		r.addSignature(sig)
	}
	r.mergeSurnameFirst()
	r.dropCommonWords()
}

// mergeSurnameFirst handles names written surname first ("Zhang Shen",
// "Lula da Silva" then "Lula"): when the first word of a longer name is a
// person on its own in the cable, the longer name is that person.
func (r *run) mergeSurnameFirst() {
	for _, k := range append([]string(nil), r.order...) {
		p := r.ps[k]
		if p == nil || p.words < 2 {
			continue
		}
		first := r.nameKey(strings.Fields(p.name)[0])
		q := r.ps[first]
		if first == k || q == nil || q.words != 1 || r.e.lx.given[strings.ToLower(strings.Fields(p.name)[0])] && !q.how["verb"] && !q.how["title+name"] {
			continue
		}
		q.name, q.words = p.name, p.words
		for a := range p.aliases {
			q.aliases[a] = true
		}
		for a := range p.roles {
			q.roles[a] = true
		}
		for a := range p.how {
			q.how[a] = true
		}
		if p.strength > q.strength {
			q.country, q.strength = p.country, p.strength
		}
		delete(r.ps, k)
		for i, o := range r.order {
			if o == k {
				r.order = append(r.order[:i], r.order[i+1:]...)
				break
			}
		}
	}
}

func (r *run) addHeaderPerson(name, title, how string) {
	var clean []string
	for _, x := range strings.Fields(name) {
		if x = strings.Trim(x, ",;:\"()"); x != "" {
			clean = append(clean, x)
		}
	}
	name = strings.Join(clean, " ")
	if isUpperWordOrSpaces(name) {
		name = titleCase(name)
	}
	w := strings.Fields(name)
	if len(w) == 0 {
		return
	}
	sur := w[len(w)-1]
	if strings.EqualFold(sur, "jr.") || strings.EqualFold(sur, "jr") {
		if len(w) < 2 {
			return
		}
		sur = w[len(w)-2]
	}
	country, strength := "US", tieUS
	if how == "tag" {
		country, strength = "", tieNone
	}
	role := ""
	if title != "" {
		role = strings.Join(strings.Fields(title), " ")
		if known, ok := r.e.lx.titles[strings.ToLower(strings.TrimSuffix(role, "."))]; ok && known != "" {
			role = known
		} else if known, ok := r.e.lx.titles[strings.ToLower(role)]; ok && known != "" {
			role = known
		}
	}
	r.addPerson(sur, name, name, role, country, strength, how, 0)
}

func isUpperWordOrSpaces(s string) bool {
	for _, c := range s {
		if unicode.IsLower(c) {
			return false
		}
	}
	return true
}

// upperTitles are titles written in capitals in mixed-case text
// ("CODEL Hastert", "DCM Koenig"); other capitalised titles are headings.
var upperTitles = toSet(`codel staffdel polcouns econcouns poloff econoff polchief cda dcm com formin minstate cmsgt pol-mc u/s a/s das
dfm dpm fm pm mp vp bg ceo cg amb amb. pol/c gen. sen. rep. dr. mr. mrs. ms.`)

var suffixWords = toSet(`jr sr ii iii iv`)

// trailingSigner finds the signer when the parser gave none: the last one
// or two capitalised words of the last paragraph ("... Website:
// XXXXXXXXXXXX TUTTLE"), after punctuation or a redaction.
func (r *run) trailingSigner() string {
	var last *sent
	for _, s := range r.sents {
		if s.para >= 0 {
			last = s
		}
	}
	if last == nil || len(last.toks) == 0 {
		return ""
	}
	toks := last.toks
	for len(toks) > 0 && !toks[len(toks)-1].word && strings.Trim(toks[len(toks)-1].text, "\"'“”") == "" {
		toks = toks[:len(toks)-1] // a closing quote after the name: discussed."" WARE "
	}
	j := len(toks)
	for j > 0 && toks[j-1].word && toks[j-1].upper && !strings.Contains(toks[j-1].lower, "xxx") && len(toks)-j < 3 {
		j--
	}
	if j > 0 && j < len(toks) && !r.caps && r.e.lx.nameParts[toks[j-1].text] {
		j-- // "End comment. van Voorst"
	} else if j == len(toks) && j >= 2 && !r.caps && r.e.lx.nameParts[toks[j-2].text] && toks[j-1].word && toks[j-1].cap {
		j -= 2 // "van Voorst" written in mixed case
	}
	n := len(toks) - j
	if n == 0 || n > 2 {
		return ""
	}
	if j > 0 {
		prev := toks[j-1]
		if prev.word && !strings.Contains(prev.lower, "xxx") && (r.caps || prev.upper) {
			return ""
		}
	}
	words := textsOf(toks[j:])
	for _, w := range words {
		lw := strings.ToLower(w)
		if r.e.lx.notName[lw] || commonSuffix(lw) {
			return ""
		}
		if _, ok := r.e.t.Tag(w); ok {
			return ""
		}
		if _, ok := r.e.places[lw]; ok {
			return ""
		}
		if _, ok := r.e.orgsLo[lw]; ok {
			return ""
		}
	}
	return strings.Join(words, " ")
}

// addSignature records the signer, resolved to a full name where the
// Classified By line or the chiefs-of-mission gazetteer names the same
// person.
func (r *run) addSignature(sig string) {
	var w []string
	for _, x := range strings.Fields(sig) {
		if x = strings.Trim(x, ".,;:\"'()"); x != "" {
			w = append(w, x)
		}
	}
	for len(w) > 1 && suffixWords[strings.ToLower(strings.Trim(w[len(w)-1], "."))] {
		w = w[:len(w)-1]
	}
	// Trailer words before the name ("MINIMIZE CONSIDERED CLINTON") are
	// not part of it.
	for len(w) > 1 {
		lw := strings.ToLower(w[0])
		if !r.e.lx.notName[lw] && !commonSuffix(lw) {
			break
		}
		w = w[1:]
	}
	if len(w) == 0 || len(w) > 3 {
		return
	}
	sur := titleCase(w[len(w)-1])
	lo := strings.ToLower(sur)
	if r.e.lx.notName[lo] || len(sur) < 2 || strings.Contains(lo, "xxx") {
		return
	}
	if _, ok := r.e.places[lo]; ok {
		return
	}
	for _, c := range sur {
		if !unicode.IsLetter(c) && c != '-' && c != '\'' {
			return
		}
	}
	name := titleCase(strings.Join(w, " "))
	if p := r.ps[r.nameKey(sur)]; p != nil && p.words > len(w) {
		name = p.name
	} else if full, ok := r.e.chiefs.resolve(r.embassyCC(), r.c.Created, sur); ok {
		name = full
		r.addPerson(sur, name, titleCase(strings.Join(w, " ")), "Chief of Mission", "US", tieUS, "signature+pocom", 0)
		return
	}
	r.addPerson(sur, name, titleCase(strings.Join(w, " ")), "", "US", tieUS, "signature", 0)
}

// titleRule: "Serbian FM Jeremic", "Special Envoy for the Balkans
// Alexander Botsan-Kharchenko", "President of Serbia Boris Tadic".
func (r *run) titleRule(s *sent) {
	for i := 0; i < len(s.toks); i++ {
		if !s.toks[i].word || s.mark[i] != markNone && s.mark[i] != markOrg {
			continue
		}
		n, role := r.matchTitle(s, i)
		if n == 0 {
			continue
		}
		if s.mark[i] == markOrg {
			// An organization that is also a title ("Secretary General")
			// is a title only right before a name: "OAS Secretary General
			// Rodriques".
			if k := i + n; k >= len(s.toks) || s.mark[k-1] != markOrg || !r.nameWord(s, k) {
				continue
			}
		}
		deputy := strings.EqualFold(s.toks[i].text, "deputy")
		j := i + n
		for j < len(s.toks) && s.toks[j].word { // chained titles: "Deputy FM"
			n2, role2 := r.matchTitle(s, j)
			if n2 == 0 {
				break
			}
			role = role2
			j += n2
		}
		if deputy && role != "Deputy" && !strings.HasPrefix(role, "Deputy") {
			role = "Deputy " + role
		}
		for k := i; k < j; k++ {
			s.mark[k] = markTitle
		}
		if s.titleAt == nil {
			s.titleAt = map[int]string{}
		}
		s.titleAt[i] = role
		start := j
		if j < len(s.toks) && (s.toks[j].lower == "for" || s.toks[j].lower == "of" || s.toks[j].lower == "on") {
			// Skip the title's complement ("for the Balkans", "of Foreign
			// Affairs", "of ANAC,") to the name that follows it.
			k := j + 1
			if k < len(s.toks) && s.toks[k].lower == "the" {
				k++
			}
			skipped := 0
			for k < len(s.toks) && skipped < 5 && s.toks[k].word && (s.toks[k].cap || r.caps) && r.complementWord(s, k) {
				k++
				skipped++
			}
			if skipped == 0 && k+2 < len(s.toks) && s.toks[k].word && s.toks[k].cap && r.nameRun(s, k+1)-(k+1) >= 2 {
				// A title's complement has at least one word, even one the
				// tables do not know: "Special Ambassador for IberoAmerica
				// Alonso Dezcallar" names Dezcallar, not "IberoAmerica".
				k++
				skipped++
			}
			if skipped == 0 {
				i = j - 1
				continue
			}
			start = k
			if k+1 < len(s.toks) && s.toks[k].text == "," {
				// "Deputy Director of ANAC, Issa Saley Maiga, stated"
				e := r.nameRun(s, k+1)
				if e-(k+1) >= 2 && (e == len(s.toks) || !s.toks[e].word) {
					start = k + 1
				}
			}
		}
		end := r.nameRun(s, start)
		if end == start || end-start == 1 && r.phraseGoesOn(s, end) {
			i = j - 1
			continue
		}
		country, strength := r.tieBefore(s, i)
		if strength == tieNone && i >= 2 && s.toks[i-1].lower == "and" && s.mark[i-2] == markPerson {
			// "Serbian President Tadic and PM Kostunica": the demonym
			// covers both.
			if p := r.ps[r.nameKey(s.toks[i-2].text)]; p != nil && p.strength == tieText {
				country, strength = p.country, tieText
			}
		}
		if strength == tieNone {
			country, strength = r.roleTie(role)
		}
		alias := strings.Join(textsOf(s.toks[i:j]), " ") + " " + strings.Join(textsOf(s.toks[start:end]), " ")
		r.addRun(s, start, end, alias, role, country, strength, "title+name")
		i = end - 1
	}
}

// complementWord reports whether token k belongs to a title's complement
// rather than to a name: a place, an organization, a word that is never a
// name, or a word with a common English ending ("Cooperation").
func (r *run) complementWord(s *sent, k int) bool {
	if s.mark[k] == markPlace || s.mark[k] == markOrg || s.mark[k] == markTitle {
		return true
	}
	t := s.toks[k]
	if r.e.lx.notNameS[t.lower] || commonSuffix(t.lower) {
		return true
	}
	if r.e.lx.given[t.lower] {
		return false
	}
	return !r.caps && t.upper
}

// tieBefore looks for a country just before a title: "Serbian FM",
// "Russia's FM", "Kosovo Prime Minister".
func (r *run) tieBefore(s *sent, i int) (string, int) {
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		if code, ok := s.placeAt[k]; ok {
			return code, tieText
		}
		if s.mark[k] != markPlace && !(s.toks[k].word && s.mark[k] == markTitle) {
			break
		}
	}
	return "", tieNone
}

// roleTie gives the country a role implies when the text ties none.
func (r *run) roleTie(role string) (string, int) {
	if r.e.lx.usTie[role] {
		return "US", tieUS
	}
	return "", tieNone
}

// givenRule: a known given name before a capitalised word.
func (r *run) givenRule(s *sent) {
	for i := 0; i < len(s.toks); i++ {
		if !r.nameWord(s, i) {
			continue // tested below too; first, as it is memoised and most words fail it
		}
		lo := s.toks[i].lower
		builtin := r.e.lx.given[lo]
		gaz := !builtin && r.e.actors != nil && r.e.actors.given[lo]
		if !builtin && !gaz || !r.nameWord(s, i) || !r.nameWord(s, i+1) && !initial(s, i+1) {
			continue
		}
		end := r.nameRun(s, i)
		for end-i > 2 && r.commonRun(s, end-1, end) {
			end-- // "Diane Sawyer Show"
		}
		if end-i < 2 || gaz && r.commonRun(s, i+1, end) { // "Phone Calls"
			continue
		}
		country, strength := r.tieBefore(s, i)
		r.addRun(s, i, end, strings.Join(textsOf(s.toks[i:end]), " "), "", country, strength, "given+name")
		i = end - 1
	}
}

// verbRule: "Lavrov told", "told Jeremic", "met with Medvedev",
// "between Jeremic and Lavrov".
func (r *run) verbRule(s *sent) {
	toks := s.toks
	for i := 0; i < len(toks); i++ {
		if !r.nameWord(s, i) {
			continue
		}
		end := r.nameRun(s, i)
		if end == i {
			continue
		}
		ok := false
		if end < len(toks) && speechVerbs[toks[end].lower] && !toks[end-1].poss {
			ok = true
		}
		if i > 0 {
			p := toks[i-1].lower
			if objectVerbs[p] || (p == "with" && i > 1 && objectVerbs[toks[i-2].lower]) || p == "between" {
				ok = true
			}
			if p == "and" && i > 2 {
				for k := i - 2; k >= 0 && k >= i-6; k-- {
					if toks[k].lower == "between" {
						ok = true
					}
				}
			}
		}
		if i == 0 && end < len(toks) && speechVerbs[toks[end].lower] && end-i == 1 && r.e.lx.given[toks[i].lower] {
			ok = false // "Said told" is not worth the risk
		}
		if ok && end-i == 1 && i > 0 && placePreps[toks[i-1].lower] {
			ok = false // "officials in Darfur told us"
		}
		if ok && end-i == 1 && r.phraseGoesOn(s, end) {
			ok = false
		}
		if ok && end-i >= 2 && (r.commonRun(s, i+1, end) || r.e.lx.placePre[toks[i].lower] || toks[i].lower == "fort") {
			ok = false // "Nuclear Physics met", "El Paso said", "Fort Bragg"
		}
		if ok && end-i <= 3 {
			r.addRun(s, i, end, strings.Join(textsOf(toks[i:end]), " "), "", "", tieNone, "verb")
		}
		i = end - 1
	}
}

// commonRun reports whether a word of toks[i:end] that is not a known
// given name is a common English word ("Phone Calls", "Animal Husbandry").
func (r *run) commonRun(s *sent, i, end int) bool {
	for k := i; k < end; k++ {
		lo := s.toks[k].lower
		if r.e.lx.common[lo] && !r.e.lx.given[lo] && !r.e.lx.nameParts[lo] {
			return true
		}
	}
	return false
}

// placePreps before a bare capitalised word make it a place or a
// language ("in Merida", "near Limon", "in Farsi"), not a person.
var placePreps = toSet(`in near at into across around outside throughout inside`)

// afterName are the lower-case words that follow a person's name in
// running text (a verb, a conjunction, a preposition); a noun there says
// the capitalised word was a modifier.
var afterName = toSet(`and or who whose which that to of in on at for with from by has had have was is were will would could
should may might can also did does not later then again himself herself as but nor if when while reportedly personally`)

// innerCapital reports an upper-case letter after the first one.
func innerCapital(w string) bool {
	for i, c := range w {
		if i > 0 && unicode.IsUpper(c) {
			return true
		}
	}
	return false
}

// actorRule: a capitalised word standing alone mid-sentence that the
// gazetteer's actor dictionaries know as a surname ("... opposed by
// Karroubi and Khatami"). Only with the optional gazetteer; a weak rule, so
// a cable that writes the word in lower case elsewhere drops it.
func (r *run) actorRule(s *sent) {
	toks := s.toks
	for i := 1; i < len(toks); i++ {
		t := &toks[i]
		if !t.word || !t.cap || t.upper && !r.caps || s.mark[i] != markNone || !r.e.actors.surnames[t.lower] {
			continue
		}
		if r.caps {
			// ALL-CAPS text: no capitals to go by, so only a longer surname
			// that is next to no other name word ("TARGET FOR QADHAFI BY").
			if len(t.lower) < 5 || r.nameWord(s, i-1) || r.nameWord(s, i+1) {
				continue
			}
		} else {
			if p := toks[i-1]; p.word && (p.cap || s.mark[i-1] != markNone) {
				continue
			}
			if i >= 2 && toks[i-1].lower == "of" && toks[i-2].cap || toks[i-1].lower == "the" || placePreps[toks[i-1].lower] {
				continue // "the Port of Caldera", "Province of Heredia", "the Sahel", "in Merida"
			}
			if innerCapital(t.text) && len(t.text) <= 4 {
				continue // "MoU"
			}
			if i+1 < len(toks) && toks[i+1].word && !afterName[toks[i+1].lower] && !speechVerbs[toks[i+1].lower] && verbKinds[toks[i+1].lower] == "" {
				continue // a modifier: "the Limon province", "Merida cooperation"
			}
			if i+1 < len(toks) && toks[i+1].word && (toks[i+1].cap || s.mark[i+1] != markNone) {
				continue
			}
		}
		if !r.nameWord(s, i) || r.e.lx.given[t.lower] || r.e.lx.common[t.lower] {
			continue
		}
		r.addRun(s, i, i+1, t.text, "", "", tieNone, "actor")
	}
}

func textsOf(toks []token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.text
	}
	return out
}

// addRun records the name toks[start:end] found in sentence s.
func (r *run) addRun(s *sent, start, end int, alias, role, country string, strength int, how string) {
	words := make([]string, 0, end-start)
	for _, t := range s.toks[start:end] {
		words = append(words, t.text)
	}
	if r.e.lx.nameParts[strings.ToLower(words[len(words)-1])] {
		return // a particle ("Al", "De") is never the surname
	}
	name := strings.Join(words, " ")
	if r.caps || isUpperWordOrSpaces(name) {
		name = titleCase(name)
		alias = strings.Join(strings.Fields(alias), " ")
	}
	sur := words[len(words)-1]
	if r.caps || isUpperWordOrSpaces(sur) {
		sur = titleCase(sur)
	}
	for k := start; k < end; k++ {
		s.mark[k] = markPerson
	}
	r.addPerson(sur, name, alias, role, country, strength, how, s.para)
}

// nameKey is graph.NameKey memoised for the run: the same words recur in
// a cable and NameKey builds its folding tables on every call.
func (r *run) nameKey(w string) string {
	if k, ok := r.nk[w]; ok {
		return k
	}
	k := r.e.keys.get(w)
	r.nk[w] = k
	return k
}

func (r *run) addPerson(surname, name, alias, role, country string, strength int, how string, para int) {
	name = r.dropTitledHyphenWords(name)
	k := r.nameKey(surname)
	if k == "" {
		return
	}
	p := r.ps[k]
	if p == nil {
		p = &pstate{surname: surname, aliases: map[string]bool{}, roles: map[string]bool{}, how: map[string]bool{}, paras: map[int]bool{}, first: len(r.order)}
		r.ps[k] = p
		r.order = append(r.order, k)
	}
	if w := len(strings.Fields(name)); w > p.words {
		p.name, p.words = name, w
	}
	if alias != "" {
		p.aliases[alias] = true
	}
	if role != "" {
		p.roles[role] = true
	}
	if strength > p.strength && country != "" {
		p.country, p.strength = country, strength
	}
	p.how[how] = true
}

// dropTitledHyphenWords removes leading words glued to a title by a hyphen
// ("Aliyev-President Putin", "Advisor-equivalent Jean-David Levitte",
// "POTUS-President Sarkozy"): cables run a title into the word before it,
// and such a word is never part of the name. Hyphenated names whose parts
// are not titles ("Botsan-Kharchenko", "Jean-David") stay.
func (r *run) dropTitledHyphenWords(name string) string {
	w := strings.Fields(name)
	i := 0
	for i < len(w)-1 && strings.Contains(w[i], "-") {
		titled := false
		for _, part := range strings.Split(w[i], "-") {
			if _, ok := r.e.lx.titles[strings.ToLower(part)]; ok {
				titled = true
			}
		}
		if !titled {
			break
		}
		i++
	}
	if i == 0 {
		return name
	}
	return strings.Join(w[i:], " ")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// countPersons counts every mention of a known surname and records the
// person spans of each sentence for the interaction rules.
func (r *run) countPersons() {
	// Surface forms of each surname, lower case, so that counting needs no
	// NameKey call per word (NameKey is slow and most words are not names).
	r.forms = map[string]string{}
	for k, p := range r.ps {
		r.forms[strings.ToLower(p.surname)] = k
		for a := range p.aliases {
			w := strings.Fields(a)
			if len(w) > 0 {
				last := strings.ToLower(strings.Trim(w[len(w)-1], ",.;:"))
				if r.nameKey(last) == k {
					r.forms[last] = k
				}
			}
		}
	}
	for _, s := range r.sents {
		for i := 0; i < len(s.toks); i++ {
			t := s.toks[i]
			if !t.word || !(t.cap || r.caps) || s.mark[i] == markPlace || s.mark[i] == markOrg {
				continue
			}
			k, ok := r.forms[t.lower]
			if !ok && !isASCII(t.text) {
				k = r.nameKey(t.text) // "Tadić" where the cable also writes "Tadic"
			}
			p := r.ps[k]
			if p == nil {
				continue
			}
			if s.para >= 0 {
				p.count++
				p.paras[s.para] = true
				// The span takes in the given names, initials, titles and
				// demonym before the surname, so that "told Serbian FM
				// Jeremic" has nothing between the verb and the person.
				st, lower := i, 0
				if len(s.pers) > 0 {
					lower = s.pers[len(s.pers)-1].end
				}
				if i-8 > lower {
					lower = i - 8
				}
				for st > lower && (s.mark[st-1] == markPerson || s.mark[st-1] == markTitle || initial(s, st-1) ||
					(s.mark[st-1] == markPlace && st-2 >= 0 && s.mark[st-2] != markPerson && st < len(s.toks) && s.mark[st] == markTitle)) {
					if s.mark[st-1] == markPerson && s.toks[st-1].poss {
						break
					}
					st--
				}
				if len(s.pers) > 0 && st < s.pers[len(s.pers)-1].end {
					st = s.pers[len(s.pers)-1].end
				}
				s.pers = append(s.pers, span{start: st, end: i + 1, key: k})
			}
		}
	}
	for _, p := range r.ps {
		if p.how["classifiedBy"] || p.how["signature"] || p.how["signature+pocom"] || p.how["tag"] || p.how["addressee"] {
			p.count++
		}
	}
	r.final = map[string]string{}
	for k, p := range r.ps {
		r.final[k] = r.personKey(p.surname, p.country)
	}
}

// personKey is the cross-cable identity; see the package doc.
func (r *run) personKey(surname, country string) string {
	k := r.nameKey(surname)
	if country != "" {
		return k + "|" + country
	}
	return k
}

func (r *run) persons() []graph.PersonMention {
	out := make([]graph.PersonMention, 0, len(r.ps))
	for _, k := range r.order {
		p := r.ps[k]
		pm := graph.PersonMention{
			Key: r.final[k], Name: p.name, Surname: p.surname, Country: p.country, Count: p.count,
			Aliases: sortedKeys(p.aliases), Roles: sortedKeys(p.roles), How: sortedKeys(p.how),
		}
		for n := range p.paras {
			pm.Paragraphs = append(pm.Paragraphs, n)
		}
		sort.Ints(pm.Paragraphs)
		out = append(out, pm)
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	if len(m) == 0 {
		return nil
	}
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// embassyCC is the origin country when the origin is an embassy (whose
// chief of mission the gazetteer knows), else "".
func (r *run) embassyCC() string {
	if strings.HasPrefix(r.c.Origin, "Embassy ") {
		return r.originCC
	}
	return ""
}

// listRule: "Pranab Mukherjee, Minister of Finance" (a name before a comma
// and a title) and vetting lists "EID, Moatasim Mohamed DOB: ...".
func (r *run) listRule(s *sent) {
	toks := s.toks
	for i := 0; i < len(toks); i++ {
		// Vetting list: SURNAME, Given Names DOB
		if toks[i].word && toks[i].upper && s.mark[i] == markNone && !r.caps {
			j := i
			for j < len(toks) && j-i < 3 && toks[j].word && toks[j].upper {
				j++
			}
			if j+1 < len(toks) && toks[j].text == "," {
				k := j + 1
				for k < len(toks) && k-j < 6 && toks[k].word && toks[k].cap && toks[k].text != "DOB" {
					k++
				}
				if k < len(toks) && k > j+1 && toks[k].text == "DOB" {
					sur := titleCase(strings.Join(textsOf(toks[i:j]), " "))
					name := strings.Join(textsOf(toks[j+1:k]), " ") + " " + sur
					for x := i; x < k; x++ {
						s.mark[x] = markPerson
					}
					r.addPerson(lastWord(sur), name, strings.Join(textsOf(toks[i:k]), " "), "", "", tieNone, "list", s.para)
					i = k
					continue
				}
			}
		}
		if !r.nameWord(s, i) {
			continue
		}
		end := r.nameRun(s, i)
		if end-i >= 2 && end+1 < len(toks) && toks[end].text == "," {
			k := end + 1
			if k < len(toks) && toks[k].lower == "the" {
				k++
			}
			if n, role := r.matchTitle(s, k); n > 0 && (i == 0 || !toks[i-1].word || !toks[i-1].cap) {
				r.addRun(s, i, end, strings.Join(textsOf(toks[i:end]), " ")+", "+strings.Join(textsOf(toks[k:k+n]), " "), role, "", tieNone, "name+title")
			}
		}
		i = end - 1
		if i < 0 {
			i = 0
		}
	}
}

// pairRule: two or three capitalised words standing alone in mixed-case
// text ("Remilio Kemper and Rawin Badloe") are a full name when no word is
// a table word, a title or a common word, and the run is not part of a
// longer capitalised phrase or the start of a sentence.
func (r *run) pairRule(s *sent) {
	toks := s.toks
	for i := 1; i < len(toks); i++ {
		if !r.nameWord(s, i) || toks[i-1].word && (toks[i-1].cap || s.mark[i-1] != markNone) {
			continue
		}
		end := r.nameRun(s, i)
		if end-i < 2 || end-i > 3 || r.e.lx.placePre[toks[i].lower] {
			i = end
			continue
		}
		if end < len(toks) && toks[end].word && (toks[end].cap || s.mark[end] != markNone) {
			i = end
			continue
		}
		if headingRule(toks, i-1) || headingRule(toks, end) {
			i = end
			continue
		}
		ok := !r.commonRun(s, i+1, end) // "Animal Husbandry"; a common first word may be a given name ("Paco")
		for k := i; k < end; k++ {
			if commonSuffix(toks[k].lower) || toks[k].poss && k < end-1 {
				ok = false
			}
		}
		if ok {
			r.addRun(s, i, end, strings.Join(textsOf(toks[i:end]), " "), "", "", tieNone, "name")
		}
		i = end
	}
}
