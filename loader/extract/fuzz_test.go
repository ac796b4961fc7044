package extract

import (
	"strings"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/examples"
	"github.com/cablegraph/cablegraph/graph"
)

// FuzzExtract feeds random body text (and a random signature and tag) into
// a cable and asserts that Extract neither panics nor breaks its own
// invariants. Extract recovers from panics itself, so the fuzz target
// checks the recovery did not hide one: a cable with text but a recovered
// panic would have had its persons cleared while paragraphs exist.
func FuzzExtract(f *testing.F) {
	for _, seed := range []string{
		string(examples.Moscow235),
		"Lavrov told Jeremic that Russia: --would insist",
		"THE AMBASSADOR MET FM LAVROV. HE SAID GOR WOULD VETO.",
		"EID, Moatasim Mohamed DOB: 10/10/1975",
		"Minister of Foreign Affairs: VP Juan Carlos Varela;",
		"XXXXXXXXXXXX told us on January 32 that",
		"", ".", "--", "(", "É'", "Ambassador of the for of the , ,",
	} {
		f.Add(seed, "BURNS", "PREL")
	}
	e, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	created := time.Date(2008, 1, 30, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, body, sig, tag string) {
		c := &graph.Cable{
			ID: "08TEST1", Created: &created, Origin: "Embassy Moscow", Signature: sig, Tags: []string{tag, "KV"},
			Subject: body, Body: body,
			Paragraphs:   []graph.Paragraph{{Number: 1, Text: body}, {Number: 2, Text: strings.ToUpper(body)}},
			ClassifiedBy: &graph.Classifier{Name: sig, Title: tag},
		}
		e.Extract(c)
		if len(c.TagInfo) != len(c.Tags) {
			t.Fatalf("TagInfo has %d entries for %d tags", len(c.TagInfo), len(c.Tags))
		}
		keys := map[string]bool{}
		for _, p := range c.Persons {
			if p.Key == "" {
				t.Fatalf("person without key: %+v", p)
			}
			keys[p.Key] = true
		}
		for _, ia := range c.Interactions {
			if ia.A == "" || ia.B == "" || ia.A == ia.B {
				t.Fatalf("bad interaction %+v", ia)
			}
			if !strings.HasPrefix(ia.B, "post:") && !keys[ia.B] || !strings.HasPrefix(ia.A, "post:") && !keys[ia.A] {
				t.Fatalf("interaction names an unknown person: %+v", ia)
			}
		}
		for _, cm := range c.Countries {
			if cm.Count < 1 || cm.Code == "" {
				t.Fatalf("bad country %+v", cm)
			}
		}
	})
}

// TestExtractNil: nil and empty cables are fine.
func TestExtractNil(t *testing.T) {
	e := newTestExtractor(t)
	e.Extract(nil)
	c := &graph.Cable{}
	e.Extract(c)
	if len(c.Persons)+len(c.Countries)+len(c.Interactions) != 0 {
		t.Errorf("empty cable yielded %+v", c)
	}
}
