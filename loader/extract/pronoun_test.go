package extract

import (
	"testing"

	"github.com/cablegraph/cablegraph/graph"
)

// TestPronounInteractions: "him"/"her" after a verb links the subject to
// the one person the pronoun can mean, and to no one when two could.
func TestPronounInteractions(t *testing.T) {
	e := newTestExtractor(t)
	for _, tc := range []struct {
		name, text string
		want       string // "a+b" surname keys of the expected non-co-mention pair, "" for none
	}{
		{"other person in the sentence", "According to Foreign Secretary Saran, Defense Minister George Fernandes told him that the fight was shared.", "fernandes+saran"},
		{"previous sentence", "Foreign Minister Moratinos arrived in Madrid on Monday. Later President Zapatero met with him.", "moratinos+zapatero"},
		{"ambiguous", "Foreign Minister Moratinos and Minister Aguirre arrived. Later President Zapatero met with him.", ""},
		{"no verb", "According to Foreign Secretary Saran, Minister Fernandes thinks of him as a friend.", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &graph.Cable{ID: "T1", Origin: "Embassy Madrid", Paragraphs: []graph.Paragraph{{Number: 1, Text: tc.text}}}
			e.Extract(c)
			sur := map[string]string{}
			for _, p := range c.Persons {
				sur[p.Key] = graph.NameKey(p.Surname)
			}
			var got []string
			for _, ia := range c.Interactions {
				if ia.Kind == graph.InteractionCoMentioned {
					continue
				}
				got = append(got, pairOf(sur[ia.A], sur[ia.B]))
			}
			if tc.want == "" && len(got) > 0 {
				t.Errorf("got %v, want no interaction", got)
			}
			if tc.want != "" && (len(got) != 1 || got[0] != tc.want) {
				t.Errorf("got %v, want [%s]", got, tc.want)
			}
		})
	}
}
