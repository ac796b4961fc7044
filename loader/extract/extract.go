package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/loader/extract/tables"
)

// Options configures an Extractor.
type Options struct {
	GazetteerDir string // optional: path to ../shared/data/gazetteers (pocom/, phoenix/); "" = none
	TablesFile   string // optional user extension of built-in tables (TSV, see package tables)
}

// Extractor extracts entities from cables. It is immutable after New and
// safe for concurrent use.
type Extractor struct {
	t      *tables.Tables
	lx     *lexicon
	places map[string]tables.Place // lower-case phrase -> place, multiword included
	maxPl  int                     // longest place phrase in words
	orgs   map[string]orgForm      // surface form (exact case) -> org
	orgsLo map[string]orgForm      // lower-case form -> org, for ALL-CAPS text
	maxOrg int
	chiefs *chiefs // from the gazetteer; nil when none
	actors *actors // person names from the gazetteer's actor dictionaries; nil when none

	// First-word indexes: the longest phrase (in tokens) that starts with a
	// word, so that phrase matching only builds strings where one can match.
	placeFirst map[string]int // lower-case first word
	orgFirst   map[string]int // exact first word
	orgByte    [256]bool      // first bytes of the orgFirst words: most words are not looked up
	postByte   [256]bool      // first bytes of the postWords
	orgFirstLo map[string]int // lower-case first word
	titleFirst map[string]int // lower-case first word

	keys *keyMemo // NameKey memo shared by all runs; does not change results
}

// keyMemo memoises graph.NameKey, which rebuilds its folding tables on
// every call. It is bounded and safe for concurrent use, and it never
// changes an answer, so the Extractor stays observably immutable.
type keyMemo struct {
	mu sync.RWMutex
	m  map[string]string
}

const keyMemoMax = 200000

func (k *keyMemo) get(w string) string {
	k.mu.RLock()
	v, ok := k.m[w]
	k.mu.RUnlock()
	if ok {
		return v
	}
	v = graph.NameKey(w)
	k.mu.Lock()
	if len(k.m) < keyMemoMax {
		k.m[w] = v
	}
	k.mu.Unlock()
	return v
}

type orgForm struct {
	org  tables.Org
	form string
}

// New builds an Extractor from the built-in tables, the optional user
// tables file and the optional gazetteer directory.
func New(opts Options) (*Extractor, error) {
	var ext []tables.Source
	if opts.TablesFile != "" {
		f, err := os.Open(opts.TablesFile)
		if err != nil {
			return nil, fmt.Errorf("extract: opening tables file: %w", err)
		}
		defer f.Close()
		ext = append(ext, tables.Source{Name: opts.TablesFile, R: f})
	}
	t, err := tables.New(ext...)
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	e := &Extractor{t: t, lx: newLexicon(), places: map[string]tables.Place{}, orgs: map[string]orgForm{}, orgsLo: map[string]orgForm{},
		placeFirst: map[string]int{}, orgFirst: map[string]int{}, orgFirstLo: map[string]int{}, titleFirst: map[string]int{},
		keys: &keyMemo{m: map[string]string{}}}
	first := func(idx map[string]int, toks []token, lower bool) {
		if len(toks) == 0 {
			return
		}
		w := toks[0].text
		if lower {
			w = toks[0].lower
		}
		if len(toks) > idx[w] {
			idx[w] = len(toks)
		}
	}
	for _, p := range t.Places() {
		k := strings.ToLower(p.Text)
		e.places[k] = p
		toks := tokenize(k)
		if n := len(toks); n > e.maxPl {
			e.maxPl = n
		}
		first(e.placeFirst, toks, true)
	}
	for _, o := range t.Orgs() {
		for _, f := range o.Forms {
			e.orgs[f] = orgForm{org: o, form: f}
			lo := strings.ToLower(f)
			if _, ok := e.orgsLo[lo]; !ok || f == strings.ToUpper(f) {
				e.orgsLo[lo] = orgForm{org: o, form: f}
			}
			toks := tokenize(f)
			if n := len(toks); n > e.maxOrg {
				e.maxOrg = n
			}
			first(e.orgFirst, toks, false)
			first(e.orgFirstLo, toks, true)
		}
	}
	for w := range e.orgFirst {
		if w != "" {
			e.orgByte[w[0]] = true
		}
	}
	for w := range postWords {
		if w != "" {
			e.postByte[w[0]] = true
		}
	}
	for ph := range e.lx.titles {
		first(e.titleFirst, tokenize(ph), true)
	}
	if opts.GazetteerDir != "" {
		// Either part of the gazetteer may be absent, not both.
		if st, err := os.Stat(filepath.Join(opts.GazetteerDir, "pocom")); err == nil && st.IsDir() {
			ch, err := loadChiefs(opts.GazetteerDir)
			if err != nil {
				return nil, fmt.Errorf("extract: gazetteer: %w", err)
			}
			e.chiefs = ch
		}
		ac, err := loadActors(opts.GazetteerDir, e.lx)
		if err != nil {
			return nil, fmt.Errorf("extract: gazetteer: %w", err)
		}
		if ac != nil {
			ac.prune(e)
			e.actors = ac
		}
		if e.chiefs == nil && e.actors == nil {
			return nil, fmt.Errorf("extract: gazetteer: neither pocom/ nor phoenix/ under %s", opts.GazetteerDir)
		}
	}
	return e, nil
}

// TagMeaning returns the meaning and kind of a TAGS code.
func (e *Extractor) TagMeaning(code string) (meaning, kind string, ok bool) {
	tg, ok := e.t.Tag(code)
	if !ok {
		return "", "", false
	}
	return tg.Meaning, tg.Kind, true
}

// CountryByName resolves "Kosovo", "KV", "Kosovar", "Pristina" to KV, Kosovo.
func (e *Extractor) CountryByName(nameOrCode string) (code, name string, ok bool) {
	return e.t.Country(nameOrCode)
}

// Tables exposes the tables for packages that need more than the two
// lookups above.
func (e *Extractor) Tables() *tables.Tables { return e.t }

// Extract fills c.TagInfo, c.Persons, c.Countries, c.Organizations and
// c.Interactions, replacing what was there. It is pure and never panics:
// a bug on one odd cable must not stop a load of 250,000, so a panic is
// recovered and the cable is left with what was extracted before it.
func (e *Extractor) Extract(c *graph.Cable) {
	if c == nil {
		return
	}
	defer func() {
		if r := recover(); r != nil {
			c.Persons, c.Interactions = nil, nil
		}
	}()
	c.TagInfo, c.Persons, c.Countries, c.Organizations, c.Interactions = nil, nil, nil, nil, nil
	c.TagInfo = e.tagInfo(c.Tags)
	r := e.newRun(c)
	r.scanPlacesOrgs()
	r.findPersons()
	r.findAddressees()
	r.countPersons()
	r.findInteractions()
	c.Countries = r.countries()
	c.Organizations = r.organizations()
	c.Persons = r.persons()
	c.Interactions = r.interactions
}
