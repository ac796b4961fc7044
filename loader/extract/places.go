package extract

import (
	"sort"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
)

// Token marks: what a token has been recognised as, so that the person
// rules never take a place, an organization or a title for a name.
const (
	markNone byte = iota
	markPlace
	markOrg
	markTitle
	markPerson
)

// tagInfo gives every tag its meaning and kind, in the order of the tags.
// An unknown tag that reads like a name ("RICE, CONDOLEEZZA") is a person
// tag; any other unknown tag is kept with kind unknown, never dropped.
func (e *Extractor) tagInfo(tags []string) []graph.Tag {
	if len(tags) == 0 {
		return nil
	}
	out := make([]graph.Tag, 0, len(tags))
	for _, code := range tags {
		if tg, ok := e.t.Tag(code); ok {
			out = append(out, graph.Tag{Code: code, Meaning: tg.Meaning, Kind: tg.Kind})
			continue
		}
		if personTag(code) {
			out = append(out, graph.Tag{Code: code, Meaning: personTagName(code), Kind: graph.TagPerson})
			continue
		}
		out = append(out, graph.Tag{Code: code, Kind: graph.TagUnknown})
	}
	return out
}

// personTag reports whether an unknown tag reads as a person's name: it
// has a comma or a space between letters ("RICE, CONDOLEEZZA").
func personTag(code string) bool {
	code = strings.Trim(code, "() ")
	if !strings.ContainsAny(code, ", ") {
		return false
	}
	for _, r := range code {
		if !(r == ',' || r == ' ' || r == '.' || r == '-' || r == '\'' || (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z')) {
			return false
		}
	}
	return true
}

// personTagName turns "RICE, CONDOLEEZZA" into "Condoleezza Rice".
func personTagName(code string) string {
	code = strings.Trim(code, "() ")
	if i := strings.IndexByte(code, ','); i > 0 {
		return titleCase(strings.TrimSpace(code[i+1:]) + " " + strings.TrimSpace(code[:i]))
	}
	return titleCase(code)
}

// scanPlacesOrgs marks and counts countries, host-government abbreviations
// and organizations in every sentence.
func (r *run) scanPlacesOrgs() {
	for _, s := range r.sents {
		toks := s.toks
		for i := 0; i < len(toks); i++ {
			if !toks[i].word {
				continue
			}
			if n := r.matchOrg(s, i); n > 0 {
				i += n - 1
				continue
			}
			if n := r.matchPlace(s, i); n > 0 {
				i += n - 1
				continue
			}
		}
	}
}

// phrase joins the texts of toks[i:i+n] with single spaces; ok is false
// when the span runs past punctuation or the end. When the words stand in
// the sentence separated by single spaces, the phrase is a slice of the
// sentence (or of its lower-case form) and nothing is allocated.
func (s *sent) phrase(i, n int, lower bool) (string, bool) {
	toks := s.toks
	if i+n > len(toks) {
		return "", false
	}
	if n < 1 {
		return "", true
	}
	if n == 1 {
		if !toks[i].word {
			return "", false
		}
		if lower {
			return toks[i].lower, true
		}
		return toks[i].text, true
	}
	src := s.src
	if lower {
		src = s.lsrc
	}
	inPlace := src != ""
	for k := i; k < i+n; k++ {
		if !toks[k].word {
			return "", false
		}
		if k > i {
			if toks[k-1].poss {
				return "", false
			}
			if end := toks[k-1].start + len(toks[k-1].text); toks[k].start != end+1 || end >= len(src) || src[end] != ' ' {
				inPlace = false
			}
		}
	}
	if inPlace {
		last := toks[i+n-1]
		return src[toks[i].start : last.start+len(last.text)], true
	}
	var b strings.Builder
	for k := i; k < i+n; k++ {
		if k > i {
			b.WriteByte(' ')
		}
		if lower {
			b.WriteString(toks[k].lower)
		} else {
			b.WriteString(toks[k].text)
		}
	}
	return b.String(), true
}

func (r *run) matchPlace(s *sent, i int) int {
	toks := s.toks
	if !r.caps && !toks[i].cap {
		return 0
	}
	if i > 0 && toks[i-1].word && toks[i-1].cap && (r.e.lx.nameParts[toks[i-1].lower] || !r.caps && r.e.lx.given[toks[i-1].lower]) {
		return 0 // "Frank De Lima", "Peter Allen": a name, not a place
	}
	maxN := r.e.placeFirst[toks[i].lower]
	for n := min(maxN, len(toks)-i); n >= 1; n-- {
		ph, ok := s.phrase(i, n, true)
		if !ok {
			continue
		}
		p, ok := r.e.places[ph]
		if !ok {
			continue
		}
		if ph == "us" && (r.caps || toks[i].text != "US") {
			continue
		}
		r.addCountry(s, i, n, p.Code)
		return n
	}
	// Plural multiword demonyms: "Costa Ricans", "South Koreans".
	for n := min(maxN, len(toks)-i); n >= 2; n-- {
		ph, ok := s.phrase(i, n, true)
		if !ok || !strings.HasSuffix(ph, "s") {
			continue
		}
		if p, ok := r.e.places[ph[:len(ph)-1]]; ok && p.Kind == "demonym" {
			r.addCountry(s, i, n, p.Code)
			return n
		}
	}
	t := toks[i]
	if code, ok := r.hostGov(t); ok {
		r.addCountry(s, i, 1, code)
		return 1
	}
	// Plural demonyms: "Serbs", "Kosovars", "Russians".
	if len(t.lower) > 3 && strings.HasSuffix(t.lower, "s") {
		if p, ok := r.e.places[t.lower[:len(t.lower)-1]]; ok && p.Kind == "demonym" {
			r.addCountry(s, i, 1, p.Code)
			return 1
		}
	}
	return 0
}

func (r *run) addCountry(s *sent, i, n int, code string) {
	for k := i; k < i+n; k++ {
		s.mark[k] = markPlace
	}
	r.cc[code]++
	s.countries = append(s.countries, code)
	if s.placeAt == nil {
		s.placeAt = map[int]string{}
	}
	s.placeAt[i] = code
}

func (r *run) matchOrg(s *sent, i int) int {
	toks := s.toks
	var maxN int
	if w := toks[i].text; w == "" || r.e.orgByte[w[0]] {
		maxN = r.e.orgFirst[w]
	}
	if r.caps {
		maxN = r.e.orgFirstLo[toks[i].lower]
	}
	for n := min(maxN, len(toks)-i); n >= 1; n-- {
		var of orgForm
		var ok bool
		if r.caps {
			ph, pok := s.phrase(i, n, true)
			if !pok {
				continue
			}
			of, ok = r.e.orgsLo[ph]
		} else {
			ph, pok := s.phrase(i, n, false)
			if !pok {
				continue
			}
			of, ok = r.e.orgs[ph]
		}
		if !ok {
			continue
		}
		o := of.org
		key, name := o.Key, o.Name
		if o.PerCountry {
			cc := r.originCC
			if i > 0 {
				if c, ok := s.placeAt[i-1]; ok {
					cc = c
				}
			}
			if cc != "" {
				key = o.Key + ":" + cc
				if cn, ok := r.e.t.CountryName(cc); ok {
					name = o.Name + " (" + cn + ")"
				}
			}
		}
		m := r.orgc[key]
		if m == nil {
			m = &graph.OrgMention{Key: key, Name: name, Kind: o.Kind}
			r.orgc[key] = m
		}
		m.Count++
		for k := i; k < i+n; k++ {
			s.mark[k] = markOrg
		}
		return n
	}
	return 0
}

// countries lists the cable's countries: text mentions, geographic tags
// (one each) and the origin (one), most mentioned first.
func (r *run) countries() []graph.CountryMention {
	for _, tg := range r.c.Tags {
		if code, _, ok := r.e.t.Country(strings.TrimSpace(tg)); ok && len(strings.TrimSpace(tg)) == 2 {
			r.cc[code]++
		}
	}
	if r.originCC != "" {
		r.cc[r.originCC]++
	}
	out := make([]graph.CountryMention, 0, len(r.cc))
	for code, n := range r.cc {
		name, _ := r.e.t.CountryName(code)
		out = append(out, graph.CountryMention{Code: code, Name: name, Count: n, Origin: code == r.originCC})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Code < out[j].Code
	})
	return out
}

func (r *run) organizations() []graph.OrgMention {
	out := make([]graph.OrgMention, 0, len(r.orgc))
	for _, m := range r.orgc {
		out = append(out, *m)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Key < out[j].Key
	})
	return out
}

// hostGov resolves "GOR", "GOI", "GoNL": the origin country when the
// letters after GO are its initials (GOI in Reykjavik is Iceland), else a
// table candidate the cable otherwise names, else the table's first.
func (r *run) hostGov(t token) (string, bool) {
	if !t.upper && !strings.HasPrefix(t.text, "Go") {
		return "", false // checked below too; first, before any allocation
	}
	up := strings.ToUpper(t.text)
	cands := r.e.t.HostGovCandidates(up)
	generic := len(up) >= 3 && len(up) <= 5 && strings.HasPrefix(up, "GO") && (t.upper || strings.HasPrefix(t.text, "Go"))
	if len(cands) == 0 && !generic {
		return "", false
	}
	if !t.upper && !strings.HasPrefix(t.text, "Go") {
		return "", false
	}
	if generic && r.originCC != "" {
		if name, ok := r.e.t.CountryName(r.originCC); ok && initialsMatch(up[2:], name) {
			return r.originCC, true
		}
	}
	for _, c := range cands {
		if c == r.originCC {
			return c, true
		}
	}
	for _, c := range cands {
		if r.cc[c] > 0 {
			return c, true
		}
		for _, tg := range r.c.Tags {
			if strings.EqualFold(strings.TrimSpace(tg), c) {
				return c, true
			}
		}
	}
	if len(cands) > 0 {
		return cands[0], true
	}
	return "", false
}

// initialsMatch: "SL" and "Sri Lanka", "I" and "Iceland", "NL" and
// "Netherlands".
func initialsMatch(letters, name string) bool {
	if letters == "" {
		return false
	}
	w := strings.Fields(strings.ToUpper(name))
	var ini strings.Builder
	for _, x := range w {
		ini.WriteByte(x[0])
	}
	if ini.String() == letters {
		return true
	}
	return len(w) > 0 && strings.HasPrefix(w[0], letters)
}
