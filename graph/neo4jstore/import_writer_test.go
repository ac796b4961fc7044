package neo4jstore

import (
	"bufio"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/storetest"
)

func TestImportAppendValue(t *testing.T) {
	at := time.Date(2008, 1, 12, 10, 4, 5, 0, time.UTC)
	cases := []struct {
		name string
		typ  string
		v    any
		want string
		bad  bool
	}{
		{"nil is an absent property", colString, nil, "", false},
		{"empty string stays a string", colString, "", `""`, false},
		{"quotes doubled", colString, `say "no"`, `"say ""no"""`, false},
		{"newline kept inside quotes", colString, "a\nb", "\"a\nb\"", false},
		{"long", colLong, int64(-42), "-42", false},
		{"double", colDouble, 0.25, "0.25", false},
		{"bool", colBool, true, "true", false},
		{"datetime in UTC without offset", colDateTime, at, "2008-01-12T10:04:05", false},
		{"string list", colStrings, []any{"a", `b"c`}, "\"a\x1fb\"\"c\"", false},
		{"long list", colLongs, []any{int64(1), int64(2)}, "\"1\x1f2\"", false},
		{"empty list is absent", colStrings, []any{}, "", false},
		{"empty list element refused", colStrings, []any{"a", ""}, "", true},
		{"delimiter in element refused", colStrings, []any{"a\x1fb"}, "", true},
		{"string for a list refused", colStrings, "a", "", true},
		{"unknown type refused", colString, struct{}{}, "", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := &csvFile{}
			got, err := c.appendValue(nil, importColumn{key: "k", header: "k", typ: tc.typ}, tc.v)
			if tc.bad {
				if !errors.Is(err, graph.ErrInvalid) {
					t.Fatalf("got %q, %v; want ErrInvalid", got, err)
				}
				return
			}
			if err != nil || string(got) != tc.want {
				t.Fatalf("got %q, %v; want %q", got, err, tc.want)
			}
			if c.multiline != strings.Contains(tc.want, "\n") {
				t.Errorf("multiline = %v", c.multiline)
			}
		})
	}
}

// readCSV returns the data rows (header left out) of an import file,
// split on unquoted newlines.
func readCSV(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	start, quoted := 0, false
	for i, ch := range string(b) {
		switch {
		case ch == '"':
			quoted = !quoted
		case ch == '\n' && !quoted:
			rows = append(rows, string(b[start:i]))
			start = i + 1
		}
	}
	if len(rows) == 0 {
		t.Fatalf("%s has no header", path)
	}
	return rows[1:]
}

// TestImportWriterFiles writes the hand-built fixtures in two batches and
// checks every file against the Bolt writer's rows for the same cables:
// one line per relationship row, one per distinct shared node.
func TestImportWriterFiles(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "imp")
	w, err := NewImportWriter(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	cables := storetest.HandBuilt()
	hashes := hashesOf(cables)
	half := len(cables) / 2
	for _, part := range [][2]int{{0, half}, {half, len(cables)}} {
		if err := w.WriteCables(ctx, cables[part[0]:part[1]], hashes[part[0]:part[1]]); err != nil {
			t.Fatalf("write: %v", err)
		}
	}
	if err := w.WriteCables(ctx, cables[:1], hashes[:1]); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("a cable given twice: got %v, want ErrInvalid", err)
	}
	got, _ := w.CableHashes(ctx, []string{cables[0].ID, "nope"})
	if len(got) != 1 || got[cables[0].ID] != hashes[0] {
		t.Errorf("CableHashes = %v", got)
	}
	loaded := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := w.SetDataset(ctx, graph.DatasetInfo{Version: "v1", LoadedAt: &loaded, Cables: len(cables)}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(ctx); err != nil {
		t.Fatalf("close: %v", err)
	}
	if err := w.WriteCables(ctx, cables[:1], hashes[:1]); err == nil {
		t.Error("write after close accepted")
	}

	b, err := buildRows(cables, hashes)
	if err != nil {
		t.Fatal(err)
	}
	distinct := func(rows []any, key string) int {
		seen := map[string]bool{}
		for _, r := range rows {
			seen[r.(map[string]any)[key].(string)] = true
		}
		return len(seen)
	}
	want := map[string]int{
		"cables.csv": len(b.cables), "tagged.csv": len(b.tagged), "originated.csv": len(b.originated),
		"concerns.csv": len(b.concerns), "cites.csv": len(b.cites), "mentions_org.csv": len(b.mentionsOrg),
		"mentioned.csv": len(b.mentioned), "classified.csv": len(b.classified), "signed.csv": len(b.signed),
		"interacted.csv": len(b.interacted), "persons.csv": len(b.personKey), "tags.csv": distinct(b.tagged, "code"),
		"references.csv": len(b.refIDs), "organizations.csv": distinct(b.mentionsOrg, "key"),
		"dataset.csv": 1, "loadstate.csv": 3, // aggregates, partners and topic evidence
	}
	for file, n := range want {
		if rows := readCSV(t, filepath.Join(dir, file)); len(rows) != n {
			t.Errorf("%s: %d rows, want %d", file, len(rows), n)
		}
	}
	if n := len(readCSV(t, filepath.Join(dir, "countries.csv"))); n < distinct(b.concerns, "code") {
		t.Errorf("countries.csv: %d rows, fewer than the %d countries cables concern", n, distinct(b.concerns, "code"))
	}
	ids := map[string]bool{}
	for _, id := range b.ids {
		ids[id] = true
	}
	resolves := 0
	for _, id := range b.refIDs {
		if ids[id] {
			resolves++
		}
	}
	if n := len(readCSV(t, filepath.Join(dir, "resolves.csv"))); n != resolves {
		t.Errorf("resolves.csv: %d rows, want %d", n, resolves)
	}

	// import.args names every file once, with its label or type.
	f, err := os.Open(filepath.Join(dir, "import.args"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	named := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "--nodes=") || strings.HasPrefix(line, "--relationships=") {
			named[filepath.Base(line[strings.LastIndexByte(line, '=')+1:])] = true
		}
	}
	for _, file := range importFiles() {
		if !named[file.name] {
			t.Errorf("import.args does not name %s", file.name)
		}
	}
}

// TestImportWriterRefusesWholeBatch checks that a batch with a value the
// importer cannot carry leaves nothing of itself in the files.
func TestImportWriterRefusesWholeBatch(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "imp")
	w, err := NewImportWriter(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	good := storetest.HandBuilt()[:1]
	bad := *storetest.HandBuilt()[1]
	bad.Persons = append([]graph.PersonMention{{Key: "x", Name: "X", Aliases: []string{"a\x1fb"}}}, bad.Persons...)
	if err := w.WriteCables(ctx, []*graph.Cable{good[0], &bad}, []string{"h1", "h2"}); !errors.Is(err, graph.ErrInvalid) {
		t.Fatalf("got %v, want ErrInvalid", err)
	}
	if err := w.Close(ctx); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{"cables.csv", "tagged.csv", "mentioned.csv", "persons.csv"} {
		if rows := readCSV(t, filepath.Join(dir, file)); len(rows) != 0 {
			t.Errorf("%s kept %d rows of a refused batch", file, len(rows))
		}
	}
	if _, err := NewImportWriter(dir, nil); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("a non-empty import dir: got %v, want ErrInvalid", err)
	}
}

// BenchmarkImportWriter writes 1,000 real cables into import files and
// reports the writer's own cost per cable (rows, CSV encoding, folding
// the shared nodes), without parsing or extraction.
func BenchmarkImportWriter(b *testing.B) {
	cables, hashes := realCables(b, 1000)
	ctx := context.Background()
	for b.Loop() {
		w, err := NewImportWriter(filepath.Join(b.TempDir(), "imp"), nil)
		if err != nil {
			b.Fatal(err)
		}
		for i := 0; i < len(cables); i += 500 {
			j := min(i+500, len(cables))
			if err := w.WriteCables(ctx, cables[i:j], hashes[i:j]); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(cables)), "µs/cable")
}
