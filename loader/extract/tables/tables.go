// Package tables holds cablegraph's own built-in fact tables: TAGS codes with
// their meaning and kind, State Department geographic codes and the words that
// point at a country (names, demonyms, capitals, post cities, host-government
// abbreviations such as GOR), posts, and organizations.
//
// The facts live in small TSV files under data/ that are embedded in the
// binary, so extraction runs offline with zero setup, and users extend them
// with a file in the same format (see Parse) without recompiling. The tables
// in ../shared/data/tables are never copied here; tests use them only as an
// oracle to measure coverage.
//
// TSV format, one fact per line, fields separated by a TAB, '#' starts a
// comment line, blank lines are ignored:
//
//	tag      CODE  meaning  kind        (kind: subject|geographic|organization|program|person)
//	country  CODE  name                 (also a geographic tag)
//	name     text  CODE                 (another name of a country: "Britain")
//	demonym  text  CODE                 ("Serbian")
//	capital  text  CODE                 ("Belgrade", used as a metonym and for posts)
//	city     text  CODE                 (other post or frequently named city)
//	hostgov  text  CODE                 ("GOR"; repeat a text to list candidates, the origin country wins)
//	post     origin CODE                (an origin the city rule cannot resolve: "UNVIE")
//	org      KEY   name  kind  forms    (forms separated by '|')
//	ministry KEY   name  kind  forms    (keyed per country at extraction: "MFA:RS")
//
// A user file may redefine an entry (the last definition of a key wins).
package tables

import (
	"bufio"
	"embed"
	"fmt"
	"io"
	"sort"
	"strings"
)

//go:embed data/*.tsv
var builtin embed.FS

// Tag is the meaning and kind of one TAGS code.
type Tag struct {
	Code, Meaning, Kind string
}

// Place is a word or phrase that points at a country.
type Place struct {
	Text string // as written in the table ("Belgrade")
	Code string // country code
	Kind string // name, demonym, capital, city
}

// Org is an organization with the surface forms that name it.
type Org struct {
	Key, Name, Kind string
	Forms           []string
	PerCountry      bool // a ministry-like body, keyed "KEY:CC" by the country it belongs to
}

// Tables is the set of facts. It is immutable after New and safe for
// concurrent use.
type Tables struct {
	tags      map[string]Tag
	countries map[string]string   // code -> name
	byName    map[string]string   // lower-case name/demonym/capital/city -> code
	places    map[string]Place    // lower-case text -> place
	hostgov   map[string][]string // upper-case text -> candidate codes
	posts     map[string]string   // lower-case origin -> code
	orgs      map[string]Org      // key -> org
}

// New builds the built-in tables and applies each extension in order.
// Each extension is a name (for error messages) and its TSV content.
func New(extensions ...Source) (*Tables, error) {
	t := &Tables{
		tags:      map[string]Tag{},
		countries: map[string]string{},
		byName:    map[string]string{},
		places:    map[string]Place{},
		hostgov:   map[string][]string{},
		posts:     map[string]string{},
		orgs:      map[string]Org{},
	}
	files, err := builtin.ReadDir("data")
	if err != nil {
		return nil, fmt.Errorf("tables: reading built-in data: %w", err)
	}
	for _, f := range files {
		b, err := builtin.ReadFile("data/" + f.Name())
		if err != nil {
			return nil, fmt.Errorf("tables: reading %s: %w", f.Name(), err)
		}
		if err := t.parse("builtin:"+f.Name(), strings.NewReader(string(b))); err != nil {
			return nil, err
		}
	}
	for _, s := range extensions {
		if err := t.parse(s.Name, s.R); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// Source is a named TSV input for New.
type Source struct {
	Name string
	R    io.Reader
}

// parse reads one TSV source into t. It is only called from New, before t
// is shared.
func (t *Tables) parse(name string, r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(strings.TrimSpace(text), "#") {
			continue
		}
		f := strings.Split(text, "\t")
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		if err := t.add(f); err != nil {
			return fmt.Errorf("tables: %s:%d: %w", name, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("tables: reading %s: %w", name, err)
	}
	return nil
}

func need(f []string, n int) error {
	if len(f) < n {
		return fmt.Errorf("%q needs %d fields, has %d", f[0], n, len(f))
	}
	for _, s := range f[:n] {
		if s == "" {
			return fmt.Errorf("%q has an empty field", f[0])
		}
	}
	return nil
}

func (t *Tables) add(f []string) error {
	switch f[0] {
	case "tag":
		if err := need(f, 4); err != nil {
			return err
		}
		code := strings.ToUpper(f[1])
		t.tags[code] = Tag{Code: code, Meaning: f[2], Kind: f[3]}
	case "country":
		if err := need(f, 3); err != nil {
			return err
		}
		code := strings.ToUpper(f[1])
		if _, ok := t.countries[code]; !ok || t.countries[code] == "" {
			t.countries[code] = f[2]
		}
		t.countries[code] = f[2]
		if _, ok := t.byName[strings.ToLower(f[2])]; !ok {
			t.byName[strings.ToLower(f[2])] = code
			t.places[strings.ToLower(f[2])] = Place{Text: f[2], Code: code, Kind: "name"}
		}
		if _, ok := t.tags[code]; !ok {
			t.tags[code] = Tag{Code: code, Meaning: f[2], Kind: "geographic"}
		}
	case "name", "demonym", "capital", "city":
		if err := need(f, 3); err != nil {
			return err
		}
		code := strings.ToUpper(f[2])
		k := strings.ToLower(f[1])
		t.byName[k] = code
		t.places[k] = Place{Text: f[1], Code: code, Kind: f[0]}
	case "hostgov":
		if err := need(f, 3); err != nil {
			return err
		}
		k := strings.ToUpper(f[1])
		t.hostgov[k] = append(t.hostgov[k], strings.ToUpper(f[2]))
	case "post":
		if err := need(f, 3); err != nil {
			return err
		}
		t.posts[strings.ToLower(f[1])] = strings.ToUpper(f[2])
	case "org", "ministry":
		if err := need(f, 4); err != nil {
			return err
		}
		o := Org{Key: strings.ToUpper(f[1]), Name: f[2], Kind: f[3], PerCountry: f[0] == "ministry"}
		if len(f) > 4 && f[4] != "" {
			for _, s := range strings.Split(f[4], "|") {
				if s = strings.TrimSpace(s); s != "" {
					o.Forms = append(o.Forms, s)
				}
			}
		}
		if len(o.Forms) == 0 {
			o.Forms = []string{f[1]}
		}
		t.orgs[o.Key] = o
	default:
		return fmt.Errorf("unknown kind %q", f[0])
	}
	return nil
}

// Tag returns the meaning and kind of a TAGS code (case-insensitive).
func (t *Tables) Tag(code string) (Tag, bool) {
	tg, ok := t.tags[strings.ToUpper(strings.TrimSpace(code))]
	return tg, ok
}

// Tags returns every tag, sorted by code.
func (t *Tables) Tags() []Tag {
	out := make([]Tag, 0, len(t.tags))
	for _, tg := range t.tags {
		out = append(out, tg)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// CountryName returns the name of a country code.
func (t *Tables) CountryName(code string) (string, bool) {
	n, ok := t.countries[strings.ToUpper(strings.TrimSpace(code))]
	return n, ok
}

// Country resolves a code, a name, a demonym, a capital or a city to a
// country code and its name.
func (t *Tables) Country(nameOrCode string) (code, name string, ok bool) {
	s := strings.TrimSpace(nameOrCode)
	if s == "" {
		return "", "", false
	}
	if len(s) == 2 {
		if n, ok := t.countries[strings.ToUpper(s)]; ok {
			return strings.ToUpper(s), n, true
		}
	}
	c, ok := t.byName[strings.ToLower(s)]
	if !ok {
		return "", "", false
	}
	return c, t.countries[c], true
}

// Places returns every place phrase, sorted by text.
func (t *Tables) Places() []Place {
	out := make([]Place, 0, len(t.places))
	for _, p := range t.places {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Text < out[j].Text })
	return out
}

// HostGov resolves a host-government abbreviation ("GOR"). When the origin
// country is among the candidates it wins: GOJ in Amman is Jordan.
func (t *Tables) HostGov(abbr, originCountry string) (string, bool) {
	c := t.hostgov[strings.ToUpper(abbr)]
	if len(c) == 0 {
		return "", false
	}
	for _, x := range c {
		if x == originCountry {
			return x, true
		}
	}
	return c[0], true
}

// HostGovCandidates returns every country a host-government abbreviation
// may mean, in table order.
func (t *Tables) HostGovCandidates(abbr string) []string {
	return append([]string(nil), t.hostgov[strings.ToUpper(abbr)]...)
}

// HostGovs returns every host-government abbreviation, sorted.
func (t *Tables) HostGovs() []string {
	out := make([]string, 0, len(t.hostgov))
	for k := range t.hostgov {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Orgs returns every organization, sorted by key.
func (t *Tables) Orgs() []Org {
	out := make([]Org, 0, len(t.orgs))
	for _, o := range t.orgs {
		out = append(out, o)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// postPrefixes are the words before the city in an origin.
var postPrefixes = []string{"Embassy ", "Consulate ", "US Mission ", "Mission ", "REO ", "US Delegation, ", "USEU ", "USUN ", "American Institute Taiwan, "}

// PostCountry resolves an origin ("Embassy Moscow", "Consulate St.
// Petersburg", "USUN New York") to the host country code.
func (t *Tables) PostCountry(origin string) (string, bool) {
	o := strings.TrimSpace(origin)
	if o == "" {
		return "", false
	}
	if c, ok := t.posts[strings.ToLower(o)]; ok {
		return c, true
	}
	city := o
	for _, p := range postPrefixes {
		if len(city) > len(p) && strings.EqualFold(city[:len(p)], p) {
			city = city[len(p):]
			break
		}
	}
	if c, ok := t.posts[strings.ToLower(city)]; ok {
		return c, true
	}
	if p, ok := t.places[strings.ToLower(city)]; ok && (p.Kind == "capital" || p.Kind == "city") {
		return p.Code, true
	}
	// "AMEMBASSY MOSCOW" style or a bare city: try the last words.
	w := strings.Fields(city)
	for i := 0; i < len(w); i++ {
		if p, ok := t.places[strings.ToLower(strings.Join(w[i:], " "))]; ok && (p.Kind == "capital" || p.Kind == "city") {
			return p.Code, true
		}
	}
	return "", false
}
