package extract

import (
	"slices"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
)

func TestAddressees(t *testing.T) {
	e := newTestExtractor(t)
	tests := []struct {
		lines []string
		want  []string // names of persons found through addressee lines
	}{
		{[]string{"NSC FOR HELGERSON"}, []string{"Helgerson"}},
		{[]string{"DEPT FOR EUR/SCE (SMITH)"}, []string{"Smith"}},
		{[]string{"BAGHDAD FOR AMBASSADOR ERELI"}, []string{"Ereli"}},
		{[]string{"STATE FOR WHA TOM SHANNON, JOHN MAISTO, AND CHARLES SHAPIRO"}, []string{"Charles Shapiro", "John Maisto", "Tom Shannon"}},
		{[]string{"DEPT FOR NEA/MAG; COMMERCE FOR NATE MASON; ENERGY FOR ERICKSON"}, []string{"Erickson", "Nate Mason"}},
		// mail names with the initial glued on are not read
		{[]string{"PM/PPA FOR ERUSSELL, BAVERILL, MMARKOFF"}, nil},
		{[]string{"STATE FOR OES/ENV (HFINMAN) AND OES/PCI (LSPERLING)", "SAN SALVADOR FOR AID (ADIX)"}, nil},
		// office codes, a given name alone, places
		{[]string{"STATE FOR EUR/RUS, ISN/ECNP AND INR/B", "OSLO FOR DATT", "DEPARTMENT FOR WHA/CAR - KAREN", "AMEMBASSY BERLIN PASS TO AMCONSUL LEIPZIG"}, nil},
	}
	for _, tt := range tests {
		c := &graph.Cable{ID: "09TEST1", Origin: "Embassy Oslo", Addressees: tt.lines, Body: "1. (U) Nothing here.",
			Paragraphs: []graph.Paragraph{{Number: 1, Marking: "U", Text: "Nothing here."}}}
		e.Extract(c)
		var got []string
		for _, p := range c.Persons {
			if slices.Contains(p.How, "addressee") {
				got = append(got, p.Name)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: addressee persons %q, want %q", tt.lines, got, tt.want)
		}
	}
}
