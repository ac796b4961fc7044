package parse

import (
	"reflect"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
)

func TestRefsFromText(t *testing.T) {
	cable := func(raw, id, letter string) graph.Ref {
		return graph.Ref{Raw: raw, ID: id, Kind: graph.RefCable, Letter: letter}
	}
	tests := []struct {
		name string
		text string
		want []graph.Ref
	}{
		{"plain", "MOSCOW 149", []graph.Ref{cable("MOSCOW 149", "08MOSCOW149", "")}},
		{"leading zeros", "STATE 012345", []graph.Ref{cable("STATE 012345", "08STATE12345", "")}},
		{"2-digit year", "07 MOSCOW 5555", []graph.Ref{cable("07 MOSCOW 5555", "07MOSCOW5555", "")}},
		{"4-digit year", "2007 MANAGUA 2135", []graph.Ref{cable("2007 MANAGUA 2135", "07MANAGUA2135", "")}},
		{"multi-word posts", "A. LA PAZ 12 B. THE HAGUE 345 C. USUN NEW YORK 67", []graph.Ref{
			cable("LA PAZ 12", "08LAPAZ12", "A"), cable("THE HAGUE 345", "08THEHAGUE345", "B"),
			cable("USUN NEW YORK 67", "08USUNNEWYORK67", "C")}},
		{"alias", "SECSTATE 1234", []graph.Ref{cable("SECSTATE 1234", "08STATE1234", "")}},
		{"lettered parens", "(A) MOSCOW 1 (B) 07 STATE 2", []graph.Ref{cable("MOSCOW 1", "08MOSCOW1", "A"), cable("07 STATE 2", "07STATE2", "B")}},
		{"lettered paren-close, glued year", "A) MEXICO 6546 B)07 MEXICO 5318", []graph.Ref{cable("MEXICO 6546", "08MEXICO6546", "A"), cable("07 MEXICO 5318", "07MEXICO5318", "B")}},
		{"self reference dropped", "MOSCOW 235 AND MOSCOW 149", []graph.Ref{cable("MOSCOW 149", "08MOSCOW149", "")}},
		{"email", "A. EMAIL FROM POLOFF 3/12 B. STATE 5", []graph.Ref{{Raw: "EMAIL FROM POLOFF 3/12", Kind: graph.RefEmail, Letter: "A"}, cable("STATE 5", "08STATE5", "B")}},
		{"memo", "MEMO OF CONVERSATION", []graph.Ref{{Raw: "MEMO OF CONVERSATION", Kind: graph.RefMemo}}},
		{"telcon", "A. TELCON WITH EUR/RUS B. MOSCOW 1", []graph.Ref{{Raw: "TELCON WITH EUR/RUS", Kind: graph.RefTelcon, Letter: "A"}, cable("MOSCOW 1", "08MOSCOW1", "B")}},
		{"iir", "IIR 6 850 0001 08", []graph.Ref{{Raw: "IIR 6 850 0001 08", Kind: graph.RefIIR}}},
		{"dtg", "STATE DTG 301543Z JAN 08", []graph.Ref{{Raw: "STATE DTG 301543Z JAN 08", Kind: graph.RefDTG}}},
		{"comma list same post", "STATE 1234, 5678", []graph.Ref{cable("STATE 1234", "08STATE1234", ""), cable("5678", "08STATE5678", "")}},
		{"truncated number has no id", "04 STATE 2084...", []graph.Ref{{Raw: "04 STATE 2084...", Kind: graph.RefOther}}},
		{"and previous is not a post", "RANGOON 12 AND PREVIOUS", []graph.Ref{cable("RANGOON 12", "08RANGOON12", "")}},
		{"REF B: labels", "VATICAN 05286; REF B: VATICAN 05546", []graph.Ref{cable("VATICAN 05286", "08VATICAN5286", "A"), cable("VATICAN 05546", "08VATICAN5546", "B")}},
		{"empty", "  ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := refsFromText(tt.text, "08MOSCOW235", "08")
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("refsFromText(%q)\n got %+v\nwant %+v", tt.text, got, tt.want)
			}
		})
	}
}

// TestHeaderREFForms drives the header parser: label spellings, lists over
// several lines with pilcrows, page-break noise, two REF sections, and
// words that only start with REF.
func TestHeaderREFForms(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"REF:", "SUBJECT: X\n\nREF: MOSCOW 149\n\n1. (C) Text.", []string{"08MOSCOW149"}},
		{"REFS no space", "SUBJECT: X\n\nREFS:STATE 5\n\n1. Text.", []string{"08STATE5"}},
		{"REFTEL", "SUBJECT: X\nREFTEL: 07 PARIS 12\n\n1. Text.", []string{"07PARIS12"}},
		{"Ref(s)", "SUBJECT: X\nRef(s): A. ROME 1 B. ROME 2\n\n1. Text.", []string{"08ROME1", "08ROME2"}},
		{"multi-line with pilcrows", "SUBJECT: X\n\nREF: A. ANKARA 418\n     ¶B. ANKARA 1350\n\n     ¶C. 02 ANKARA 2914\n\n1. Text.", []string{"08ANKARA418", "08ANKARA1350", "02ANKARA2914"}},
		{"page break inside REF", "SUBJECT: X\nREF: A. TRIPOLI 1 B. BERN 504 TRIPOLI 00000942 001.2 OF 002 C. TRIPOLI 3\n\n1. Text.", []string{"08TRIPOLI1", "08BERN504", "08TRIPOLI3"}},
		{"two REF sections", "REF: MOSCOW 1\nSUBJECT: X\nREF: MOSCOW 2\n\n1. Text.", []string{"08MOSCOW1", "08MOSCOW2"}},
		{"REFORM is not a REF", "SUBJECT: X\nREFORM: MOSCOW 1 IS NOT A REF\n\n1. Text.", nil},
		{"REFERENDUM is not a REF", "SUBJECT: REFERENDUM IN MOSCOW 2\n\n1. Text.", nil},
		{"REF then Classified By on one line", "SUBJECT: X\nREF: STATE 203310 Classified By: PolCouns Dennis Hearne, 1.4 (B) & (D)\n\n1. Text.", []string{"08STATE203310"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := parseHeader(splitLines(cleanText(tt.body)), "08MOSCOW235", "08")
			var got []string
			for _, r := range h.refs {
				got = append(got, r.ID)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("refs = %v, want %v", got, tt.want)
			}
		})
	}
}
