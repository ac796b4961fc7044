package extract

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
)

// TestActors: with the actor dictionaries as gazetteer, a surname they
// know names a person with no other cue; common words, places and the
// entries that are not persons never do.
func TestActors(t *testing.T) {
	e, err := New(Options{GazetteerDir: filepath.Join("testdata", "gazetteer")})
	if err != nil {
		t.Fatal(err)
	}
	if e.actors == nil {
		t.Fatal("no actors loaded from testdata/gazetteer/phoenix")
	}
	for w, want := range map[string]bool{"qadhafi": true, "gaddafi": true, "karroubi": true, "chidambaram": true,
		"tripoli": false, "libya": false, "commission": false, "young": false} {
		if got := e.actors.surnames[w]; got != want {
			t.Errorf("surname %q = %v, want %v", w, got, want)
		}
	}
	if !e.actors.commonSurnames["young"] {
		t.Error("young is a surname that is a common word: want it in commonSurnames")
	}
	if !e.actors.given["palaniappan"] || e.actors.given["african"] {
		t.Errorf("given names: palaniappan %v (want true), african %v (want false)", e.actors.given["palaniappan"], e.actors.given["african"])
	}
	for _, tc := range []struct {
		name, text string
		caps       bool
		want, not  []string
	}{
		{"bare surname mid-sentence", "He stressed the speeches by Karroubi and the cleric. The Young Leaders met.", false, []string{"Karroubi"}, []string{"Young"}},
		{"sentence start and capitalised phrase are no cue", "Karroubi Street was closed. The Karroubi Foundation paid.", false, nil, []string{"Karroubi"}},
		{"ALL-CAPS cable", "THE GOS WANTS TO AVOID BECOMING A TARGET FOR QADHAFI BY KEEPING TIES. THE MINISTER AGREED WITH THE OTHERS ON THAT.", true, []string{"Qadhafi"}, nil},
		{"ALL-CAPS title before a common surname", "COUNSELOR YOUNG MET THE MINISTER TO DISCUSS THE ISSUES AT LENGTH BEFORE LEAVING.", true, []string{"Young"}, nil},
		{"lower-case use drops it", "Chidambaram said no. The chidambaram rule applies.", false, nil, []string{"Chidambaram"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &graph.Cable{ID: "T1", Origin: "Embassy Tripoli", Paragraphs: []graph.Paragraph{{Number: 1, Text: tc.text}}}
			e.Extract(c)
			got := map[string]bool{}
			for _, p := range c.Persons {
				got[strings.ToLower(p.Surname)] = true
			}
			for _, w := range tc.want {
				if !got[strings.ToLower(w)] {
					t.Errorf("%s missing from persons %+v", w, c.Persons)
				}
			}
			for _, n := range tc.not {
				if got[strings.ToLower(n)] {
					t.Errorf("%s taken for a person: %+v", n, c.Persons)
				}
			}
		})
	}
}
