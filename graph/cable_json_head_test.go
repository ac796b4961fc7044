package graph

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// headCable is a cable with every field set, and strings that would trip
// a careless scan: braces, brackets, quotes and backslashes inside the
// values it skips and the values it keeps.
func headCable() Cable {
	created := time.Date(2008, 1, 30, 15, 43, 0, 0, time.UTC)
	return Cable{
		ID: "08MOSCOW235", Created: &created, Classification: Confidential, Caveats: []string{"SIPDIS"},
		Origin: "Embassy Moscow", DTG: "301543Z JAN 08", Precedence: "IMMEDIATE", From: "AMEMBASSY MOSCOW",
		To: []string{"SECSTATE WASHDC"}, Info: []string{"USMISSION USNATO"}, Subject: `S "quoted" {not} [an] \ object`,
		Tags: []string{"PREL", "KV"}, TagInfo: []Tag{{Code: "KV", Meaning: "Kosovo"}},
		References:   []Ref{{Raw: "MOSCOW 149", ID: "08MOSCOW149", Kind: RefCable}},
		ClassifiedBy: &Classifier{Name: "Alice G. Wells", Reasons: []string{"1.4 (b/d)"}},
		Declassify:   "2018-01-30", Signature: "BURNS", Summary: `sum "}" {`,
		Paragraphs:    []Paragraph{{Number: 1, Marking: "C", Text: `t ] } "\" \\`}, {Number: 2, Text: "é ☃ \u2028"}},
		Body:          "b {",
		Source:        Source{Path: "p", Format: FormatPage, Record: 3},
		Persons:       []PersonMention{{Key: "lavrov", Name: "Sergey Lavrov", Aliases: []string{`"FM" {Lavrov}`}, Paragraphs: []int{1, 2}}},
		Countries:     []CountryMention{{Code: "KV", Name: "Kosovo", Count: 2}},
		Organizations: []OrgMention{{Name: "NATO"}},
		Interactions:  []Interaction{{A: "a", B: "b", Kind: "met", Evidence: `"}]`, Topics: []string{"KV"}, Confidence: 0.5}},
	}
}

// TestUnmarshalJSONHead checks the head against the whole cable decoded
// and cleared, for compact and indented JSON, and that the text keys'
// bytes are not decoded at all (a head decode succeeds where a text value
// has the wrong type for the whole decode).
func TestUnmarshalJSONHead(t *testing.T) {
	c := headCable()
	compact, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	indented, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"compact": compact, "indented": indented} {
		var whole, head Cable
		if err := whole.UnmarshalJSON(b); err != nil {
			t.Fatalf("%s: whole: %v", name, err)
		}
		if err := head.UnmarshalJSONHead(b); err != nil {
			t.Fatalf("%s: head: %v", name, err)
		}
		if head.Subject == "" || len(head.Countries) == 0 || len(head.TagInfo) == 0 || head.ClassifiedBy == nil {
			t.Errorf("%s: head lost header fields: %+v", name, head)
		}
		whole.Summary, whole.Paragraphs, whole.Body, whole.Persons, whole.Interactions = "", nil, "", nil, nil
		if !reflect.DeepEqual(whole, head) {
			t.Errorf("%s: head differs from the whole decode cleared:\nhead  %+v\nwhole %+v", name, head, whole)
		}
	}
	// The text values are skipped, not decoded.
	skipped := []byte(`{"id":"X","paragraphs":{"not":"a list"},"persons":7,"subject":"s"}`)
	var head Cable
	if err := head.UnmarshalJSONHead(skipped); err != nil || head.ID != "X" || head.Subject != "s" {
		t.Errorf("head of %s: %+v, %v", skipped, head, err)
	}
	var whole Cable
	if err := whole.UnmarshalJSON(skipped); err == nil {
		t.Errorf("the whole decode of %s succeeded: the check above proves nothing", skipped)
	}
	// Input the scan cannot cut is decoded whole: the same errors.
	for _, bad := range []string{``, `[]`, `{"id":"X"`, `{"id":"X"} x`, `{"id" "X"}`, `{"i\u0064":"X"}`, `{"id":}`} {
		var h, w Cable
		he, we := h.UnmarshalJSONHead([]byte(bad)), w.UnmarshalJSON([]byte(bad))
		if (he == nil) != (we == nil) || !reflect.DeepEqual(h, w) {
			t.Errorf("%q: head %+v, %v; whole %+v, %v", bad, h, he, w, we)
		}
	}
}

// FuzzUnmarshalJSONHead: whenever the whole decode succeeds, the head
// decode succeeds too and equals it with the text fields cleared.
func FuzzUnmarshalJSONHead(f *testing.F) {
	c := headCable()
	b, _ := json.Marshal(c)
	f.Add(b)
	b, _ = json.MarshalIndent(c, " ", "\t")
	f.Add(b)
	f.Add([]byte(`{"id":"X","paragraphs":[{"number":1,"text":"a\"}"}],"subject":"s"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var whole, head Cable
		if err := whole.UnmarshalJSON(b); err != nil {
			return
		}
		if err := head.UnmarshalJSONHead(b); err != nil {
			t.Fatalf("whole decode ok, head: %v", err)
		}
		whole.Summary, whole.Paragraphs, whole.Body, whole.Persons, whole.Interactions = "", nil, "", nil, nil
		if !reflect.DeepEqual(whole, head) {
			t.Fatalf("head differs:\nhead  %+v\nwhole %+v", head, whole)
		}
	})
}
