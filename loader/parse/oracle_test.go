package parse

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
)

// The oracle tests compare the parser with independent tables made from
// the later full release (../shared/data/tables). They are floors, not
// exact answers: some differences are real text differences between the
// releases. Run with -v to see the measured figures and disagreements.

func TestSharedCorpusParsesWithoutFailures(t *testing.T) {
	cables, fails := parseAll(t, sharedDir(t, "data/cables"))
	for i, f := range fails {
		if i < 20 {
			t.Errorf("failure: %v", f)
		}
	}
	if len(fails) > 0 {
		t.Errorf("%d of %d records failed", len(fails), len(fails)+len(cables))
	}
	t.Logf("parsed %d cables, %d failures", len(cables), len(fails))
	if len(cables) < 6712 {
		t.Errorf("parsed %d cables, want at least the 6,712 of the shared corpus", len(cables))
	}
}

// byID keeps one cable per id, preferring the richest format (full page,
// then fragment, then body-only).
func byID(cables []*graph.Cable) map[string]*graph.Cable {
	rank := func(c *graph.Cable) int {
		switch {
		case strings.Contains(c.Source.Path, "cablegate-html-pages"):
			return 3
		case c.Source.Format == graph.FormatHTML:
			return 2
		}
		return 1
	}
	m := map[string]*graph.Cable{}
	for _, c := range cables {
		if o, ok := m[c.ID]; !ok || rank(c) > rank(o) {
			m[c.ID] = c
		}
	}
	return m
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("oracle %s not present: %v", path, err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return rows
}

// sourceHasClassifiedBy reports whether the file a cable came from says
// "Classified by" at all.
func sourceHasClassifiedBy(t *testing.T, c *graph.Cable) bool {
	b, err := os.ReadFile(c.Source.Path)
	if err != nil {
		t.Fatalf("read %s: %v", c.Source.Path, err)
	}
	s := strings.ToLower(string(b))
	for {
		i := strings.Index(s, "classified by")
		if i < 0 {
			return false
		}
		line := s[i:min(len(s), i+80)]
		if j := strings.IndexAny(line, "\n&"); j >= 0 {
			line = line[:j]
		}
		if !strings.Contains(line, "...") {
			return true // a complete line
		}
		s = s[i+len("classified by"):]
	}
}

func normName(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.Trim(s, " .,"))), " ")
}

func TestOracleClassifiedBy(t *testing.T) {
	tables := sharedDir(t, "data/tables")
	cables := byID(parseAllOnce(t))
	rows := readCSV(t, filepath.Join(tables, "heuer_cablemap", "classified_by.csv"))
	total, agree, absent := 0, 0, 0
	var bad []string
	for _, row := range rows {
		if len(row) < 2 {
			continue
		}
		c, ok := cables[row[0]]
		if !ok {
			continue
		}
		total++
		got := ""
		if c.ClassifiedBy != nil {
			got = c.ClassifiedBy.Name
		}
		if normName(got) == normName(row[1]) {
			agree++
		} else if got == "" && !sourceHasClassifiedBy(t, c) {
			absent++ // the shared text has no Classified By line: a text difference
		} else {
			bad = append(bad, row[0]+": oracle "+row[1]+" | ours "+got)
		}
	}
	if total == 0 {
		t.Skip("no shared cable is listed in classified_by.csv")
	}
	rate := float64(agree) / float64(total-absent)
	t.Logf("classified-by: %d shared cables listed; %d have no complete Classified By line in the shared text (truncated extracts); agreement %d/%d = %.1f%% of the rest, %.1f%% of all",
		total, absent, agree, total-absent, 100*rate, 100*float64(agree)/float64(total))
	sort.Strings(bad)
	for i, b := range bad {
		if i < 600 {
			t.Logf("disagree %s", b)
		}
	}
	if rate < 0.95 {
		t.Errorf("classified-by agreement %.1f%% below the 95%% floor", 100*rate)
	}
}

func TestOracleReferences(t *testing.T) {
	tables := sharedDir(t, "data/tables")
	cables := byID(parseAllOnce(t))
	rows := readCSV(t, filepath.Join(tables, "derived", "reference_edges_from_cable2graph_gml.csv"))
	oracle := map[[2]string]bool{}
	for _, row := range rows[1:] {
		if len(row) < 2 {
			continue
		}
		if _, ok := cables[row[0]]; ok {
			// cable ids never spell State as SECSTATE; the oracle sometimes does
			oracle[[2]string{row[0], CanonicalID(row[1])}] = true
		}
	}
	// The oracle's graphs only hold cables that cite something: compare over
	// the shared cables that appear in it as citing cables.
	citing := map[string]bool{}
	for e := range oracle {
		citing[e[0]] = true
	}
	ours := map[[2]string]bool{}
	for id := range citing {
		for _, r := range cables[id].References {
			if r.ID != "" {
				ours[[2]string{id, r.ID}] = true
			}
		}
	}
	tp := 0
	var missed, extra []string
	for e := range oracle {
		if ours[e] {
			tp++
		} else {
			missed = append(missed, e[0]+" -> "+e[1])
		}
	}
	for e := range ours {
		if !oracle[e] {
			extra = append(extra, e[0]+" -> "+e[1])
		}
	}
	if len(oracle) == 0 {
		t.Skip("no shared cable is a citing cable in the oracle")
	}
	recall := float64(tp) / float64(len(oracle))
	precision := float64(tp) / float64(max(len(ours), 1))
	t.Logf("references over %d citing cables: oracle %d edges, ours %d, agree %d: recall %.1f%%, precision %.1f%%",
		len(citing), len(oracle), len(ours), tp, 100*recall, 100*precision)
	sort.Strings(missed)
	sort.Strings(extra)
	for i, m := range missed {
		if i < 40 {
			t.Logf("missed %s", m)
		}
	}
	for i, m := range extra {
		if i < 40 {
			t.Logf("extra %s", m)
		}
	}
	if recall < 0.90 || precision < 0.90 {
		t.Errorf("reference recall %.1f%% / precision %.1f%% below the 90%% floors", 100*recall, 100*precision)
	}
}
