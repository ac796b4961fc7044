package extract

import (
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/loader/extract/tables"
)

// chiefs is the US chiefs of mission by country and date, read from the
// public-domain POCOM gazetteer (Office of the Historian, CC0), so that a
// signature such as BURNS on a 2008 Moscow cable resolves to William J.
// Burns. It is an optional input given by path, never committed.
type chiefs struct {
	byCountry map[string][]chief // country code -> chiefs
}

type chief struct {
	surnameKey string
	name       string
	start, end time.Time // end zero = still serving
}

type pocomMission struct {
	Territory string `xml:"territory-id"`
	Chiefs    []struct {
		Person    string `xml:"person-id"`
		Appointed string `xml:"appointed>date"`
		Started   string `xml:"started>date"`
		Ended     string `xml:"ended>date"`
	} `xml:"chiefs>chief"`
}

type pocomPerson struct {
	Surname  string `xml:"persName>surname"`
	Forename string `xml:"persName>forename"`
	Altname  string `xml:"persName>altname"`
}

// loadChiefs reads dir/pocom/missions-countries and the people those
// missions name. Only chiefs serving after 1960 are kept: the cables start
// in 1966.
func loadChiefs(dir string) (*chiefs, error) {
	t, err := tables.New()
	if err != nil {
		return nil, fmt.Errorf("chiefs: %w", err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "pocom", "missions-countries", "*.xml"))
	if err != nil {
		return nil, fmt.Errorf("chiefs: %w", err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("chiefs: no pocom/missions-countries/*.xml under %s", dir)
	}
	ch := &chiefs{byCountry: map[string][]chief{}}
	cutoff := time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("chiefs: %w", err)
		}
		var m pocomMission
		if err := xml.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("chiefs: %s: %w", f, err)
		}
		code, _, ok := t.Country(strings.ReplaceAll(m.Territory, "-", " "))
		if !ok {
			continue
		}
		for _, c := range m.Chiefs {
			start := pocomDate(c.Started)
			if start.IsZero() {
				start = pocomDate(c.Appointed)
			}
			end := pocomDate(c.Ended)
			if start.IsZero() || (!end.IsZero() && end.Before(cutoff)) || c.Person == "" {
				continue
			}
			p, err := readPocomPerson(dir, c.Person)
			if err != nil {
				continue // a chief without a person file is skipped, not fatal
			}
			name := p.Altname
			if name == "" {
				name = strings.TrimSpace(p.Forename + " " + p.Surname)
			}
			sw := strings.Fields(p.Surname)
			if len(sw) == 0 {
				continue
			}
			ch.byCountry[code] = append(ch.byCountry[code], chief{surnameKey: graph.NameKey(sw[len(sw)-1]), name: name, start: start, end: end})
		}
	}
	return ch, nil
}

func readPocomPerson(dir, id string) (*pocomPerson, error) {
	if id == "" || strings.ContainsAny(id, `/\`) {
		return nil, fmt.Errorf("bad person id %q", id)
	}
	b, err := os.ReadFile(filepath.Join(dir, "pocom", "people", id[:1], id+".xml"))
	if err != nil {
		return nil, fmt.Errorf("person %s: %w", id, err)
	}
	var p pocomPerson
	if err := xml.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("person %s: %w", id, err)
	}
	return &p, nil
}

func pocomDate(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

// resolve finds the chief of mission in country (a code) on date whose
// surname is surname. A nil receiver resolves nothing.
func (ch *chiefs) resolve(country string, date *time.Time, surname string) (string, bool) {
	if ch == nil || date == nil || country == "" {
		return "", false
	}
	k := graph.NameKey(surname)
	for _, c := range ch.byCountry[country] {
		if c.surnameKey == k && !date.Before(c.start) && (c.end.IsZero() || !date.After(c.end.AddDate(0, 0, 1))) {
			return c.name, true
		}
	}
	return "", false
}
