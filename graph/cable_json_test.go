package graph

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestCableJSONNulls(t *testing.T) {
	b, err := json.Marshal(Cable{ID: "08MOSCOW235", Paragraphs: []Paragraph{{Number: 1, Text: "x"}}})
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"created", "released", "classification", "caveats", "origin", "dtg", "precedence", "from",
		"to", "info", "subject", "tags", "references", "classifiedBy", "declassify", "signature", "summary", "body"} {
		v, ok := m[k]
		if !ok || v != nil {
			t.Errorf("%s = %v (present %v), want null", k, v, ok)
		}
	}
	if strings.Contains(string(b), `""`) || strings.Contains(string(b), "[]") {
		t.Errorf("absent values written as \"\" or []: %s", b)
	}
	if p := m["paragraphs"].([]any)[0].(map[string]any); p["marking"] != nil {
		t.Errorf("paragraph marking = %v, want null", p["marking"])
	}
	if _, ok := m["persons"]; ok {
		t.Errorf("extraction fields must be omitted when empty: %s", b)
	}
}

func TestCableJSONRoundTrip(t *testing.T) {
	created := time.Date(2008, 1, 30, 15, 43, 0, 0, time.FixedZone("MSK", 3*3600))
	c := Cable{
		ID: "08MOSCOW235", Created: &created, Classification: Confidential, Caveats: []string{"SIPDIS"},
		Origin: "Embassy Moscow", DTG: "301543Z JAN 08", Precedence: "IMMEDIATE", From: "AMEMBASSY MOSCOW",
		To: []string{"SECSTATE WASHDC"}, Subject: "S", Tags: []string{"PREL", "KV"},
		References:   []Ref{{Raw: "MOSCOW 149", ID: "08MOSCOW149", Kind: RefCable}, {Raw: "EMAIL", Kind: RefEmail, Letter: "B"}},
		ClassifiedBy: &Classifier{Name: "Alice G. Wells", Reasons: []string{"1.4 (b/d)"}},
		Declassify:   "2018-01-30", Signature: "BURNS", Summary: "x",
		Paragraphs: []Paragraph{{Number: 1, Marking: "C", Text: "t"}}, Body: "b",
		Source:    Source{Path: "p", Format: FormatPage},
		Countries: []CountryMention{{Code: "KV", Name: "Kosovo", Count: 2}},
	}
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"created":"2008-01-30T12:43:00Z"`) {
		t.Errorf("created not RFC 3339 UTC: %s", b)
	}
	var back Cable
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !back.Created.Equal(created) {
		t.Errorf("created %v, want %v", back.Created, created)
	}
	want := c
	utc := created.UTC()
	want.Created = &utc
	back.Created = &utc
	if !reflect.DeepEqual(back, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", back, want)
	}
	if err := json.Unmarshal([]byte(`{"created":"yesterday"}`), &back); err == nil {
		t.Error("bad time accepted")
	}
}
