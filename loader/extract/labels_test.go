package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
)

// labelFile is testdata/labels/labels.json: cables from ../shared labelled
// by reading, with a dev/test split.
type labelFile struct {
	About  string       `json:"about"`
	Cables []labelCable `json:"cables"`
}

type labelCable struct {
	Path         string      `json:"path"`
	Split        string      `json:"split"`
	Persons      []string    `json:"persons"`
	Countries    []string    `json:"countries"`
	Interactions [][2]string `json:"interactions"`
}

// Floors the test split must reach. They sit a little under what the
// extractor measured when they were committed (see the test log), so that
// a regression fails and noise does not.
const (
	floorPersonsP      = 0.95
	floorPersonsR      = 0.94
	floorCountriesP    = 0.98
	floorCountriesR    = 0.90
	floorInteractionsP = 0.93
	floorInteractionsR = 0.78
)

// prf accumulates true positives, false positives and false negatives.
type prf struct{ tp, fp, fn int }

func (s prf) p() float64 {
	if s.tp+s.fp == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fp)
}

func (s prf) r() float64 {
	if s.tp+s.fn == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fn)
}

// alts turns "Fernandez de la Vega|Vega" into the keys that may match it:
// the NameKey of each alternative's last word.
func alts(label string) []string {
	var out []string
	for _, a := range strings.Split(label, "|") {
		w := strings.Fields(a)
		if len(w) == 0 {
			continue
		}
		out = append(out, graph.NameKey(w[len(w)-1]))
		if len(w) > 1 {
			out = append(out, graph.NameKey(strings.Join(w, "")))
		}
	}
	return out
}

// match pairs labels with predictions one to one: a label matches a
// prediction when any of its keys is among the prediction's keys.
func match(labels [][]string, preds [][]string) prf {
	used := make([]bool, len(preds))
	var s prf
	for _, l := range labels {
		found := false
		for i, p := range preds {
			if used[i] {
				continue
			}
			if overlaps(l, p) {
				used[i], found = true, true
				break
			}
		}
		if found {
			s.tp++
		} else {
			s.fn++
		}
	}
	for _, u := range used {
		if !u {
			s.fp++
		}
	}
	return s
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

func (s *prf) add(o prf) { s.tp += o.tp; s.fp += o.fp; s.fn += o.fn }

// scoreCable compares one extraction with its labels.
func scoreCable(t *testing.T, c *graph.Cable, l labelCable) (persons, countries, inter prf) {
	var lp, pp [][]string
	for _, p := range l.Persons {
		lp = append(lp, alts(p))
	}
	surnameOf := map[string]string{}
	for _, p := range c.Persons {
		keys := []string{graph.NameKey(p.Surname)}
		if w := strings.Fields(p.Name); len(w) > 0 {
			keys = append(keys, graph.NameKey(w[len(w)-1]), graph.NameKey(strings.Join(w, "")))
		}
		pp = append(pp, keys)
		surnameOf[p.Key] = graph.NameKey(p.Surname)
	}
	persons = match(lp, pp)

	var lc, pc [][]string
	for _, code := range l.Countries {
		lc = append(lc, strings.Split(code, "|"))
	}
	for _, cm := range c.Countries {
		pc = append(pc, []string{cm.Code})
	}
	countries = match(lc, pc)

	side := func(key string) string {
		if strings.HasPrefix(key, "post:") {
			return "post"
		}
		if s, ok := surnameOf[key]; ok {
			return s
		}
		return key
	}
	var li, pi [][]string
	for _, pair := range l.Interactions {
		a, b := alts(pair[0]), alts(pair[1])
		var keys []string
		for _, x := range a {
			for _, y := range b {
				keys = append(keys, pairOf(x, y))
			}
		}
		li = append(li, keys)
	}
	seen := map[string]bool{}
	for _, ia := range c.Interactions {
		if ia.Kind == graph.InteractionCoMentioned {
			continue
		}
		k := pairOf(side(ia.A), side(ia.B))
		if seen[k] {
			continue
		}
		seen[k] = true
		pi = append(pi, []string{k})
	}
	inter = match(li, pi)
	if testing.Verbose() && l.Split == "dev" && (persons.fp+persons.fn+inter.fp+inter.fn+countries.fp+countries.fn) > 0 {
		var names, codes, pairs []string
		for _, p := range c.Persons {
			names = append(names, p.Surname)
		}
		for _, cm := range c.Countries {
			codes = append(codes, cm.Code)
		}
		for _, p := range pi {
			pairs = append(pairs, p[0])
		}
		t.Logf("%s [%s]\n  persons %v want %v\n  countries %v want %v\n  pairs %v want %v", c.ID, l.Split, names, l.Persons, codes, l.Countries, pairs, l.Interactions)
	}
	return persons, countries, inter
}

func pairOf(a, b string) string {
	if b < a {
		a, b = b, a
	}
	return a + "+" + b
}

// TestLabelled measures precision and recall on the labelled set and fails
// when the test split falls below the committed floors.
func TestLabelled(t *testing.T) {
	shared := sharedDir(t, filepath.Join("data", "cables"))
	b, err := os.ReadFile(filepath.Join("testdata", "labels", "labels.json"))
	if err != nil {
		t.Fatal(err)
	}
	var lf labelFile
	if err := json.Unmarshal(b, &lf); err != nil {
		t.Fatal(err)
	}
	if len(lf.Cables) < 40 {
		t.Fatalf("labelled set has %d cables, want at least 40", len(lf.Cables))
	}
	// The gazetteers are optional inputs: CABLEGRAPH_LABELS_NO_GAZETTEER=1
	// measures what the extractor does without them (floors not applied).
	opts := Options{}
	noGaz := os.Getenv("CABLEGRAPH_LABELS_NO_GAZETTEER") == "1"
	if gz := filepath.Join(filepath.Dir(shared), "gazetteers"); dirExists(gz) && !noGaz {
		opts.GazetteerDir = gz
	}
	e, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	type agg struct{ persons, countries, inter prf }
	res := map[string]*agg{"dev": {}, "test": {}}
	for _, l := range lf.Cables {
		a := res[l.Split]
		if a == nil {
			t.Fatalf("%s: split %q is neither dev nor test", l.Path, l.Split)
		}
		c := parseFile(t, filepath.Join(filepath.Dir(shared), "..", l.Path))
		e.Extract(c)
		p, co, in := scoreCable(t, c, l)
		a.persons.add(p)
		a.countries.add(co)
		a.inter.add(in)
	}
	for _, split := range []string{"dev", "test"} {
		a := res[split]
		t.Logf("%-4s persons P=%.3f R=%.3f | countries P=%.3f R=%.3f | interactions P=%.3f R=%.3f (tp/fp/fn %d/%d/%d)",
			split, a.persons.p(), a.persons.r(), a.countries.p(), a.countries.r(), a.inter.p(), a.inter.r(), a.inter.tp, a.inter.fp, a.inter.fn)
	}
	tst := res["test"]
	check := func(what string, got, floor float64) {
		if got < floor && !noGaz {
			t.Errorf("test split %s = %.3f, below the floor %.2f", what, got, floor)
		}
	}
	check("persons precision", tst.persons.p(), floorPersonsP)
	check("persons recall", tst.persons.r(), floorPersonsR)
	check("countries precision", tst.countries.p(), floorCountriesP)
	check("countries recall", tst.countries.r(), floorCountriesR)
	check("interactions precision", tst.inter.p(), floorInteractionsP)
	check("interactions recall", tst.inter.r(), floorInteractionsR)
}

func dirExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}
