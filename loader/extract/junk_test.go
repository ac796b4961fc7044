package extract

import (
	"strings"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
)

// TestNotPersons: each rule that keeps a systematic false positive out of
// the persons, with the real person in the same text kept.
func TestNotPersons(t *testing.T) {
	e := newTestExtractor(t)
	for _, tc := range []struct {
		rule, text, sig string
		want, not       []string // surnames that must / must not be persons
	}{
		{"title adjectives", "Ambassador Extraordinary and Plenipotentiary Boris Tadic met Lavrov. Tadic said so.", "", []string{"Tadic"}, []string{"Extraordinary", "Plenipotentiary"}},
		{"plural acronyms", "The MPs said the vote failed. NGOs told us that FMs met Lavrov. Foreign Minister Lavrov said no.", "", []string{"Lavrov"}, []string{"MPs", "NGOs", "FMs"}},
		{"common nouns", "Leaders of the Muslim Brotherhood met. Intellectual Property was discussed. Climate Change Minister Ed Miliband spoke. The Supervisory Board said no.", "", []string{"Miliband"}, []string{"Brotherhood", "Property", "Change", "Board"}},
		{"lower case in the same cable", "We spoke to Green Outreach on Monday. Officials expect outreach to grow. Minister Jones agreed.", "", []string{"Jones"}, []string{"Outreach"}},
		{"no lower-case use keeps the pair", "We spoke to Green Kemper on Monday. Minister Jones agreed.", "", []string{"Jones", "Kemper"}, nil},
		{"common English words", "Officials of Animal Husbandry and Nuclear Physics met. We discussed Phone Calls with Remilio Kemper on Monday.", "", []string{"Kemper"}, []string{"Husbandry", "Physics", "Calls"}},
		{"abbreviated month before a verb", "On 3 Oct. said officials the plan was sound. Minister Jones agreed.", "", []string{"Jones"}, []string{"Oct."}},
		{"common words in ALL-CAPS", "GENERAL TELLS OF ANNUAL LENTEN TRIPS. AMBASSADOR NASH MET MINISTER KEMPER.", "", []string{"Nash", "Kemper"}, []string{"Tells", "Lenten"}},
		{"place prefixes", "Visitors from Los Angeles and Casa Rosada officials joined. Governor Smith spoke.", "", []string{"Smith"}, []string{"Angeles", "Rosada"}},
		{"slash words", "Pol/Econ said the plan was sound. FM Lavrov said no.", "", []string{"Lavrov"}, []string{"Pol/Econ", "Econ"}},
		{"signature trailer", "Nothing else to report.", "MINIMIZE CONSIDERED CLINTON", []string{"Clinton"}, []string{"Minimize", "Considered"}},
		{"adjective before a longer phrase", "Under the General Penal Code the court ruled. Ambassador met with Presidential Chief of Staff Jose Dirceu.", "", []string{"Dirceu"}, []string{"Penal", "Presidential"}},
		{"particles do not count toward the name length", "He met Crown Prince Shaikh Salman Bin Hamad Al Khalifa, who said so.", "", []string{"Khalifa"}, nil},
		{"particle never the surname", "Minister Maytham Al said the talks went well. Lawyer Juan Perez De spoke.", "", nil, []string{"Al", "De"}},
		{"heading between dash rules", "President Obama spoke in Cairo. ---------- Obama Speech Follow-up ---------- Officials welcomed it.", "", []string{"Obama"}, []string{"Speech", "Follow-up"}},
		{"lower case after a hyphen", "OSCE Representative Chairman-in-Office Moratinos met Lavrov. Officials said the Follow-up Meeting failed.", "", []string{"Moratinos"}, []string{"Chairman-in-Office", "Follow-up"}},
		{"title complement of one unknown word", "Special Ambassador for IberoAmerica Alonso Dezcallar told the Charge that Zapatero would go.", "", []string{"Dezcallar"}, []string{"IberoAmerica"}},
		{"company", "Auditors from Price Waterhouse Coopers reviewed the accounts. Minister Jones agreed.", "", []string{"Jones"}, []string{"Waterhouse", "Coopers"}},
		{"organization that is also a title", "The resignation of OAS Secretary General Rodriques surprised us. The Secretary General said so.", "", []string{"Rodriques"}, []string{"General", "Secretary"}},
		{"companies and places before a verb", "Boeing said the deal was off. Officials in Darfur told us nothing. Later Tarkin said The Tarkin Corporation would sue. Minister Jones agreed.", "", []string{"Jones"}, []string{"Boeing", "Darfur", "Tarkin"}},
		{"common word after a full name", "He appeared on the Diane Sawyer Show last week. Minister Jones agreed.", "", []string{"Sawyer", "Jones"}, []string{"Show"}},
		{"title manager", "General Manager Ozlem Imece said the plant would close.", "", []string{"Imece"}, []string{"Manager"}},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			c := &graph.Cable{ID: "T1", Origin: "Embassy Moscow", Signature: tc.sig, Paragraphs: []graph.Paragraph{{Number: 1, Text: tc.text}}}
			e.Extract(c)
			got := map[string]graph.PersonMention{}
			for _, p := range c.Persons {
				got[strings.ToLower(p.Surname)] = p
			}
			for _, w := range tc.want {
				if _, ok := got[strings.ToLower(w)]; !ok {
					t.Errorf("%s missing from persons %v", w, c.Persons)
				}
			}
			for _, n := range tc.not {
				if p, ok := got[strings.ToLower(n)]; ok {
					t.Errorf("%s taken for a person: %+v", n, p)
				}
				for _, p := range c.Persons {
					if strings.Contains(strings.ToLower(p.Name), strings.ToLower(n)) {
						t.Errorf("%s inside the person name %q", n, p.Name)
					}
				}
			}
		})
	}
}

func TestPluralAcronym(t *testing.T) {
	for w, want := range map[string]bool{"MPs": true, "NGOs": true, "FMs": true, "CEOs": true, "Mrs": false, "Hess": false, "MP": false, "Us": false, "ABs1": false} {
		if got := pluralAcronym(w); got != want {
			t.Errorf("pluralAcronym(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestUSTie: only unambiguous US roles make a named person American; an
// "Ambassador" is the US only when the cable's header names them.
func TestUSTie(t *testing.T) {
	e := newTestExtractor(t)
	for _, tc := range []struct {
		name, text, classifiedBy, surname, key string
	}{
		{"foreign ambassador", "Ambassador Sancho told us Madrid agreed.", "", "Sancho", "sancho"},
		{"foreign under secretary", "Under Secretary Kovac said the talks went well.", "", "Kovac", "kovac"},
		{"own chief of mission", "Ambassador Beyrle told Lavrov the plan was sound.", "John Beyrle", "Beyrle", "beyrle|US"},
		{"unambiguous US role", "Senator Lugar told Lavrov the plan was sound.", "", "Lugar", "lugar|US"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &graph.Cable{ID: "T1", Origin: "Embassy Moscow", Paragraphs: []graph.Paragraph{{Number: 1, Text: tc.text}}}
			if tc.classifiedBy != "" {
				c.ClassifiedBy = &graph.Classifier{Name: tc.classifiedBy, Title: "Ambassador"}
			}
			e.Extract(c)
			for _, p := range c.Persons {
				if p.Surname == tc.surname {
					if p.Key != tc.key {
						t.Errorf("key %q, want %q", p.Key, tc.key)
					}
					return
				}
			}
			t.Errorf("%s not found in %+v", tc.surname, c.Persons)
		})
	}
}
