package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/cablegraph/cablegraph/examples"
	"github.com/cablegraph/cablegraph/graph"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// TestGolden pins the whole extraction of the seed cable, so that any change
// in what is extracted shows up as a reviewed diff (go test -update).
func TestGolden(t *testing.T) {
	c := parseBytes(t, examples.Moscow235Name, []byte(examples.Moscow235))
	newTestExtractor(t).Extract(c)
	got, err := json.MarshalIndent(struct {
		TagInfo       []graph.Tag            `json:"tagInfo"`
		Persons       []graph.PersonMention  `json:"persons"`
		Countries     []graph.CountryMention `json:"countries"`
		Organizations []graph.OrgMention     `json:"organizations"`
		Interactions  []graph.Interaction    `json:"interactions"`
	}{c.TagInfo, c.Persons, c.Countries, c.Organizations, c.Interactions}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "golden", "08MOSCOW235.json")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("extraction of the seed differs from %s; run go test ./loader/extract -run TestGolden -update and review the diff", path)
	}
}

// TestTablesFile: Options.TablesFile extends the built-in tables.
func TestTablesFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "extra.tsv")
	if err := os.WriteFile(path, []byte("tag\tKXYZ\tMy Program\tprogram\ndemonym\tFreedonian\tXX\ncountry\tXX\tFreedonia\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	e, err := New(Options{TablesFile: path})
	if err != nil {
		t.Fatal(err)
	}
	if m, k, ok := e.TagMeaning("KXYZ"); !ok || m != "My Program" || k != "program" {
		t.Errorf("TagMeaning(KXYZ) = %q %q %v", m, k, ok)
	}
	if code, name, ok := e.CountryByName("Freedonian"); !ok || code != "XX" || name != "Freedonia" {
		t.Errorf("CountryByName(Freedonian) = %q %q %v", code, name, ok)
	}
	if _, err := New(Options{TablesFile: filepath.Join(t.TempDir(), "missing.tsv")}); err == nil {
		t.Error("New with a missing tables file did not fail")
	}
	if _, err := New(Options{GazetteerDir: t.TempDir()}); err == nil {
		t.Error("New with an empty gazetteer dir did not fail")
	}
}
