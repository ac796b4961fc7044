package parse

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.json from the current parser")

// goldenInputs are representative inputs: the seed and the CSV fixture
// (copied into testdata), and real shared cables read by path (skipped
// when ../shared is absent; never copied into the project).
var goldenInputs = []struct {
	name   string
	path   string // relative to the package, or to ../shared when shared is set
	shared bool
}{
	{"seed-page", "testdata/08MOSCOW235.txt", false},
	{"csv-fixture", "testdata/cables.csv", false},
	{"html-fragment-moscow", "data/cables/cablegate-html-fragments/cable/2008/01/08MOSCOW235.html", true},
	{"html-fragment-algiers", "data/cables/cablegate-html-fragments/cable/2008/01/08ALGIERS85.html", true},
	{"html-partial-embedded-csv", "data/cables/cablegate-html-fragments/cable/2006/12/06THEHAGUE2597.html", true},
	{"html-partial-embedded-kv", "data/cables/cablegate-html-fragments/cable/2005/08/05QUITO1978.html", true},
	{"html-full-page", "data/cables/cablegate-html-pages/cable/2008/01/08STATE3728.html", true},
	{"html-dump-header", "data/cables/cablegate-html-fragments/cable/2003/06/03ABUDHABI2641.html", true},
	{"body-harare", "data/cables/body-txt/00HARARE5461.txt", true},
	{"body-empty-wrapper", "data/cables/body-txt/10KYIV278.txt", true},
	{"body-classified-in-par1", "data/cables/body-txt/02ANKARA8305.txt", true},
}

func TestGolden(t *testing.T) {
	for _, g := range goldenInputs {
		t.Run(g.name, func(t *testing.T) {
			path := g.path
			if g.shared {
				path = filepath.Join(sharedDir(t, "data"), strings.TrimPrefix(g.path, "data/"))
				if _, err := os.Stat(path); err != nil {
					t.Skipf("../shared input not present: %v", err)
				}
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			cables, fails := collect(t, filepath.Base(path), data, Options{})
			var out bytes.Buffer
			for _, c := range cables {
				b, err := json.Marshal(c)
				if err != nil {
					t.Fatal(err)
				}
				var ind bytes.Buffer
				if err := json.Indent(&ind, b, "", "  "); err != nil {
					t.Fatal(err)
				}
				out.Write(ind.Bytes())
				out.WriteByte('\n')
			}
			for _, f := range fails {
				out.WriteString("FAILURE " + f.Error() + "\n")
			}
			golden := filepath.Join("testdata", "golden", g.name+".json")
			if *update {
				if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run TestGolden -update)", err)
			}
			if !bytes.Equal(out.Bytes(), want) {
				t.Errorf("output differs from %s (inspect, then go test -run TestGolden -update):\n%s", golden, firstDiff(out.String(), string(want)))
			}
		})
	}
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return "line " + itoa(i+1) + "\n got: " + a + "\nwant: " + b
		}
	}
	return ""
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

// TestSeed checks the published expectations for the example cable.
func TestSeed(t *testing.T) {
	data, err := os.ReadFile("testdata/08MOSCOW235.txt")
	if err != nil {
		t.Fatal(err)
	}
	cables, fails := collect(t, "08MOSCOW235.txt", data, Options{})
	if len(cables) != 1 || len(fails) != 0 {
		t.Fatalf("cables %d failures %v", len(cables), fails)
	}
	c := cables[0]
	check := func(what, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %q, want %q", what, got, want)
		}
	}
	check("id", c.ID, "08MOSCOW235")
	check("created", c.Created.Format("2006-01-02T15:04:05Z07:00"), "2008-01-30T15:43:00Z")
	check("classification", c.Classification, graph.Confidential)
	check("origin", c.Origin, "Embassy Moscow")
	check("subject", c.Subject, "RUSSIA CONTINUES TO RESIST KOSOVO CDI")
	check("tags", strings.Join(c.Tags, " "), "PREL PTER UNSC KV RS")
	if len(c.References) != 1 || c.References[0].ID != "08MOSCOW149" {
		t.Errorf("references = %+v", c.References)
	}
	if c.ClassifiedBy == nil {
		t.Fatal("no classifiedBy")
	}
	check("classifier", c.ClassifiedBy.Name, "Alice G. Wells")
	check("classifier title", c.ClassifiedBy.Title, "Political Minister-Counselor")
	check("reasons", strings.Join(c.ClassifiedBy.Reasons, ";"), "1.4 (b/d)")
	check("signature", c.Signature, "BURNS")
	var nums []string
	for _, p := range c.Paragraphs {
		nums = append(nums, itoa(p.Number))
	}
	check("paragraphs", strings.Join(nums, ","), "1,2,3,4,5,6,7")
	if strings.Count(c.Body, "E.O. 12958") != 0 || strings.Contains(c.Body, "002 OF 002") || strings.Contains(c.Body, "Share this cable") {
		t.Errorf("body keeps header, page marker or footer:\n%s", c.Body)
	}
}
