package extract

import (
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/cablegraph/cablegraph/examples"
	"github.com/cablegraph/cablegraph/graph"
)

// TestSeed checks the example cable against what a reader finds in it.
func TestSeed(t *testing.T) {
	c := parseBytes(t, "08MOSCOW235.txt", []byte(examples.Moscow235))
	newTestExtractor(t).Extract(c)

	var got []string
	for _, p := range c.Persons {
		got = append(got, p.Surname)
	}
	sort.Strings(got)
	want := []string{"Botsan-Kharchenko", "Burns", "Jeremic", "Kostunica", "Lavrov", "Medvedev", "Mironov", "Nikolic", "Saakashvili", "Tadic", "Wells"}
	if !slices.Equal(got, want) {
		t.Errorf("persons = %v, want %v", got, want)
	}
	byName := map[string]graph.PersonMention{}
	for _, p := range c.Persons {
		byName[p.Surname] = p
	}
	if p := byName["Wells"]; p.Name != "Alice G. Wells" || !slices.Contains(p.Roles, "Political Minister-Counselor") || !slices.Contains(p.How, "classifiedBy") {
		t.Errorf("Wells = %+v", p)
	}
	if p := byName["Botsan-Kharchenko"]; p.Name != "Alexander Botsan-Kharchenko" {
		t.Errorf("Botsan-Kharchenko name = %q", p.Name)
	}
	if p := byName["Jeremic"]; p.Country != "SR" || !slices.Contains(p.Roles, "Foreign Minister") {
		t.Errorf("Jeremic = %+v", p)
	}
	if p := byName["Saakashvili"]; p.Country != "GG" {
		t.Errorf("Saakashvili country = %q, want GG", p.Country)
	}

	codes := map[string]bool{}
	for _, cm := range c.Countries {
		codes[cm.Code] = true
		if cm.Count < 1 {
			t.Errorf("country %s count %d", cm.Code, cm.Count)
		}
	}
	for _, code := range []string{"RS", "KV", "SR", "GG", "IT", "US"} {
		if !codes[code] {
			t.Errorf("country %s missing from %v", code, c.Countries)
		}
	}

	lav, jer := byName["Lavrov"].Key, byName["Jeremic"].Key
	found := false
	for _, ia := range c.Interactions {
		pair := (ia.A == lav && ia.B == jer) || (ia.A == jer && ia.B == lav)
		if !pair || ia.Kind == graph.InteractionCoMentioned || ia.Paragraph != 6 {
			continue
		}
		if slices.Contains(ia.Topics, "KV") && slices.Contains(ia.Topics, "Kosovo") &&
			(strings.HasPrefix(ia.Evidence, "Lavrov told Jeremic that Russia") || strings.Contains(ia.Evidence, "meeting between Serbian FM Jeremic and Lavrov")) {
			found = true
			if ia.Date == nil || ia.Date.Year() != 2008 {
				t.Errorf("interaction date = %v", ia.Date)
			}
		}
	}
	if !found {
		t.Errorf("no Lavrov-Jeremic interaction on Kosovo in paragraph 6: %+v", c.Interactions)
	}
	for _, ia := range c.Interactions {
		if ia.Kind == graph.InteractionMet && ia.Status == "" && strings.Contains(ia.Evidence, "unconfirmed") {
			t.Errorf("unconfirmed meeting counted as a meeting: %+v", ia)
		}
	}
	for _, tg := range c.TagInfo {
		if tg.Kind == graph.TagUnknown || tg.Meaning == "" {
			t.Errorf("tag %s has no meaning", tg.Code)
		}
	}
}

// TestSeedGazetteer resolves the signature BURNS to William J. Burns with
// the POCOM chiefs of mission.
func TestSeedGazetteer(t *testing.T) {
	dir := sharedDir(t, filepath.Join("data", "gazetteers"))
	e, err := New(Options{GazetteerDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	c := parseBytes(t, "08MOSCOW235.txt", []byte(examples.Moscow235))
	e.Extract(c)
	for _, p := range c.Persons {
		if p.Surname == "Burns" {
			if p.Name != "William J. Burns" || p.Key != "burns|US" {
				t.Errorf("Burns = %+v", p)
			}
			return
		}
	}
	t.Errorf("Burns not found in %+v", c.Persons)
}
