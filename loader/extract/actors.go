package extract

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// actors is what the Phoenix actor dictionaries (petrarch2, MIT licence;
// an optional gazetteer given by path, never committed) say about person
// names: the surnames of political actors and their given names. Cables
// name many people by surname alone with no title or verb nearby
// ("Clinton", "Karroubi"); a surname the dictionaries know is a cue the
// text itself does not give.
type actors struct {
	surnames map[string]bool // lower case
	given    map[string]bool // lower case
	// commonSurnames are surnames that are also common English words
	// ("young", "rice"): not a cue alone, but a title before one in an
	// ALL-CAPS cable ("COUNSELOR YOUNG") still names a person.
	commonSurnames map[string]bool
	notPerson      map[string]bool // words of the entries that are not persons
}

// actorFiles are the dictionaries read from dir/phoenix, when present.
var actorFiles = []string{"Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt"}

// loadActors reads dir/phoenix. A missing directory is not an error (the
// gazetteer may hold pocom alone); it returns nil.
func loadActors(dir string, lx *lexicon) (*actors, error) {
	a := &actors{surnames: map[string]bool{}, given: map[string]bool{}, commonSurnames: map[string]bool{}, notPerson: map[string]bool{}}
	found := false
	for _, name := range actorFiles {
		f, err := os.Open(filepath.Join(dir, "phoenix", name))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("actors: %w", err)
		}
		err = a.read(f, lx)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("actors: %s: %w", name, err)
		}
		found = true
	}
	if !found {
		return nil, nil
	}
	return a, nil
}

// read parses one TABARI actor file: an entry line names an actor, "+"
// lines are its aliases, and bracketed role codes follow ("[INDGOV
// 030101-040131]"). An entry is a person when a role code carries a date;
// countries and groups ("AFGHANISTAN_ [AFG]") carry none.
func (a *actors) read(r io.Reader, lx *lexicon) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	var names []string
	person := false
	flush := func() {
		if person {
			for i, n := range names {
				a.addName(n, i == 0, lx)
			}
		} else {
			// Countries, regions and groups: their words ("+ENGLISH",
			// "+KURDISTAN", "+SAHEL") are never surnames.
			for _, n := range names {
				for _, w := range strings.Split(strings.ToLower(strings.Trim(n, "_")), "_") {
					a.notPerson[w] = true
				}
			}
		}
		names, person = names[:0], false
	}
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		body := line
		if i := strings.IndexByte(body, '#'); i >= 0 {
			body = body[:i]
		}
		if strings.IndexByte(body, '[') >= 0 && strings.ContainsAny(body[strings.IndexByte(body, '['):], "0123456789") {
			person = true
		}
		switch {
		case line[0] == '+':
			names = append(names, firstField(body[1:]))
		case line[0] == ' ' || line[0] == '\t' || line[0] == '[':
			// role codes only
		default:
			flush()
			names = append(names, firstField(body))
			if strings.IndexByte(body, '[') >= 0 && strings.ContainsAny(body[strings.IndexByte(body, '['):], "0123456789") {
				person = true
			}
		}
	}
	flush()
	return sc.Err()
}

func firstField(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}

// addName records the surname (last word) of an actor name such as
// "MUAMMAR_ABU_MINYAR_AL_QADHAFI_" and, for the entry's own name, its
// first word as a given name. Words the lexicon knows as titles, common
// words or particles are never taken.
func (a *actors) addName(n string, primary bool, lx *lexicon) {
	var w []string
	for _, x := range strings.Split(strings.ToLower(strings.Trim(n, "_")), "_") {
		if x != "" {
			w = append(w, x)
		}
	}
	for len(w) > 0 && (suffixWords[strings.Trim(w[len(w)-1], ".")] || strings.HasSuffix(w[len(w)-1], ".")) {
		w = w[:len(w)-1]
	}
	if len(w) < 2 {
		return // one-word aliases ("+ABKHAZ") are as often groups as persons
	}
	ok := func(x string) bool {
		if len(x) < 3 || strings.ContainsAny(x, ".0123456789'") {
			return false
		}
		if _, t := lx.titles[x]; t {
			return false
		}
		return !lx.notName[x] && !lx.nameParts[x] && !commonSuffix(x)
	}
	if sur := w[len(w)-1]; ok(sur) && !lx.given[sur] {
		a.surnames[sur] = true
	}
	if primary && len(w) >= 2 && ok(w[0]) {
		a.given[w[0]] = true
	}
}

// prune removes the words the tables know as countries, demonyms, places
// or organizations, and the common English words: the dictionaries hold
// aliases such as "AFRICAN_UNION_COMMISSIONER" whose words are not names.
func (a *actors) prune(e *Extractor) {
	for w := range a.surnames {
		_, place := e.places[w]
		_, org := e.orgsLo[w]
		_, _, country := e.t.Country(w)
		if e.lx.common[w] && !place && !org && !country && !e.lx.given[w] {
			a.commonSurnames[w] = true
		}
		if a.notPerson[w] || a.given[w] {
			delete(a.surnames, w) // "Soviet", "Muammar"
		}
	}
	a.notPerson = nil
	for _, m := range []map[string]bool{a.surnames, a.given} {
		for w := range m {
			_, place := e.places[w]
			_, org := e.orgsLo[w]
			_, _, country := e.t.Country(w)
			if place || org || country || e.lx.common[w] {
				delete(m, w)
			}
		}
	}
}
