package parse

import (
	"strings"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
)

func TestMarkedProseAt(t *testing.T) {
	tests := []struct {
		in   string
		want string // the text from the returned offset, "" for -1
	}{
		{"REF: STATE 146857 (U) Pol/Econ Chief delivered reftel points to the MFA on October 21.",
			"(U) Pol/Econ Chief delivered reftel points to the MFA on October 21."},
		{"Classified By: Political Counselor Robin Quinville, reasons 1.4 (b/d).  1. (C/NF) UK Foreign Secretary told him",
			"1. (C/NF) UK Foreign Secretary told him"},
		{"(C) MEA Joint Secretary for the Americas called A/PolCouns June 22 to relay the response.",
			"(C) MEA Joint Secretary for the Americas called A/PolCouns June 22 to relay the response."},
		{"Classified By: Charge Joan Polaschik, 1.4 (b), (d) 1.(S/NF) Summary: the visit went well", "1.(S/NF) Summary: the visit went well"},
		// not paragraphs
		{"SUBJECT: (SBU) Ambassador's meeting with the Foreign Minister on Kosovo and the region", ""},
		{"REF: (A) STATE 12345 (B) STATE 23456 (C) 08 MOSCOW 4567 (D) 08 MOSCOW 5678", ""},
		{"Classified By: Ambassador John Beyrle, reasons 1.4 (C) and (D) of the order in force", ""},
		{"1 (C) The President of Drummond Coal Colombia, Augusto Jimenez recently met with", ""},
		{"(C) too short", ""},
		{"(X) Not a marking at all but a long enough sentence with words", ""},
	}
	for _, tt := range tests {
		got := ""
		if p := markedProseAt(tt.in); p >= 0 {
			got = tt.in[p:]
		}
		if got != tt.want {
			t.Errorf("markedProseAt(%q) cuts at %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestGluedParagraphKept: a body glued onto the REF or Classified By line, or
// starting with an unnumbered marked paragraph, is body text, not header.
func TestGluedParagraphKept(t *testing.T) {
	const head = "C O N F I D E N T I A L LONDON 000087\n\nE.O. 12958: DECL: 01/15/2020\nTAGS: PREL UK\nSUBJECT: CHINA-UK RELATIONS\n"
	tests := []struct {
		name, text, body, reasons string
	}{
		{"glued to Classified By", head + "\nClassified By: Political Counselor Robin Quinville, reasons 1.4 (b/d).  1. (C/NF) UK Foreign Secretary David Miliband told Chinese Foreign Secretary Yang Jiechi that the UK wants engagement.\n\nSMITH\n",
			"UK Foreign Secretary David Miliband told", "1.4 (b/d)"},
		{"glued to REF", head + "REF: STATE 146857 (U) Pol/Econ Chief delivered reftel points to the MFA directorate on October 21 and heard no objection.\n",
			"Pol/Econ Chief delivered reftel points", ""},
		{"marked line after Classified By", head + "\nClassified By: DCM Robert O. Blake, Jr. for Reasons 1.4 (B, D)\n(C) MEA Joint Secretary for the Americas called A/PolCouns June 22 to relay the considered Indian response.\nMULFORD\n",
			"MEA Joint Secretary for the Americas called", "1.4 (B, D)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ParseRecord(Record{Path: "10LONDON87.txt", Format: graph.FormatBody, Data: []byte(tt.text)})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(c.Body, tt.body) {
				t.Errorf("body %q lacks %q", c.Body, tt.body)
			}
			if c.Subject != "CHINA-UK RELATIONS" {
				t.Errorf("subject %q", c.Subject)
			}
			if tt.reasons != "" && (c.ClassifiedBy == nil || strings.Join(c.ClassifiedBy.Reasons, ";") != tt.reasons) {
				t.Errorf("classified by %+v, want reasons %q", c.ClassifiedBy, tt.reasons)
			}
		})
	}
}
