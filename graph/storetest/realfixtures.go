package storetest

import (
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/cablegraph/cablegraph/internal/testenv"

	"github.com/cablegraph/cablegraph/examples"
	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/loader/extract"
	"github.com/cablegraph/cablegraph/loader/parse"
)

// RealCables is how many real cables Fixtures adds from the shared corpus.
const RealCables = 150

// sharedDir finds ../shared beside the module root, or "" when absent.
func sharedDir() string {
	return testenv.Find("")
}

// realFixtures returns the seed (embedded, always there) and RealCables
// cables spread over ../shared/data/cables/cablegate-html-fragments, parsed
// by loader/parse and extracted by loader/extract for real. Cables the
// parser rejects are logged and left out (the parser's own tests own that).
func realFixtures(t testing.TB) []*graph.Cable {
	t.Helper()
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatalf("extract.New: %v", err)
	}
	var out []*graph.Cable
	one := func(path, format string, data []byte) {
		c, err := parse.ParseRecord(parse.Record{Path: path, Format: format, Line: 1, Data: data})
		if err != nil {
			t.Logf("fixture %s not parsed: %v", path, err)
			return
		}
		ex.Extract(c)
		out = append(out, c)
	}
	one("examples/"+examples.Moscow235Name, graph.FormatPage, examples.Moscow235)

	shared := sharedDir()
	if shared == "" {
		t.Logf("../shared/data/cables not present: using the hand-built fixtures and the seed only")
		return out
	}
	root := filepath.Join(shared, "data", "cables", "cablegate-html-fragments")
	f, err := os.Open(filepath.Join(root, "index.csv"))
	if err != nil {
		t.Logf("../shared/data/cables not present (%v): using the hand-built fixtures and the seed only", err)
		return out
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		t.Fatalf("index.csv: %v", err)
	}
	col := -1
	for i, h := range header {
		if h == "path" {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("index.csv has no path column: %v", header)
	}
	var paths []string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("index.csv: %v", err)
		}
		paths = append(paths, rec[col])
	}
	for _, p := range sample(paths, RealCables) {
		data, err := os.ReadFile(filepath.Join(root, p))
		if err != nil {
			t.Fatalf("fixture %s: %v", p, err)
		}
		one(p, graph.FormatHTML, data)
	}
	return out
}
