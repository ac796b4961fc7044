package storetest

import (
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"
)

func at(s string) *time.Time {
	t, err := time.Parse("2006-01-02 15:04:05", s)
	if err != nil {
		panic(err) // constant fixture dates only
	}
	return &t
}

// Fixtures returns the cables the suites use: hand-built cables modeled on
// the seed 08MOSCOW235, plus real parsed cables when available (see
// realFixtures).
func Fixtures(t testing.TB) []*graph.Cable {
	t.Helper()
	all := append(HandBuilt(), realFixtures(t)...)
	// A real cable replaces the hand-built one of the same id (the seed
	// 08MOSCOW235): fixtures hold each id once.
	last := map[string]int{}
	for i, c := range all {
		last[c.ID] = i
	}
	var out []*graph.Cable
	for i, c := range all {
		if last[c.ID] == i {
			out = append(out, c)
		}
	}
	return out
}

// HandBuilt returns small realistic cables that exercise every rule of the
// model: a resolvable and a ghost reference, a self-reference, a cable with
// no date, two cables with the same date, a transliterated name, duplicate
// tags and mentions, interactions with a missing counterpart and no date.
func HandBuilt() []*graph.Cable {
	moscowTags := []graph.Tag{
		{Code: "PREL", Meaning: "External Political Relations", Kind: graph.TagSubject},
		{Code: "PTER", Meaning: "Terrorists and Terrorism", Kind: graph.TagSubject},
		{Code: "UNSC", Meaning: "UN Security Council", Kind: graph.TagOrganization},
		{Code: "KV", Meaning: "Kosovo", Kind: graph.TagGeographic},
		{Code: "RS", Meaning: "Russia", Kind: graph.TagGeographic},
	}
	lavrov := graph.PersonMention{Key: "lavrov-sergey", Name: "Sergey Lavrov", Surname: "Lavrov", Aliases: []string{"FM Lavrov", "LAVROV"}, Roles: []string{"Foreign Minister"}, Country: "RS", How: []string{"title+name"}, Count: 3, Paragraphs: []int{1, 4}}
	jeremic := graph.PersonMention{Key: "jeremic-vuk", Name: "Vuk Jeremic", Surname: "Jeremic", Aliases: []string{"Jeremic"}, Roles: []string{"Foreign Minister"}, Country: "SR", How: []string{"title+name"}, Count: 2, Paragraphs: []int{4}}
	wells := graph.PersonMention{Key: "wells-alice", Name: "Alice G. Wells", Surname: "Wells", Roles: []string{"Political Minister-Counselor"}, Country: "US", How: []string{"classifiedBy"}, Count: 1}
	burns := graph.PersonMention{Key: "burns-william", Name: "BURNS", Surname: "Burns", Country: "US", How: []string{"signature"}, Count: 1}
	botsan := graph.PersonMention{Key: "botsan-kharchenko-alexander", Name: "Alexander Botsan-Kharchenko", Surname: "Botsan-Kharchenko", Roles: []string{"Special Envoy for the Balkans"}, Country: "RS", How: []string{"title+name"}, Count: 1, Paragraphs: []int{2}}
	moscow := &graph.Cable{
		ID: "08MOSCOW235", Created: at("2008-01-30 15:43:00"), Released: at("2011-08-30 01:44:00"),
		Classification: graph.Confidential, Caveats: []string{"SIPDIS"}, Origin: "Embassy Moscow",
		DTG: "301543Z JAN 08", Precedence: "IMMEDIATE", From: "AMEMBASSY MOSCOW", To: []string{"SECSTATE WASHDC"},
		Subject: "RUSSIA CONTINUES TO RESIST KOSOVO CDI", Tags: []string{"PREL", "PTER", "UNSC", "KV", "RS"},
		References:   []graph.Ref{{Raw: "MOSCOW 149", ID: "08MOSCOW149", Kind: graph.RefCable}},
		ClassifiedBy: &graph.Classifier{Name: "Alice G. Wells", Title: "Political Minister-Counselor", Reasons: []string{"1.4 (b/d)"}},
		Declassify:   "2018-01-30", Signature: "BURNS",
		Paragraphs: []graph.Paragraph{
			{Number: 1, Marking: "C", Text: "Summary. Russia claims that it has developed a \"roadmap\" to forestall a CDI by Kosovo. Lavrov never said that Russia would not recognize Abkhazia."},
			{Number: 2, Marking: "SBU", Text: "Special Envoy for the Balkans Alexander Botsan-Kharchenko reiterated that negotiations are the only solution for Kosovo."},
			{Number: 4, Marking: "C", Text: "FM Lavrov met Serbian FM Jeremic on January 24 and reassured Serbia of unwavering support on Kosovo."},
		},
		Body:          "1. (C) Summary. Russia claims that it has developed a \"roadmap\" to forestall a CDI by Kosovo. Lavrov never said that Russia would not recognize Abkhazia.\n2. (SBU) Special Envoy for the Balkans Alexander Botsan-Kharchenko reiterated that negotiations are the only solution for Kosovo.\n4. (C) FM Lavrov met Serbian FM Jeremic on January 24 and reassured Serbia of unwavering support on Kosovo. U.S. officials were told.",
		Source:        graph.Source{Path: "examples/08MOSCOW235.txt", Format: graph.FormatPage},
		TagInfo:       moscowTags,
		Persons:       []graph.PersonMention{lavrov, jeremic, wells, burns, botsan},
		Countries:     []graph.CountryMention{{Code: "RS", Name: "Russia", Count: 4, Origin: true}, {Code: "KV", Name: "Kosovo", Count: 4}, {Code: "SR", Name: "Serbia", Count: 2}, {Code: "US", Name: "United States", Count: 1}},
		Organizations: []graph.OrgMention{{Key: "MFA:RS", Name: "Ministry of Foreign Affairs (Russia)", Kind: "government", Count: 2}, {Key: "UNSC", Name: "UN Security Council", Kind: "international", Count: 1}},
		Interactions: []graph.Interaction{
			{A: "lavrov-sergey", B: "jeremic-vuk", AName: "FM Lavrov", BName: "FM Jeremic", Kind: graph.InteractionMet, Cable: "08MOSCOW235", Paragraph: 4, Evidence: "FM Lavrov met Serbian FM Jeremic on January 24", Topics: []string{"KV", "Kosovo"}, Date: at("2008-01-24 00:00:00"), Confidence: 0.9},
			{A: "lavrov-sergey", B: "jeremic-vuk", Kind: graph.InteractionMet, Cable: "08MOSCOW235", Paragraph: 4, Evidence: "FM Lavrov met Serbian FM Jeremic on January 24", Topics: []string{"KV"}, Date: at("2008-01-24 00:00:00"), Confidence: 0.9},
			{A: "botsan-kharchenko-alexander", B: "post:Embassy Moscow", Kind: graph.InteractionTold, Paragraph: 2, Evidence: "Botsan-Kharchenko reiterated", Date: at("2008-01-30 15:43:00")},
			{A: "botsan-kharchenko-alexander", B: "lavrov-sergey", Kind: graph.InteractionCoMentioned, Paragraph: 2, Evidence: "co-mentioned", Topics: []string{"Kosovo"}, Date: at("2008-01-30 15:43:00"), Confidence: 0.2},
		},
	}
	cited := &graph.Cable{
		ID: "08MOSCOW149", Created: at("2008-01-20 09:00:00"), Classification: graph.SecretNF, Origin: "Embassy Moscow",
		Subject: "LAVROV ON KOSOVO AND ABKHAZIA", Tags: []string{"PREL", "KV", "GG"},
		References: []graph.Ref{
			{Raw: "07 MOSCOW 5555", ID: "07MOSCOW5555", Kind: graph.RefCable, Letter: "A"},
			{Raw: "08 BELGRADE 12", ID: "08BELGRADE12", Kind: graph.RefCable, Letter: "B"},
			{Raw: "STATE 1234 EMAIL", Kind: graph.RefEmail, Letter: "C"},
		},
		Body:          "1. (S) Foreign Minister Sergei Lavrov told the Ambassador that Abkhazia would follow Kosovo.\n2. (S) Lavrov discussed Kosovo with Deputy FM Grushko.",
		Paragraphs:    []graph.Paragraph{{Number: 1, Marking: "S", Text: "Foreign Minister Sergei Lavrov told the Ambassador that Abkhazia would follow Kosovo."}, {Number: 2, Marking: "S", Text: "Lavrov discussed Kosovo with Deputy FM Grushko."}},
		TagInfo:       []graph.Tag{{Code: "PREL", Meaning: "External Political Relations", Kind: graph.TagSubject}, {Code: "KV", Meaning: "Kosovo", Kind: graph.TagGeographic}, {Code: "GG", Meaning: "Georgia", Kind: graph.TagGeographic}},
		Persons:       []graph.PersonMention{{Key: "lavrov-sergey", Name: "Sergei Lavrov", Surname: "Lavrov", Aliases: []string{"Foreign Minister Sergei Lavrov"}, Roles: []string{"Foreign Minister"}, Country: "RS", How: []string{"title+name"}, Count: 2, Paragraphs: []int{1, 2}}, {Key: "grushko-alexander", Name: "Grushko", Surname: "Grushko", Roles: []string{"Deputy FM"}, Country: "RS", How: []string{"title+name"}, Count: 1, Paragraphs: []int{2}}},
		Countries:     []graph.CountryMention{{Code: "RS", Name: "Russia", Count: 2, Origin: true}, {Code: "KV", Name: "Kosovo", Count: 2}, {Code: "GG", Name: "Georgia", Count: 1}},
		Organizations: []graph.OrgMention{{Key: "MFA:RS", Name: "MFA", Kind: "", Count: 1}},
		Interactions:  []graph.Interaction{{A: "lavrov-sergey", B: "grushko-alexander", Kind: graph.InteractionDiscussed, Paragraph: 2, Evidence: "Lavrov discussed Kosovo with Deputy FM Grushko.", Topics: []string{"KV", "Kosovo"}, Date: at("2008-01-20 09:00:00"), Confidence: 0.8}},
	}
	belgrade := &graph.Cable{
		ID: "08BELGRADE12", Created: at("2008-01-10 12:30:45"), Classification: graph.Secret, Origin: "Embassy Belgrade",
		Subject: "SERBIA: JEREMIC AND TADIC ON KOSOVO STATUS", Tags: []string{"PREL", "KV", "SR", "PGOV"},
		Body:       "1. (S) President Boris Tadić and FM Vuk Jeremić discussed Kosovo's status on January 9, 2008.\n2. (C) Tadić told the Ambassador that Serbia would never recognize Kosovo.",
		Paragraphs: []graph.Paragraph{{Number: 1, Marking: "S", Text: "President Boris Tadić and FM Vuk Jeremić discussed Kosovo's status on January 9, 2008."}, {Number: 2, Marking: "C", Text: "Tadić told the Ambassador that Serbia would never recognize Kosovo."}},
		TagInfo:    []graph.Tag{{Code: "PREL", Meaning: "External Political Relations", Kind: graph.TagSubject}, {Code: "KV", Meaning: "Kosovo", Kind: graph.TagGeographic}, {Code: "SR", Meaning: "Serbia", Kind: graph.TagGeographic}, {Code: "PGOV", Meaning: "Internal Governmental Affairs", Kind: graph.TagSubject}},
		Persons: []graph.PersonMention{
			{Key: "tadic-boris", Name: "Boris Tadić", Surname: "Tadić", Aliases: []string{"President Tadic", "Tadić"}, Roles: []string{"President"}, Country: "SR", How: []string{"title+name"}, Count: 2, Paragraphs: []int{1, 2}},
			{Key: "jeremic-vuk", Name: "Vuk Jeremić", Surname: "Jeremić", Aliases: []string{"FM Jeremic"}, Roles: []string{"FM"}, Country: "SR", How: []string{"title+name"}, Count: 1, Paragraphs: []int{1}},
		},
		Countries:    []graph.CountryMention{{Code: "SR", Name: "Serbia", Count: 3, Origin: true}, {Code: "KV", Name: "Kosovo", Count: 2}},
		Interactions: []graph.Interaction{{A: "tadic-boris", B: "jeremic-vuk", Kind: graph.InteractionDiscussed, Paragraph: 1, Evidence: "President Boris Tadić and FM Vuk Jeremić discussed Kosovo's status", Topics: []string{"Kosovo"}, Date: at("2008-01-09 00:00:00"), Confidence: 0.7}},
	}
	pristina := &graph.Cable{
		ID: "08PRISTINA5", Classification: graph.Unclassified, Origin: "USOFFICE PRISTINA",
		Subject: "KOSOVO: ASSEMBLY PREPARES", Tags: []string{"PGOV", "KV", "PGOV"},
		References: []graph.Ref{{Raw: "PRISTINA 5", ID: "08PRISTINA5", Kind: graph.RefCable, Letter: "A"}, {Raw: "08 MOSCOW 235", ID: "08MOSCOW235", Kind: graph.RefCable, Letter: "B"}},
		Body:       "1. (U) The Kosovo Assembly prepares a declaration; the roadmap is unclear.",
		TagInfo:    []graph.Tag{{Code: "PGOV", Meaning: "", Kind: ""}},
		Countries:  []graph.CountryMention{{Code: "KV", Name: "Kosova", Count: 1, Origin: true}},
	}
	usun := &graph.Cable{
		ID: "08USUNNEWYORK100", Created: at("2008-01-30 15:43:00"), Classification: graph.ConfidentialNF, Origin: "USUN New York",
		Subject: "UNSC: RUSSIA BLOCKS KOSOVO STATEMENT", Tags: []string{"UNSC", "PREL", "KV"},
		References: []graph.Ref{{Raw: "MOSCOW 235", ID: "08MOSCOW235", Kind: graph.RefCable, Letter: "A"}, {Raw: "MOSCOW 235", ID: "08MOSCOW235", Kind: graph.RefCable, Letter: "A"}, {Raw: "07 MOSCOW 5555", ID: "07MOSCOW5555", Kind: graph.RefCable}},
		Body:       "1. (C) Ambassador Khalilzad phoned Sergei Lavrov about the Kosovo statement. Russia blocked the UNSC statement.",
		Persons: []graph.PersonMention{
			{Key: "lavrov-sergey", Name: "Sergei Lavrov", Surname: "Lavrov", Aliases: []string{"Sergei LAVROV"}, Country: "RS", How: []string{"name"}, Count: 1, Paragraphs: []int{1}},
			{Key: "khalilzad-zalmay", Name: "Khalilzad", Surname: "Khalilzad", Roles: []string{"Ambassador"}, Country: "US", How: []string{"signature", "title+name"}, Count: 1, Paragraphs: []int{1}},
		},
		Countries:     []graph.CountryMention{{Code: "US", Name: "United States", Count: 1, Origin: true}, {Code: "KV", Name: "Kosovo", Count: 1}, {Code: "RS", Name: "Russian Federation", Count: 1}},
		Organizations: []graph.OrgMention{{Key: "UNSC", Name: "UNSC", Kind: "international", Count: 2}},
		Interactions:  []graph.Interaction{{A: "khalilzad-zalmay", B: "lavrov-sergey", Kind: graph.InteractionPhoned, Paragraph: 1, Evidence: "Ambassador Khalilzad phoned Sergei Lavrov about the Kosovo statement.", Topics: []string{"Kosovo", "UNSC"}, Date: at("2008-01-29 00:00:00"), Confidence: 0.85}},
	}
	later := &graph.Cable{
		ID: "09MOSCOW1", Created: at("2009-01-02 08:00:00"), Classification: graph.Confidential, Origin: "Embassy Moscow",
		Subject: "LAVROV AND GRUSHKO ON GEORGIA", Tags: []string{"PREL", "GG", "RS", "PREL"},
		Body:    "1. (C) Lavrov and Grushko met the Ambassador. Grushko wrote to the Secretary.",
		TagInfo: []graph.Tag{{Code: "PREL", Meaning: "External Political Relations", Kind: graph.TagSubject}},
		Persons: []graph.PersonMention{
			{Key: "lavrov-sergey", Name: "Lavrov", Surname: "Lavrov", Count: 1, Paragraphs: []int{1}, How: []string{"name"}},
			{Key: "grushko-alexander", Name: "Alexander Grushko", Surname: "Grushko", Aliases: []string{"Grushko"}, Count: 1, Paragraphs: []int{1}, How: []string{"name"}},
			{Key: "grushko-alexander", Name: "Grushko", Surname: "Grushko", Aliases: []string{"Deputy FM Grushko"}, Count: 1, Paragraphs: []int{2}, How: []string{"title+name"}},
		},
		Countries: []graph.CountryMention{{Code: "RS", Name: "Russia", Count: 1, Origin: true}, {Code: "GG", Name: "Georgia", Count: 1}},
		Interactions: []graph.Interaction{
			{A: "lavrov-sergey", B: "grushko-alexander", Kind: graph.InteractionMet, Paragraph: 1, Evidence: "Lavrov and Grushko met the Ambassador.", Topics: []string{"GG"}},
			{A: "grushko-alexander", B: "clinton-hillary", Kind: graph.InteractionWrote, Paragraph: 1, Evidence: "Grushko wrote to the Secretary."},
			{A: "lavrov-sergey", B: "grushko-alexander", Kind: graph.InteractionCoMentioned, Paragraph: 1, Evidence: "co-mentioned", Date: at("2009-01-02 08:00:00")},
		},
	}
	return []*graph.Cable{moscow, cited, belgrade, pristina, usun, later}
}

// Changed returns a new version of 08BELGRADE12 that drops Tadić (whose
// Person node must disappear), renames Jeremić's aliases, cites a new ghost
// and retags the cable, for the replacement tests.
func Changed() *graph.Cable {
	for _, c := range HandBuilt() {
		if c.ID != "08BELGRADE12" {
			continue
		}
		c.Tags = []string{"PREL", "SR"}
		c.TagInfo = c.TagInfo[:1]
		c.Persons = []graph.PersonMention{{Key: "jeremic-vuk", Name: "Vuk Jeremić", Surname: "Jeremić", Aliases: []string{"Minister Jeremic"}, Country: "SR", How: []string{"name"}, Count: 1, Paragraphs: []int{1}}}
		c.Interactions = nil
		c.Countries = []graph.CountryMention{{Code: "SR", Name: "Serbia", Count: 1, Origin: true}}
		c.References = []graph.Ref{{Raw: "06 BELGRADE 99", ID: "06BELGRADE99", Kind: graph.RefCable, Letter: "A"}}
		c.Subject = "SERBIA: JEREMIC ON EU TALKS"
		c.Body = "1. (S) FM Vuk Jeremić spoke about EU talks."
		return c
	}
	panic("fixture 08BELGRADE12 missing")
}
