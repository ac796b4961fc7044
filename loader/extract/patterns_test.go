package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
)

// TestInteractionPatterns: the sentence shapes cables use for meetings and
// conversations, each with the pairs it must give (surname keys, "post"
// for the embassy side) and nothing else but co-mentions.
func TestInteractionPatterns(t *testing.T) {
	e := newTestExtractor(t)
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"met with X and Y", "Foreign Minister Lavrov met with Serbian President Tadic and Prime Minister Kostunica on Monday.", []string{"kostunica+lavrov", "lavrov+tadic"}},
		{"X and Y discussed", "Foreign Minister Lavrov and Serbian FM Jeremic discussed Kosovo on January 24.", []string{"jeremic+lavrov"}},
		{"during a meeting with X, Y said", "During a January 24 meeting with Foreign Minister Lavrov, Serbian FM Jeremic said that Serbia would never recognise Kosovo.", []string{"jeremic+lavrov"}},
		{"X called on Y", "Serbian FM Jeremic called on Foreign Minister Lavrov in Moscow on January 24.", []string{"jeremic+lavrov"}},
		{"passive told by", "Serbian FM Jeremic was told by Foreign Minister Lavrov that Russia would block the plan.", []string{"jeremic+lavrov"}},
		{"he told, pronoun subject", "Serbian FM Jeremic arrived in Moscow on January 24. He told Foreign Minister Lavrov that Serbia would not yield.", []string{"jeremic+lavrov"}},
		{"she met with", "Foreign Minister Gisladottir flew to Oslo on Monday. She met with Prime Minister Stoltenberg there.", []string{"gisladottir+stoltenberg"}},
		{"to meet with after a long subject", "General Kilicarslan, Deputy Commander of the Special Forces, is on his way to Erbil with a delegation to meet with PUK PM Barham Seleh.", []string{"kilicarslan+seleh"}},
		{"conversations between pairs", "After conversations between FM Gul and Secretary Powell, and between General Ozkok and General Jones, the talks resumed.", []string{"gul+powell", "jones+ozkok"}},
		{"pairs after one between", "Following conversations on July 4 between FM Gul and Secretary Powell, CHOD Gen Ozkok and EUCOMCDR Gen Jones, the leadership believes the crisis is over.", []string{"gul+powell", "jones+ozkok"}},
		{"Poloff met X", "Poloff met with Foreign Ministry Director Ruben Munoz on January 5.", []string{"munoz+post"}},
		{"comments came in a call by Poloff", "Kernohan's comments came in the course of a call by Poloff to deliver points on Iran. Neil Kernohan said so.", []string{"kernohan+post"}},
		{"no link: a possessive object", "Minister Rachid told the Ambassador that he had raised Culture Minister Farouk Hosny's reaction.", []string{"post+rachid"}},
		{"no link: a joint visit", "Serbian President Tadic and PM Kostunica visited Moscow on January 25.", nil},
		{"no link: the owner of a description", "In a discussion with the Ambassador, Berlusconi's diplomatic adviser Antonio Castellaneta, expanded on the request.", []string{"castellaneta+post"}},
		{"no link: said about", "Foreign Minister Lavrov said that President Tadic was wrong.", nil},
		{"no link: separate clauses", "Lavrov spoke in Moscow, while Jeremic stayed in Belgrade.", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &graph.Cable{ID: "T1", Origin: "Embassy Moscow", Paragraphs: []graph.Paragraph{{Number: 1, Text: tc.text}}}
			e.Extract(c)
			sur := map[string]string{}
			for _, p := range c.Persons {
				sur[p.Key] = graph.NameKey(p.Surname)
			}
			side := func(k string) string {
				if strings.HasPrefix(k, "post:") {
					return "post"
				}
				return sur[k]
			}
			var got []string
			for _, ia := range c.Interactions {
				if ia.Kind == graph.InteractionCoMentioned {
					continue
				}
				if p := pairOf(side(ia.A), side(ia.B)); !slices.Contains(got, p) {
					got = append(got, p)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("pairs %v, want %v (persons %v)", got, tc.want, c.Persons)
			}
		})
	}
}
