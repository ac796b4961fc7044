package tables

import (
	"bufio"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cablegraph/cablegraph/internal/testenv"
)

func TestLookups(t *testing.T) {
	tb, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		in, code, name string
	}{
		{"KV", "KV", "Kosovo"}, {"Kosovo", "KV", "Kosovo"}, {"kosovar", "KV", "Kosovo"}, {"Pristina", "KV", "Kosovo"},
		{"RS", "RS", "Russia"}, {"RU", "RU", "Russia"}, {"Serbian", "SR", "Serbia"}, {"YI", "YI", "Yugoslavia"},
		{"Belgrade", "SR", "Serbia"}, {"U.S.", "US", "United States"}, {"Georgian", "GG", "Georgia"},
	} {
		code, name, ok := tb.Country(tc.in)
		if !ok || code != tc.code || name != tc.name {
			t.Errorf("Country(%q) = %q, %q, %v; want %q, %q", tc.in, code, name, ok, tc.code, tc.name)
		}
	}
	if _, _, ok := tb.Country("Atlantis"); ok {
		t.Error("Country(Atlantis) resolved")
	}
	for _, tc := range []struct{ code, kind string }{
		{"PREL", "subject"}, {"UNSC", "organization"}, {"KV", "geographic"}, {"OEXC", "program"},
	} {
		tg, ok := tb.Tag(tc.code)
		if !ok || tg.Kind != tc.kind || tg.Meaning == "" {
			t.Errorf("Tag(%s) = %+v, %v; want kind %s", tc.code, tg, ok, tc.kind)
		}
	}
	for _, tc := range []struct{ origin, code string }{
		{"Embassy Moscow", "RS"}, {"Consulate St. Petersburg", "RS"}, {"USUN New York", "US"}, {"Embassy Pristina", "KV"},
		{"Embassy Belgrade", "SR"}, {"UNVIE", "AU"}, {"Secretary of State", "US"}, {"Consulate Vladivostok", "RS"},
	} {
		if got, ok := tb.PostCountry(tc.origin); !ok || got != tc.code {
			t.Errorf("PostCountry(%q) = %q, %v; want %q", tc.origin, got, ok, tc.code)
		}
	}
	for _, tc := range []struct{ abbr, origin, want string }{
		{"GOR", "RS", "RS"}, {"GOS", "SR", "SR"}, {"GOK", "KV", "KV"}, {"GOJ", "JO", "JO"}, {"GOJ", "JA", "JA"}, {"GOR", "US", "RS"},
	} {
		if got, ok := tb.HostGov(tc.abbr, tc.origin); !ok || got != tc.want {
			t.Errorf("HostGov(%s, %s) = %q; want %q", tc.abbr, tc.origin, got, tc.want)
		}
	}
}

// TestExtension checks the user TSV format: additions, redefinitions and
// errors with the line number.
func TestExtension(t *testing.T) {
	ext := "# my tags\ntag\tKXYZ\tMy Program\tprogram\n\ncountry\tXX\tFreedonia\ndemonym\tFreedonian\tXX\npost\tEmbassy Fredville\tXX\ntag\tPREL\tForeign Relations\tsubject\norg\tACME\tAcme Corp\tcompany\tAcme|ACME Corp\n"
	tb, err := New(Source{Name: "user.tsv", R: strings.NewReader(ext)})
	if err != nil {
		t.Fatal(err)
	}
	if tg, ok := tb.Tag("kxyz"); !ok || tg.Kind != "program" {
		t.Errorf("KXYZ = %+v", tg)
	}
	if tg, _ := tb.Tag("PREL"); tg.Meaning != "Foreign Relations" {
		t.Errorf("PREL not redefined: %+v", tg)
	}
	if code, _, ok := tb.Country("Freedonian"); !ok || code != "XX" {
		t.Errorf("Freedonian = %q", code)
	}
	if code, ok := tb.PostCountry("Embassy Fredville"); !ok || code != "XX" {
		t.Errorf("post = %q", code)
	}
	found := false
	for _, o := range tb.Orgs() {
		found = found || (o.Key == "ACME" && len(o.Forms) == 2)
	}
	if !found {
		t.Error("org ACME missing")
	}
	for _, bad := range []string{"tag\tONLYCODE\n", "weird\tx\ty\n", "country\t\tNoCode\n"} {
		_, err := New(Source{Name: "bad.tsv", R: strings.NewReader("# c\n" + bad)})
		if err == nil || !strings.Contains(err.Error(), "bad.tsv:2") {
			t.Errorf("New(%q) error = %v, want one naming bad.tsv:2", bad, err)
		}
	}
}

// sharedDir is ../shared/data beside the module, or skips.
func sharedDir(t *testing.T) string {
	return testenv.Shared(t, "data")
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("oracle %s not present: %v", path, err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if s := strings.TrimSpace(sc.Text()); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// TestCoverage measures the built-in tables against the oracles in
// ../shared/data/tables (never copied here) and the corpus index, logs the
// figures and fails below floors set a little under what was measured.
func TestCoverage(t *testing.T) {
	shared := sharedDir(t)
	tb, err := New()
	if err != nil {
		t.Fatal(err)
	}
	ratio := func(hit, all int) float64 {
		if all == 0 {
			return 0
		}
		return float64(hit) / float64(all)
	}
	// Subject tags listed by heuer/cablemap.
	subj := readLines(t, filepath.Join(shared, "tables", "heuer_cablemap", "subject-tags.txt"))
	hit := 0
	for _, c := range subj {
		if _, ok := tb.Tag(c); ok {
			hit++
		}
	}
	subjCov := ratio(hit, len(subj))

	// Geographic codes in the whoiskieran tag list (two-letter codes).
	f, err := os.Open(filepath.Join(shared, "tables", "whoiskieran_Neo4jWikiLeaks", "tag_nodes.csv"))
	if err != nil {
		t.Skipf("oracle tag_nodes.csv not present: %v", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	geo, geoHit, agree := 0, 0, 0
	for _, r := range rows {
		if len(r) < 2 || len(r[0]) != 2 || strings.ToUpper(r[0]) != r[0] {
			continue
		}
		geo++
		if name, ok := tb.CountryName(r[0]); ok {
			geoHit++
			if strings.Contains(strings.ToLower(r[1]), strings.ToLower(strings.Fields(name)[0])) {
				agree++
			}
		}
	}

	// Corpus: every tag occurrence and every origin in the index.
	ix, err := os.Open(filepath.Join(shared, "cables", "cablegate-html-fragments", "index.csv"))
	if err != nil {
		t.Skipf("corpus index not present: %v", err)
	}
	defer ix.Close()
	recs, err := csv.NewReader(ix).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	occ, occHit, origins, originHit := 0, 0, map[string]bool{}, 0
	for _, r := range recs[1:] {
		origins[r[4]] = true
		for _, tg := range strings.FieldsFunc(r[6], func(c rune) bool { return c == ',' || c == ' ' }) {
			occ++
			if _, ok := tb.Tag(tg); ok {
				occHit++
			}
		}
	}
	for o := range origins {
		if _, ok := tb.PostCountry(o); ok {
			originHit++
		}
	}
	t.Logf("subject tags (heuer): %d/%d = %.3f", hit, len(subj), subjCov)
	t.Logf("geographic codes (whoiskieran): %d/%d = %.3f known, %d names agree", geoHit, geo, ratio(geoHit, geo), agree)
	t.Logf("corpus tag occurrences known: %d/%d = %.3f", occHit, occ, ratio(occHit, occ))
	t.Logf("corpus origins resolved to a country: %d/%d", originHit, len(origins))
	if ratio(originHit, len(origins)) < 0.97 {
		t.Errorf("origins resolved %d/%d, want at least 97%%", originHit, len(origins))
	}
	if ratio(occHit, occ) < 0.90 {
		t.Errorf("corpus tag occurrence coverage %.3f, want at least 0.90", ratio(occHit, occ))
	}
	if subjCov < 0.70 {
		t.Errorf("subject tag coverage %.3f, want at least 0.70", subjCov)
	}
}
