package extract

import (
	"strings"
	"unicode"
)

// Addressee lines ("NSC FOR HELGERSON", "DEPT FOR EUR/SCE (SMITH)", "BAGHDAD
// FOR AMBASSADOR ERELI", "STATE FOR WHA TOM SHANNON, JOHN MAISTO") name the
// officials a cable was meant for: US persons, the header source
// next to Classified By and the signature. Most of a line is office codes
// (EUR/SCE, ISN/ECNP, J5) and the names come in three shapes that we trust:
// a title before a surname, a given name before a surname, and a name in
// parentheses after an office. A bare word is taken only when nothing in
// the tables calls it something else and it does not look like a surname
// with its initial glued on (LGUMBINER, WMIELE), which we cannot read.

// findAddressees adds the persons the cable's addressee lines name.
func (r *run) findAddressees() {
	// Mail names have the initial glued on: a list of bare words ("PM/PPA
	// FOR ERUSSELL, BAVERILL, MMARKOFF"), or any bare word that starts like
	// one ("OES/ENV (HFINMAN)" and, lines later, "AID (ADIX)"), says the
	// drafter wrote every bare word that way.
	var items []string
	mail := false
	for _, line := range r.c.Addressees {
		// "DEPT FOR NEA/MAG; COMMERCE FOR MASON; ENERGY FOR ERICKSON"
		for _, seg := range strings.Split(line, ";") {
			its := addresseeItems(seg)
			bare := 0
			for _, it := range its {
				w := strings.Trim(it, "()")
				if !strings.ContainsAny(w, " /") {
					mail = mail || gluedInitial(w)
					if !strings.HasPrefix(it, "(") {
						bare++
					}
				}
			}
			mail = mail || bare > 1
			items = append(items, its...)
		}
	}
	for _, item := range items {
		r.addAddressee(item, mail)
	}
}

// addresseeItems splits the part of a line after its last FOR (or PASS)
// into items: "EUR/SCE (SMITH)" gives "EUR/SCE" and "(SMITH)"; lists split at
// commas, semicolons, slashes inside parentheses and AND.
func addresseeItems(line string) []string {
	rest := line
	if i := strings.LastIndex(" "+line, " FOR "); i >= 0 {
		rest = line[i+4:]
	} else if i := strings.LastIndex(" "+line, " PASS "); i >= 0 {
		rest = line[i+5:]
	}
	var items []string
	for len(rest) > 0 {
		open := strings.IndexByte(rest, '(')
		if open < 0 {
			items = append(items, splitList(rest, false)...)
			break
		}
		items = append(items, splitList(rest[:open], false)...)
		end := strings.IndexByte(rest[open:], ')')
		if end < 0 {
			break
		}
		for _, x := range splitList(rest[open+1:open+end], true) {
			items = append(items, "("+x+")")
		}
		rest = rest[open+end+1:]
	}
	return items
}

func splitList(s string, slashes bool) []string {
	f := func(c rune) bool { return c == ',' || c == ';' || slashes && c == '/' }
	var out []string
	for _, part := range strings.FieldsFunc(s, f) {
		for _, x := range strings.Split(" "+part+" ", " AND ") {
			if x = strings.TrimSpace(strings.Trim(strings.TrimSpace(x), "-:.")); x != "" {
				out = append(out, x)
			}
		}
	}
	return out
}

// addAddressee reads one item: office codes and titles first, then at most
// three name words.
func (r *run) addAddressee(item string, mailList bool) {
	words := strings.Fields(strings.Trim(item, "()"))
	role := ""
	i := 0
	for i < len(words) {
		w := words[i]
		lw := strings.ToLower(strings.TrimSuffix(w, "."))
		if t, ok := r.e.lx.titles[lw]; ok {
			role = t
			if role == "" {
				role = titleCase(lw)
			}
			i++
			continue
		}
		if strings.ContainsAny(w, "/0123456789&") || strings.Trim(w, "-–:.,") == "" || r.isCode(w) {
			i++
			continue
		}
		break
	}
	name := words[i:]
	// An office code the tables do not know before a full name ("WHA TOM
	// SHANNON"): the name starts at its given name.
	for k := 1; k < len(name)-1; k++ {
		if r.e.lx.given[strings.ToLower(name[k])] {
			name = name[k:]
			break
		}
	}
	if len(name) == 0 || len(name) > 3 {
		return
	}
	for k, w := range name {
		if !r.addresseeWord(w, k == len(name)-1) {
			return
		}
	}
	sur := titleCase(name[len(name)-1])
	switch {
	case len(name) >= 2:
		first := strings.ToLower(strings.TrimSuffix(name[0], "."))
		if !r.e.lx.given[first] && len(first) < 3 && len(first) != 1 {
			return
		}
	case role != "":
	case gluedInitial(name[0]) || r.e.lx.given[strings.ToLower(name[0])]:
		return // "(HFINMAN)"; a given name alone ("WHA/CAR - KAREN")
	default:
		if mailList || len(name[0]) < 4 {
			return
		}
	}
	full := titleCase(strings.Join(name, " "))
	r.addPerson(sur, full, full, role, "US", tieUS, "addressee", 0)
}

// isCode reports an office or organisation code: a TAGS code, an acronym or
// organisation the tables know, a word the lexicon says is never a name.
func (r *run) isCode(w string) bool {
	lw := strings.ToLower(w)
	if r.e.lx.notName[lw] || addresseeOffices[lw] {
		return true
	}
	if _, ok := r.e.t.Tag(w); ok {
		return true
	}
	if _, ok := r.e.orgsLo[lw]; ok {
		return true
	}
	if _, ok := r.e.places[lw]; ok {
		return true
	}
	return false
}

// addresseeWord reports whether w can be part of a person's name here.
func (r *run) addresseeWord(w string, last bool) bool {
	t := strings.TrimSuffix(w, ".")
	if t == "" || r.isCode(t) {
		return false
	}
	if len(t) == 1 {
		return !last // an initial
	}
	lw := strings.ToLower(t)
	if r.e.lx.common[lw] && !r.e.lx.given[lw] {
		return false
	}
	if _, ok := r.e.lx.titles[lw]; ok {
		return false
	}
	for _, c := range t {
		if !unicode.IsLetter(c) && c != '-' && c != '\'' {
			return false
		}
	}
	return true
}

// gluedInitial reports a word that starts with two consonants no English
// or common foreign surname starts with: an initial glued to a surname
// ("LGUMBINER", "WMIELE", "JHAGAN").
func gluedInitial(w string) bool {
	if len(w) < 3 {
		return false
	}
	lw := strings.ToLower(w)
	if strings.IndexByte("aeiouy", lw[0]) >= 0 || strings.IndexByte("aeiouy", lw[1]) >= 0 {
		return false
	}
	switch lw[:2] {
	case "bl", "br", "ch", "cl", "cr", "dr", "fl", "fr", "gl", "gr", "kl", "kr", "ph", "pl", "pr",
		"sc", "sh", "sk", "sl", "sm", "sn", "sp", "st", "sw", "th", "tr", "tw", "wh", "wr", "zh", "kh", "gh", "dh", "sz", "ts":
		return false
	}
	return true
}

// addresseeOffices are the offices and handling words of addressee lines
// that are neither in the TAGS nor in the organisation tables.
var addresseeOffices = toSet(`datt dao usdao polad polmil ilab ofac opic usau odc milgrp econ pol mgt rso cons pao dcm cda
info also please pass to attn action usdoc usda usaid doe dos dod osd jcs cjcs sof
j2 j3 j5 ecmin polcouns econcouns fas fcs treasury commerce energy justice labor interior state dept department
embassy consulate amembassy amconsul mission usun useu usnato usoecd unvie`)
