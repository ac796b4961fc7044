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

// TestAdversarial runs run-on and repetitive bodies through Extract: they
// must finish (the go test timeout catches a hang) and keep the invariants.
func TestAdversarial(t *testing.T) {
	e := newTestExtractor(t)
	created := time.Date(2008, 1, 30, 0, 0, 0, 0, time.UTC)
	for _, unit := range []string{"us we ", "Ambassador of the for of the , ,", "A. ", "Lavrov told Jeremic ", "John Smith and Bob Jones, ",
		"Mr. X. ", "GOR ", "- ", "Smith, Minister ", "SMITH, John DOB ", "'s ", "Tom ", "LAVROV TOLD JEREMIC "} {
		body := strings.Repeat(unit, 50000/len(unit))
		c := &graph.Cable{ID: "X", Body: body, Paragraphs: []graph.Paragraph{{Number: 1, Text: body}}, Origin: "Embassy Moscow", Created: &created}
		e.Extract(c)
		for _, ia := range c.Interactions {
			if ia.A == ia.B || ia.Evidence == "" {
				t.Errorf("%q: bad interaction %+v", unit, ia)
			}
		}
		if len(c.Countries) == 0 {
			t.Errorf("%q: origin country missing", unit)
		}
	}
}

// TestConcurrent runs one Extractor from several goroutines (run with
// -race): it is documented as safe for concurrent use.
func TestConcurrent(t *testing.T) {
	e := newTestExtractor(t)
	base := parseBytes(t, examples.Moscow235Name, examples.Moscow235)
	e.Extract(base)
	want := len(base.Persons)
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		go func() {
			for i := 0; i < 20; i++ {
				c := *base
				e.Extract(&c)
				if len(c.Persons) != want {
					errs <- "persons differ between goroutines"
					return
				}
			}
			errs <- ""
		}()
	}
	for g := 0; g < 8; g++ {
		if msg := <-errs; msg != "" {
			t.Error(msg)
		}
	}
}
