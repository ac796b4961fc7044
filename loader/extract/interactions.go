package extract

import (
	"slices"
	"sort"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
)

// verbKinds maps the verbs and nouns that join two persons to an
// interaction kind.
var verbKinds = map[string]string{
	"told": graph.InteractionTold, "tells": graph.InteractionTold, "informed": graph.InteractionTold,
	"assured": graph.InteractionTold, "reassured": graph.InteractionTold, "urged": graph.InteractionTold,
	"warned": graph.InteractionTold, "asked": graph.InteractionTold, "briefed": graph.InteractionTold,
	"pressed": graph.InteractionTold, "thanked": graph.InteractionTold, "tell": graph.InteractionTold,
	"met": graph.InteractionMet, "meet": graph.InteractionMet, "meets": graph.InteractionMet, "meeting": graph.InteractionMet,
	"meetings": graph.InteractionMet, "hosted": graph.InteractionMet,
	"visited": graph.InteractionMet, "lunch": graph.InteractionMet, "dinner": graph.InteractionMet,
	"discussed": graph.InteractionDiscussed, "discuss": graph.InteractionDiscussed, "spoke": graph.InteractionDiscussed,
	"talked": graph.InteractionDiscussed, "talks": graph.InteractionDiscussed, "conversation": graph.InteractionDiscussed,
	"discussion": graph.InteractionDiscussed, "discussions": graph.InteractionDiscussed,
	"conversations": graph.InteractionDiscussed, "consultations": graph.InteractionDiscussed, "consulted": graph.InteractionDiscussed,
	"phoned": graph.InteractionPhoned, "telephoned": graph.InteractionPhoned, "called": graph.InteractionPhoned,
	"call": graph.InteractionPhoned, "phone": graph.InteractionPhoned, "telephone": graph.InteractionPhoned,
	"telcon": graph.InteractionPhoned,
	"wrote":  graph.InteractionWrote, "letter": graph.InteractionWrote, "written": graph.InteractionWrote,
	"deliver": graph.InteractionDiscussed, "delivering": graph.InteractionDiscussed, "delivered": graph.InteractionDiscussed, "raised": graph.InteractionDiscussed, "reviewed": graph.InteractionDiscussed,
	"demarched": graph.InteractionDiscussed, "contacted": graph.InteractionDiscussed, "approached": graph.InteractionMet,
	"encouraged": graph.InteractionTold, "confirmed": graph.InteractionTold, "explained": graph.InteractionTold,
	"negotiated": graph.InteractionNegotiated, "negotiations": graph.InteractionNegotiated,
	"negotiating": graph.InteractionNegotiated, "negotiate": graph.InteractionNegotiated,
}

// prepositions before a person make it an object, not the subject of the
// verb that follows ("diplomats who met with X on May 2 told us").
var prepositions = toSet(`with from by to of for about on in at against than like`)

// breakWords end the search for a verb between two persons: a new clause
// or subject starts.
var breakWords = toSet(`that he she they it who which whom whose when after before because if whether although while but and or said
says stated noted`)

// postWords name the embassy's own side: "the Ambassador", "us", "PolOff".
var postWords = toSet(`us we emboff emboffs poloff poloffs econoff econoffs polcouns econcouns polchief econchief dcm ambassador
charge pol/econoff polecon pol/c polmiloff ambassador's charge's com cda pol-mc polcouns post reo`)

// statusWords set an interaction's status.
var (
	refusedWords     = []string{"refused", "declined", "cancelled", "canceled", "did not meet", "would not meet", "won't meet", "rejected", "turned down", "snubbed"}
	unconfirmedWords = []string{"unconfirmed", "unclear whether", "unclear if", "reportedly", "rumored", "rumoured", "could not confirm", "not clear whether", "not clear if"}
	plannedWords     = []string{"will meet", "to meet", "plans to", "planned", "scheduled", "expected to", "would meet", "is to", "was to", "hopes to", "hoped to", "intends to", "upcoming", "will visit", "will call", "will discuss", "will travel", "proposed", "next week", "invited"}
)

func (r *run) findInteractions() {
	seen := map[string]bool{}
	pairs := map[string]bool{} // "para|a|b" with a stronger link
	ambassador := r.ambassadorKey()
	for si, s := range r.sents {
		if s.para < 0 {
			continue
		}
		ms := r.mentions(s)
		ms = r.pronouns(si, s, ms)
		ms = dropOwners(s, ms)
		if len(ms) > maxMentions {
			ms = ms[:maxMentions] // a run-on "sentence" must not make this quadratic blow up
		}
		for x := 0; x < len(ms); x++ {
			for y := x + 1; y < len(ms); y++ {
				a, b := ms[x], ms[y]
				if a.key == b.key || (a.key == "" && b.key == "") {
					continue
				}
				if b.key != "" && s.toks[b.end-1].poss && !(b.start > 0 && s.toks[b.start-1].lower == "and") {
					// "raised Hosny's reaction", "contact with Zelaya's
					// team": the object is what the person owns.
					continue
				}
				kind, conf := r.linkKind(s, a, b)
				if kind == "" && y > x+1 && !betweenBefore(s, a.start) {
					// A list after a link: "met with X, Y and Z" (but
					// "between A and B, C and D" pairs two by two).
					prev := ms[y-1]
					if k2, c2 := r.linkKind(s, a, prev); k2 != "" && listGap(s.toks[prev.end:b.start]) {
						kind, conf = k2, c2-0.05
					}
				}
				if kind == "" {
					continue
				}
				ia := r.interaction(si, s, a, b, kind, conf, ambassador)
				if ia == nil {
					continue
				}
				dk := ia.A + "|" + ia.B + "|" + ia.Kind + "|" + ia.Evidence
				if seen[dk] {
					continue
				}
				seen[dk] = true
				pairs[pairKey(s.para, ia.A, ia.B)] = true
				r.interactions = append(r.interactions, *ia)
			}
		}
	}
	r.coMentions(pairs)
}

// dropOwners removes possessive mentions that only describe someone else
// ("Berlusconi's diplomatic adviser, Antonio Castellaneta"): the owner is
// not a party to what the adviser does.
func dropOwners(s *sent, ms []span) []span {
	owner := func(m span) bool { return m.key != "" && m.end > 0 && s.toks[m.end-1].poss && ownerOf(s, m.end) }
	if !slices.ContainsFunc(ms, owner) {
		return ms // the common case: nothing to copy
	}
	return slices.DeleteFunc(slices.Clone(ms), owner)
}

// ownerOf reports a description of a person right after token i: up to two
// adjectives, then a describing noun or a title ("diplomatic adviser",
// "chief of staff").
func ownerOf(s *sent, i int) bool {
	for k := i; k < len(s.toks) && k <= i+2; k++ {
		if s.mark[k] == markTitle || descNouns[s.toks[k].lower] {
			return true
		}
		if !s.toks[k].word || s.mark[k] == markPerson {
			return false
		}
	}
	return false
}

// maxMentions bounds the persons and post words paired within one sentence.
const maxMentions = 24

// meetingWithBefore finds "meeting with" (or talks, discussion, call,
// lunch ...) just before token i, allowing a title or description between.
func (r *run) meetingWithBefore(s *sent, i int) (string, bool) {
	for k := i - 1; k >= 0 && k >= i-6; k-- {
		if s.toks[k].lower == "with" {
			for q := k - 1; q >= 0 && q >= k-2; q-- {
				if kind, ok := verbKinds[s.toks[q].lower]; ok {
					return kind, true
				}
			}
			return "", false
		}
		if !descriptionOnly(s, k, k+1) {
			return "", false
		}
	}
	return "", false
}

// listGap reports whether the tokens between two persons only continue a
// list: commas, "and", titles and short descriptions.
func listGap(toks []token) bool {
	if len(toks) == 0 || len(toks) > 16 {
		return false
	}
	sep := false
	for _, t := range toks {
		if t.text == "," || t.lower == "and" {
			sep = true
			continue
		}
		if t.text == ";" || t.text == "." || speechVerbs[t.lower] || verbKinds[t.lower] != "" || breakWords[t.lower] || t.lower == "between" {
			return false
		}
	}
	return sep
}

// ambassadorKey returns the surname key of the person the cable makes
// clear is "the Ambassador" (a US person with that role), else "".
func (r *run) ambassadorKey() map[string]string {
	out := map[string]string{}
	for word, roles := range postRoles {
		if k := r.holder(roles); k != "" {
			out[word] = k
		}
	}
	return out
}

// postRoles are the roles that a post word refers to when the cable names
// who holds them.
var postRoles = map[string][]string{
	"ambassador": {"Ambassador", "Chief of Mission"},
	"com":        {"Ambassador", "Chief of Mission", "Charge d'Affaires"},
	"charge":     {"Charge d'Affaires"},
	"cda":        {"Charge d'Affaires"},
	"dcm":        {"Deputy Chief of Mission"},
	"polcouns":   {"Political Counselor"},
	"pol-mc":     {"Political Minister-Counselor"},
}

// holder is the one person of the cable with one of roles whom the text
// ties to the US or to no country, else "". An untied "Ambassador Sembler"
// keeps a bare key (the role alone is ambiguous, see ambiguousUSRoles) but
// is still the cable's best candidate for "the Ambassador".
func (r *run) holder(roles []string) string {
	found := ""
	for _, k := range r.order {
		p := r.ps[k]
		has := false
		for _, role := range roles {
			has = has || p.roles[role]
		}
		if has && (p.country == "US" || p.country == "") {
			if found != "" {
				return "" // two candidates: not clear
			}
			found = k
		}
	}
	return found
}

// mentions returns the person spans of s plus the post words, in order.
func (r *run) mentions(s *sent) []span {
	ms := append([]span(nil), s.pers...)
	for i, t := range s.toks {
		if !t.word || t.lower == "" || !r.e.postByte[t.lower[0]] || !postWords[t.lower] {
			continue
		}
		if t.lower == "us" && t.text == "US" && !r.caps {
			continue // the country
		}
		// "Serbian Ambassador" is not ours; "Ambassador Burns" is a person.
		if i > 0 && s.mark[i-1] == markPlace && t.lower != "us" && t.lower != "we" {
			continue
		}
		if covered(s.pers, i) || (i+1 < len(s.toks) && (s.mark[i+1] == markPerson || s.mark[i+1] == markTitle)) {
			continue
		}
		ms = append(ms, span{start: i, end: i + 1, key: "", word: strings.TrimSuffix(t.lower, "'s")})
	}
	// "the Foreign Minister" with no name: the one person of the cable
	// who holds that role, when there is exactly one.
	for i, role := range s.titleAt {
		if role == "" || i == 0 || s.toks[i-1].lower != "the" || covered(ms, i) {
			continue
		}
		end := i + 1
		for end < len(s.toks) && s.mark[end] == markTitle {
			end++
		}
		if end < len(s.toks) && s.mark[end] == markPerson {
			continue
		}
		if k := r.roleHolder(role); k != "" {
			ms = append(ms, span{start: i, end: end, key: k})
		}
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].start < ms[j].start })
	return ms
}

// pronouns adds "him"/"her" after a meeting or speech verb ("Fernandes
// told him", "consulted with her") as a mention of the person it can only
// mean: the one other person of the sentence ("According to Saran, ...
// Fernandes told him"), else the one person of the paragraph's previous
// sentence. When two candidates remain the pronoun is left alone.
func (r *run) pronouns(si int, s *sent, ms []span) []span {
	added := false
	for i, t := range s.toks {
		if t.lower != "him" && t.lower != "her" || i == 0 {
			continue
		}
		v := i - 1
		if s.toks[v].lower == "with" && v > 0 {
			v--
		}
		if verbKinds[s.toks[v].lower] == "" {
			continue
		}
		// The subject: the nearest person before the verb.
		subj := ""
		for _, m := range ms {
			if m.end <= v && m.key != "" {
				subj = m.key
			}
		}
		if subj == "" {
			continue
		}
		k := onlyOther(s.pers, subj)
		if k == "" && si > 0 && len(s.pers) == 1 {
			if p := r.sents[si-1]; p.para == s.para {
				k = onlyOther(p.pers, subj)
			}
		}
		if k != "" {
			ms = append(ms, span{start: i, end: i + 1, key: k})
			added = true
		}
	}
	for i, t := range s.toks {
		if t.lower != "he" && t.lower != "she" || covered(ms, i) || !subjectVerb(s.toks, i+1) {
			continue
		}
		k := ""
		switch {
		case i == 0 || s.toks[i-1].text == "," && i == 2:
			// "He told FM Lavrov ...": the one person of the paragraph's
			// previous sentence, when this sentence does not name them.
			if si > 0 {
				if p := r.sents[si-1]; p.para == s.para {
					k = onlyOther(p.pers, "")
				}
			}
			if k != "" && slices.ContainsFunc(s.pers, func(m span) bool { return m.key == k }) {
				k = ""
			}
		case s.toks[i-1].lower == "that":
			// "Jeremic said that he had met Lavrov": the one person named
			// before the pronoun in this sentence.
			var before []span
			for _, m := range s.pers {
				if m.end <= i {
					before = append(before, m)
				}
			}
			k = onlyOther(before, "")
		}
		if k != "" {
			ms = append(ms, span{start: i, end: i + 1, key: k})
			added = true
		}
	}
	if added {
		sort.Slice(ms, func(i, j int) bool { return ms[i].start < ms[j].start })
	}
	return ms
}

// subjectVerb reports a verb that takes its counterpart as object at
// toks[i] or after one adverb ("told", "also met with", "later called"):
// "he explained the activities of X" does not make X his counterpart.
func subjectVerb(toks []token, i int) bool {
	for k := i; k < len(toks) && k <= i+1; k++ {
		w := toks[k].lower
		if objectVerbs[w] || k+1 < len(toks) && toks[k+1].lower == "with" && verbKinds[w] != "" {
			return true
		}
		if !toks[k].word || toks[k].cap {
			return false
		}
	}
	return false
}

// onlyOther is the one person key in ps other than not, else "".
func onlyOther(ps []span, not string) string {
	found := ""
	for _, p := range ps {
		if p.key == "" || p.key == not || p.key == found {
			continue
		}
		if found != "" {
			return ""
		}
		found = p.key
	}
	return found
}

// roleHolder is the surname key of the only person with role, else "".
func (r *run) roleHolder(role string) string {
	if r.e.lx.usTitles[role] {
		return "" // the embassy's own roles are post words
	}
	found := ""
	for _, k := range r.order {
		if r.ps[k].roles[role] {
			if found != "" {
				return ""
			}
			found = k
		}
	}
	return found
}

func covered(ps []span, i int) bool {
	for _, p := range ps {
		if i >= p.start && i < p.end {
			return true
		}
	}
	return false
}

// linkKind finds the verb joining a (first) and b in sentence s: between
// them ("Lavrov told Jeremic", "Jeremic met with Lavrov"), before both
// ("a meeting between Jeremic and Lavrov") or after both ("Tadic and
// Lavrov discussed").
func (r *run) linkKind(s *sent, a, b span) (string, float64) {
	toks := s.toks
	gap := toks[a.end:b.start]
	subjectOK := a.start == 0 || !prepositions[toks[a.start-1].lower]
	// "Singh used a July 7 meeting with the DCM", "PolOff delivered points
	// to MFA Nuclear Division Director Zhang": a verb or meeting noun, then
	// to/with, then only a description of B.
	if subjectOK && len(gap) >= 2 && len(gap) <= 30 {
		if p := lastPrep(gap); p >= 0 && descriptionOnly(s, a.end+p+1, b.start) && !personIn(s, a.end, b.start) {
			for k := 0; k < p && k <= 8; k++ {
				if breakWords[gap[k].lower] || gap[k].text == ";" || (k > 0 && speechVerbs[gap[k].lower] && verbKinds[gap[k].lower] == "") {
					break
				}
				if kind, ok := verbKinds[gap[k].lower]; ok {
					return kind, 0.8
				}
			}
			// "Kilicarslan, Deputy Commander ..., is on his way to Erbil to
			// meet with PM Seleh": the verb right before to/with, and no new
			// clause between the subject and it.
			if p >= 1 && !hasClause(gap[:p-1]) {
				if kind, ok := verbKinds[gap[p-1].lower]; ok && gap[p-1].lower != "letter" && gap[p-1].lower != "written" {
					return kind, 0.75
				}
			}
		}
	}
	// Passive: "The Ambassador was called in by FM Gisladottir".
	if len(gap) >= 3 && len(gap) <= 12 && (gap[0].lower == "was" || gap[0].lower == "were") {
		if kind, ok := verbKinds[gap[1].lower]; ok {
			for k := 2; k < len(gap); k++ {
				if gap[k].lower == "by" && descriptionOnly(s, a.end+k+1, b.start) {
					if gap[1].lower == "called" && gap[2].lower == "in" {
						kind = graph.InteractionMet
					}
					return kind, 0.8
				}
			}
		}
	}
	if subjectOK && len(gap) > 8 && len(gap) <= 30 && b.start > 0 && (toks[b.start-1].lower == "to" || toks[b.start-1].lower == "with") {
		// "PolOff delivered reftel points ... to MFA Director Zhang":
		// the verb opens the gap and the person closes it after to/with.
		if kind, ok := verbKinds[gap[0].lower]; ok && !hasBreak(gap[1:]) {
			return kind, 0.75
		}
		if len(gap) > 1 && (gap[0].lower == "was" || gap[0].lower == "were") && toks[b.start-1].lower != "with" {
			if kind, ok := verbKinds[gap[1].lower]; ok && !hasBreak(gap[2:]) {
				return kind, 0.75
			}
		}
	}
	if len(gap) <= 8 && subjectOK {
		for k, t := range gap {
			if k > 3 || breakWords[t.lower] {
				break
			}
			if t.lower == "called" && k+1 < len(gap) && gap[k+1].lower == "in" {
				return graph.InteractionMet, 0.9
			}
			if kind, ok := verbKinds[t.lower]; ok {
				if t.lower == "call" || t.lower == "phone" || t.lower == "letter" || t.lower == "meeting" || t.lower == "talks" {
					if k == 0 {
						continue // "Lavrov call" is not a link
					}
				}
				return kind, 0.9
			}
			if t.text == "." || t.text == ";" || t.lower == "but" || t.lower == "while" || t.lower == "whereas" {
				break
			}
		}
	}
	// "In a February 6 discussion with Rolf Nikel, the DCM reiterated": a
	// meeting noun and "with" before a, then b as the subject after a comma.
	if k, ok := r.meetingWithBefore(s, a.start); ok && len(gap) >= 1 {
		g := 0
		if gap[0].lower == "on" { // "with PolOff on November 25, ..."
			g = 1
			for g < len(gap) && g < 4 && gap[g].text != "," {
				g++
			}
		}
		if g < len(gap) && gap[g].text == "," && descriptionOnly(s, a.end+g+1, b.start) && !personIn(s, a.end, b.start) &&
			b.end < len(toks) && (speechVerbs[toks[b.end].lower] || verbKinds[toks[b.end].lower] != "" || toks[b.end].text == ",") {
			return k, 0.8
		}
	}
	if len(gap) >= 1 && len(gap) <= 3 && gap[0].lower == "and" && descriptionOnly(s, a.end+1, b.start) && !personIn(s, a.end+1, b.start) {
		// "a meeting between X and Y" pairs them; "met with X and Y" does
		// not (both are the subject's counterparts, see the list rule).
		for k := a.start - 1; k >= 0 && k >= a.start-12; k-- {
			if toks[k].lower == "with" {
				break
			}
			if toks[k].lower == "between" {
				if kind := betweenVerb(toks, k); kind != "" {
					return kind, 0.85
				}
				break
			}
			if k < a.start-5 && !descriptionOnly(s, k, k+1) {
				break // further back only a list of pairs: "between A and B, C and D"
			}
		}
		for k := b.end; k < len(toks) && k <= b.end+2; k++ {
			if kind, ok := verbKinds[toks[k].lower]; ok && reciprocal[toks[k].lower] {
				return kind, 0.85
			}
		}
	}
	return "", 0
}

func personIn(s *sent, from, to int) bool {
	for k := from; k < to; k++ {
		if s.mark[k] == markPerson && !s.toks[k].poss { // "Berlusconi's adviser" describes
			return true
		}
	}
	return false
}

// descNouns may describe a person between a preposition and the name:
// "with Dutch MFA officials Lek ten Hagen".
var descNouns = toSet(`official officials officer officers desk head expert experts colleague colleagues counterpart counterparts
contact contacts advisor adviser aide aides deputy director senior acting chief spokesman representative representatives delegation
member members staffer staffers analyst diplomat diplomats minister ministry department section division unit
son sons daughter daughters wife husband brother sister father mother family nephew cousin widow`)

// lastPrep is the index of the last "to" or "with" in gap, or of "by"
// after a meeting noun ("a call by PolOff"), or -1.
func lastPrep(gap []token) int {
	for k := len(gap) - 1; k >= 0; k-- {
		if gap[k].lower == "to" || gap[k].lower == "with" || gap[k].lower == "by" && k > 0 && byNouns[gap[k-1].lower] {
			return k
		}
	}
	return -1
}

// betweenBefore reports "between" among the few tokens before i.
func betweenBefore(s *sent, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if s.toks[k].lower == "between" {
			return true
		}
	}
	return false
}

// betweenVerb is the kind of the meeting noun or verb before "between" at
// k ("talks between"), following a repeated "between" back to the first
// ("conversations between A and B, and between C and D").
func betweenVerb(toks []token, k int) string {
	for hops := 0; hops < 3; hops++ {
		// "talks between", "conversations the evening of July 4 between"
		for q := k - 1; q >= 0 && q >= k-6; q-- {
			if kind, ok := verbKinds[toks[q].lower]; ok {
				return kind
			}
			if breakWords[toks[q].lower] || toks[q].text == "," || toks[q].text == ";" || toks[q].text == "." {
				break
			}
		}
		if k < 2 || toks[k-1].lower != "and" && toks[k-1].text != "," {
			return ""
		}
		prev := -1
		for q := k - 2; q >= 0 && q >= k-15; q-- {
			if toks[q].text == ";" || toks[q].text == "." || verbKinds[toks[q].lower] != "" || speechVerbs[toks[q].lower] {
				break
			}
			if toks[q].lower == "between" {
				prev = q
				break
			}
		}
		if prev < 0 {
			return ""
		}
		k = prev
	}
	return ""
}

// reciprocal are the verbs that, after "X and Y", join X with Y: "Lavrov
// and Jeremic met" (but not "Tadic and Kostunica visited Moscow").
var reciprocal = toSet(`met meet meets discussed discuss spoke talked negotiated negotiate consulted phoned telephoned`)

// byNouns are the meeting nouns whose "by" names who came: "a call by
// PolOff", "a visit by the Ambassador".
var byNouns = toSet(`call meeting`)

// descriptionOnly reports whether tokens [from, to) only describe a person:
// capitalised words, places, organizations, titles, "the", "of", commas.
func descriptionOnly(s *sent, from, to int) bool {
	if to-from > 12 {
		return false
	}
	for k := from; k < to; k++ {
		t := s.toks[k]
		switch {
		case s.mark[k] != markNone:
		case t.word && t.cap:
		case t.lower == "the" || t.lower == "of" || t.lower == "for" || t.lower == "and" || t.text == "," || t.text == "(" || t.text == ")" || t.text == "/" ||
			t.text == "\"" || t.text == "“" || t.text == "”":
		case descNouns[t.lower]:
		case t.word && k+1 < len(s.toks) && (descNouns[s.toks[k+1].lower] || s.mark[k+1] == markTitle) && verbKinds[t.lower] == "" && !speechVerbs[t.lower] && !breakWords[t.lower]:
			// an adjective before a describing noun: "diplomatic adviser"
		default:
			return false
		}
	}
	return true
}

// hasClause reports a word that starts a new clause or subject, or a verb
// of speech or meeting: what lies before it is not the subject of a later
// verb.
func hasClause(toks []token) bool {
	for _, t := range toks {
		if breakWords[t.lower] && t.lower != "and" || t.text == ";" || t.text == ":" || speechVerbs[t.lower] || verbKinds[t.lower] != "" {
			return true
		}
	}
	return false
}

func hasBreak(toks []token) bool {
	for _, t := range toks {
		if breakWords[t.lower] && t.lower != "and" || t.text == ";" || speechVerbs[t.lower] {
			return true
		}
	}
	return false
}

func (r *run) interaction(si int, s *sent, a, b span, kind string, conf float64, ambassador map[string]string) *graph.Interaction {
	ia := &graph.Interaction{Kind: kind, Cable: r.c.ID, Paragraph: s.para, Evidence: s.text, Confidence: conf}
	var ok bool
	if ia.A, ia.AName, ok = r.side(a, ambassador); !ok {
		return nil
	}
	if ia.B, ia.BName, ok = r.side(b, ambassador); !ok {
		return nil
	}
	if ia.A == ia.B {
		return nil
	}
	if strings.HasPrefix(ia.A, "post:") || strings.HasPrefix(ia.B, "post:") {
		ia.Confidence -= 0.1
	}
	ia.Status = status(strings.ToLower(s.text))
	if ia.Status != "" {
		ia.Confidence -= 0.2
	}
	ia.Topics = r.topics(si, s)
	ia.Date = r.date(s)
	return ia
}

// side names one end of an interaction: a person, the resolved
// Ambassador, or the post.
func (r *run) side(m span, ambassador map[string]string) (key, name string, ok bool) {
	if m.key == "" {
		if k, ok := ambassador[m.word]; ok && r.ps[k] != nil {
			return r.final[k], r.ps[k].name, true
		}
		if strings.TrimSpace(r.c.Origin) == "" {
			return "", "", false
		}
		return "post:" + r.c.Origin, r.c.Origin, true
	}
	p := r.ps[m.key]
	if p == nil {
		return "", "", false
	}
	return r.final[m.key], p.name, true
}

func status(lower string) string {
	for _, w := range refusedWords {
		if strings.Contains(lower, w) {
			return "refused"
		}
	}
	for _, w := range unconfirmedWords {
		if strings.Contains(lower, w) {
			return "unconfirmed"
		}
	}
	for _, w := range plannedWords {
		if strings.Contains(lower, w) {
			return "planned"
		}
	}
	return ""
}

// topics: the countries of the sentence (and of the bullets it introduces),
// else of the paragraph, else the cable's tags.
func (r *run) topics(si int, s *sent) []string {
	if s.topics == nil {
		s.topics = r.computeTopics(si, s)
	}
	return append([]string(nil), s.topics...)
}

func (r *run) computeTopics(si int, s *sent) []string {
	codes := append([]string(nil), s.countries...)
	if strings.HasSuffix(s.text, ":") {
		for k := si + 1; k < len(r.sents) && r.sents[k].para == s.para; k++ {
			codes = append(codes, r.sents[k].countries...)
		}
	}
	if len(codes) == 0 {
		for _, o := range r.sents {
			if o.para == s.para {
				codes = append(codes, o.countries...)
			}
		}
	}
	var out []string
	seen := map[string]bool{}
	add := func(v string) {
		if v != "" && !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	for _, c := range codes {
		add(c)
		if n, ok := r.e.t.CountryName(c); ok {
			add(n)
		}
	}
	if len(out) == 0 {
		for _, tg := range r.c.Tags {
			add(strings.TrimSpace(tg))
		}
	}
	return out
}

func pairKey(para int, a, b string) string {
	if b < a {
		a, b = b, a
	}
	return strings.Join([]string{itoa(para), a, b}, "|")
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// coMentions links every other pair of persons named in one sentence of a
// paragraph, weakly. Pairs already linked by a verb in that paragraph are
// left out.
func (r *run) coMentions(linked map[string]bool) {
	for si, s := range r.sents {
		if s.para < 0 || len(s.pers) < 2 || len(s.pers) > 12 {
			continue
		}
		for x := 0; x < len(s.pers); x++ {
			for y := x + 1; y < len(s.pers); y++ {
				a, b := r.final[s.pers[x].key], r.final[s.pers[y].key]
				if a == b || linked[pairKey(s.para, a, b)] {
					continue
				}
				linked[pairKey(s.para, a, b)] = true
				r.interactions = append(r.interactions, graph.Interaction{
					A: a, B: b, AName: r.ps[s.pers[x].key].name, BName: r.ps[s.pers[y].key].name,
					Kind: graph.InteractionCoMentioned, Cable: r.c.ID, Paragraph: s.para, Evidence: s.text,
					Topics: r.topics(si, s), Date: r.date(s), Confidence: 0.3,
				})
			}
		}
	}
}
