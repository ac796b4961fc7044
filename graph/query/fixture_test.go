package query_test

import (
	"context"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/graph/query"
)

func day(s string) *time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return &t
}

func person(key, name string, cc string) graph.PersonMention {
	surname := name
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == ' ' {
			surname = name[i+1:]
			break
		}
	}
	return graph.PersonMention{Key: key, Name: name, Surname: surname, Country: cc, Count: 1, Paragraphs: []int{1}}
}

func inter(a, b, kind, cable string, para int, date, evidence string, topics ...string) graph.Interaction {
	return graph.Interaction{A: a, B: b, Kind: kind, Cable: cable, Paragraph: para, Evidence: evidence,
		Topics: topics, Date: day(date), Confidence: 1}
}

// fixture is a small hand-built graph whose answers can be worked out by
// reading it:
//
//	Kosovo: jeremic-lavrov met (08MOSCOW235 p6), lavrov-burns told (08MOSCOW300, evidence
//	        mentions Kosovo but topics do not), ahtisaari-lavrov coMentioned.
//	Chain:  alpha - bravo - charlie - delta (one "met" each, 2009 cables), echo isolated
//	        but mentioned with delta in 09BERLIN9.
//	Refs:   08MOSCOW300 cites 08MOSCOW235 and 07MOSCOW999 (not loaded, a ghost);
//	        08BELGRADE50 cites 08MOSCOW300.
func fixture() []*graph.Cable {
	lavrov := person("lavrov|RS", "Sergey Lavrov", "RS")
	jeremic := person("jeremic|RB", "Vuk Jeremic", "RB")
	burns := person("burns|US", "William Burns", "US")
	ahti := person("ahtisaari|FI", "Martti Ahtisaari", "FI")
	mk := func(id, date, subject, origin string, tags []string, body string) *graph.Cable {
		c := &graph.Cable{ID: id, Created: day(date), Subject: subject, Origin: origin,
			Classification: graph.Confidential, Tags: tags, Body: body,
			Paragraphs: []graph.Paragraph{{Number: 1, Text: body}}}
		for _, t := range tags {
			info := graph.Tag{Code: t, Kind: graph.TagSubject}
			switch t {
			case "KV":
				info.Meaning, info.Kind = "Kosovo", graph.TagGeographic
			case "RS":
				info.Meaning, info.Kind = "Russia", graph.TagGeographic
			case "PREL":
				info.Meaning = "External Political Relations"
			case "ENRG":
				info.Meaning = "Energy and Power"
			}
			c.TagInfo = append(c.TagInfo, info)
		}
		return c
	}
	c1 := mk("08MOSCOW235", "2008-01-30", "RUSSIA CONTINUES TO RESIST KOSOVO CDI", "Embassy Moscow",
		[]string{"PREL", "KV", "RS"}, "Jeremic met Lavrov on Kosovo. Ahtisaari and Lavrov were both named.")
	c1.Persons = []graph.PersonMention{lavrov, jeremic, ahti}
	c1.Countries = []graph.CountryMention{{Code: "KV", Name: "Kosovo", Count: 2}, {Code: "RS", Name: "Russia", Count: 1, Origin: true}}
	c1.Interactions = []graph.Interaction{
		inter("jeremic|RB", "lavrov|RS", graph.InteractionMet, "08MOSCOW235", 6, "2008-01-30",
			"Serbian FM Jeremic met Lavrov in Moscow on January 24 to discuss Kosovo.", "KV", "Kosovo"),
		inter("ahtisaari|FI", "lavrov|RS", graph.InteractionCoMentioned, "08MOSCOW235", 7, "2008-01-30",
			"Lavrov rejected the Ahtisaari plan.", "KV"),
	}
	c1.References = []graph.Ref{{Raw: "07 MOSCOW 5555", ID: "07MOSCOW5555", Kind: graph.RefCable, Letter: "A"}}

	c2 := mk("08MOSCOW300", "2008-02-10", "LAVROV ON BALKANS", "Embassy Moscow",
		[]string{"PREL", "RS"}, "Lavrov told Ambassador Burns that Kosovo independence was illegal.")
	c2.Persons = []graph.PersonMention{lavrov, burns}
	c2.Interactions = []graph.Interaction{
		inter("lavrov|RS", "burns|US", graph.InteractionTold, "08MOSCOW300", 2, "2008-02-10",
			"Lavrov told Ambassador Burns that Kosovo independence was illegal.", "PREL"),
		inter("burns|US", "lavrov|RS", graph.InteractionDiscussed, "08MOSCOW300", 3, "2008-02-10",
			"Burns and Lavrov discussed gas prices.", "energy"),
	}
	c2.References = []graph.Ref{
		{Raw: "08 MOSCOW 235", ID: "08MOSCOW235", Kind: graph.RefCable, Letter: "A"},
		{Raw: "07 MOSCOW 999", ID: "07MOSCOW999", Kind: graph.RefCable, Letter: "B"},
	}
	c3 := mk("08BELGRADE50", "2008-03-05", "SERBIA AFTER KOSOVO", "Embassy Belgrade",
		[]string{"PREL", "KV"}, "Jeremic spoke of the Lavrov meeting.")
	c3.Persons = []graph.PersonMention{jeremic}
	c3.References = []graph.Ref{{Raw: "08 MOSCOW 300", ID: "08MOSCOW300", Kind: graph.RefCable}}

	chain := []graph.PersonMention{person("alpha|XX", "Anna Alpha", ""), person("bravo|XX", "Boris Bravo", ""),
		person("charlie|XX", "Carl Charlie", ""), person("delta|XX", "Dora Delta", ""), person("echo|XX", "Emil Echo", "")}
	c4 := mk("09BERLIN1", "2009-05-01", "CHAIN ONE", "Embassy Berlin", []string{"ECON"}, "Alpha met Bravo.")
	c4.Persons = chain[:2]
	c4.Interactions = []graph.Interaction{inter("alpha|XX", "bravo|XX", graph.InteractionMet, "09BERLIN1", 1, "2009-05-01", "Alpha met Bravo.")}
	c5 := mk("09BERLIN2", "2009-06-01", "CHAIN TWO", "Embassy Berlin", []string{"ECON"}, "Bravo met Charlie.")
	c5.Persons = chain[1:3]
	c5.Interactions = []graph.Interaction{inter("bravo|XX", "charlie|XX", graph.InteractionMet, "09BERLIN2", 1, "2009-06-01", "Bravo met Charlie.")}
	c6 := mk("09BERLIN3", "2009-07-01", "CHAIN THREE", "Embassy Berlin", []string{"ECON"}, "Charlie met Delta.")
	c6.Persons = chain[2:4]
	c6.Interactions = []graph.Interaction{inter("charlie|XX", "delta|XX", graph.InteractionMet, "09BERLIN3", 1, "2009-07-01", "Charlie met Delta.")}
	c7 := mk("09BERLIN9", "2009-12-01", "DELTA AND ECHO", "Embassy Berlin", []string{"ENRG"}, "Delta and Echo were in the room.")
	c7.Persons = []graph.PersonMention{chain[3], chain[4]}
	return []*graph.Cable{c1, c2, c3, c4, c5, c6, c7}
}

// countries is the TopicResolver the extractor would provide, reduced to
// the fixture's countries.
type countries map[string]string

func (c countries) CountryByName(s string) (string, string, bool) {
	for code, name := range c {
		if equalFold(code, s) || equalFold(name, s) {
			return code, name, true
		}
	}
	return "", "", false
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i]|0x20, b[i]|0x20
		if x != y {
			return false
		}
	}
	return true
}

func newService(t testing.TB, cables []*graph.Cable) *query.Service {
	t.Helper()
	ctx := context.Background()
	st := memstore.New()
	hashes := make([]string, len(cables))
	for i, c := range cables {
		hashes[i] = "h-" + c.ID
	}
	if err := st.WriteCables(ctx, cables, hashes); err != nil {
		t.Fatalf("WriteCables: %v", err)
	}
	return query.New(st, countries{"KV": "Kosovo", "RS": "Russia", "RB": "Serbia", "US": "United States"})
}
