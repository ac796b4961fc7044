package parse

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
)

// collect runs Records and ParseRecord over one input.
func collect(t *testing.T, path string, data []byte, opts Options) ([]*graph.Cable, []*Failure) {
	t.Helper()
	var (
		cables []*graph.Cable
		fails  []*Failure
	)
	err := Records(context.Background(), path, bytes.NewReader(data), opts, func(rec Record) error {
		c, err := ParseRecord(rec)
		if err != nil {
			fails = append(fails, err.(*Failure))
			return nil
		}
		cables = append(cables, c)
		return nil
	}, func(f *Failure) { fails = append(fails, f) })
	if err != nil {
		t.Fatalf("Records(%s): %v", path, err)
	}
	return cables, fails
}

func TestCSVFixture(t *testing.T) {
	data, err := os.ReadFile("testdata/cables.csv")
	if err != nil {
		t.Fatal(err)
	}
	cables, fails := collect(t, "testdata/cables.csv", data, Options{})
	var ids []string
	for _, c := range cables {
		ids = append(ids, c.ID)
	}
	if got := strings.Join(ids, " "); got != "08PRISTINA148 08STATE12345 08MOSCOW1000" {
		t.Errorf("ids = %q: the rows around the broken one must all be parsed", got)
	}
	if len(fails) != 1 || fails[0].Record != 3 || fails[0].Line == 0 || !strings.Contains(fails[0].Reason, "quot") {
		t.Fatalf("failures = %v, want one broken-quote failure for record 3", fails)
	}
	if len(cables) != 3 {
		return
	}
	p := cables[0]
	if p.Created == nil || p.Created.Format("2006-01-02T15:04") != "2008-03-02T15:00" || p.DTG != "021500Z MAR 08" || p.Precedence != "PRIORITY" {
		t.Errorf("pristina dates: created %v dtg %q precedence %q", p.Created, p.DTG, p.Precedence)
	}
	if p.Subject != `KOSOVO: ASSEMBLY DEBATES "STATUS" LAW` {
		t.Errorf("backslash-escaped quotes: subject = %q", p.Subject)
	}
	if p.Classification != graph.Unclassified || p.Signature != "KAIDANOW" || len(p.Paragraphs) != 2 {
		t.Errorf("pristina: %q %q %d paragraphs", p.Classification, p.Signature, len(p.Paragraphs))
	}
	if len(p.References) != 2 || p.References[0].ID != "08PRISTINA100" || p.References[1].ID != "07BELGRADE1234" {
		t.Errorf("pristina refs = %+v", p.References)
	}
	if strings.Contains(p.Body, "00000148 002 OF 002") {
		t.Errorf("page marker left in body: %q", p.Body)
	}
	s := cables[1]
	if s.ClassifiedBy == nil || s.ClassifiedBy.Name != "Daniel Fried" || s.Signature != "RICE" || s.Declassify != "2018-01-15" {
		t.Errorf("state cable: %+v sig %q decl %q", s.ClassifiedBy, s.Signature, s.Declassify)
	}
	if m := cables[2]; m.Classification != graph.SecretNF || m.Paragraphs[0].Marking != "S/NF" {
		t.Errorf("moscow: %q %+v", m.Classification, m.Paragraphs)
	}
}

func TestBadInputs(t *testing.T) {
	tests := []struct {
		name     string
		path     string
		data     []byte
		opts     Options
		cables   int
		failures int
	}{
		{"empty file", "empty.txt", nil, Options{}, 0, 1},
		{"binary junk", "junk.bin", []byte("\x00\x01\x02\xff\xfe binary \x00 junk"), Options{}, 0, 1},
		{"binary forced as telegram", "junk.bin", []byte("\x00\x01\x02\xff\xfe binary \x00 junk"), Options{Format: graph.FormatTelegram}, 0, 1},
		{"truncated html", "x.html", []byte("<h3>Viewing cable 08MOSCOW235, RUSSIA</h3>\n<table class='cable'><tr><th>Reference ID</th></tr><tr><td>08MOSCOW235</td></tr></table><code><pre>C O N F I D E N T I A L MOSCOW 000235&#x000A;SUBJECT: TRUNC"), Options{}, 1, 0},
		{"html without id", "x.html", []byte("<html><body><pre>nothing</pre></body></html>"), Options{}, 0, 1},
		{"csv wrong column count", "x.csv", []byte("\"1\",\"1/2/2008 10:00\",\"08A1\"\n"), Options{}, 0, 1},
		{"record over the cap", "big.txt", append([]byte("UNCLAS MOSCOW 000001\nSUBJECT: X\n"), bytes.Repeat([]byte("A"), 4096)...), Options{MaxRecordBytes: 1024}, 0, 1},
		{"csv record over the cap then a good row", "x.csv", []byte("\"1\",\"1/2/2008 10:00\",\"08MOSCOW1\",\"E\",\"SECRET\",\"\",\"\",\"" + strings.Repeat("A", 4096) + "\"\n\"2\",\"1/2/2008 10:00\",\"08MOSCOW2\",\"E\",\"SECRET\",\"\",\"\",\"SUBJECT: OK\"\n"), Options{MaxRecordBytes: 1024}, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cables, fails := collect(t, tt.path, tt.data, tt.opts)
			if len(cables) != tt.cables || len(fails) != tt.failures {
				t.Errorf("cables %d failures %v, want %d and %d", len(cables), fails, tt.cables, tt.failures)
			}
			for _, f := range fails {
				if f.Path != tt.path || f.Reason == "" {
					t.Errorf("failure %+v lacks path or reason", f)
				}
			}
		})
	}
}

// TestHugeSingleLine feeds a 50 MB line without newline: it must be
// reported, bounded in memory by the cap, and not hang.
func TestHugeSingleLine(t *testing.T) {
	if testing.Short() {
		t.Skip("50 MB input skipped in -short mode")
	}
	line := bytes.Repeat([]byte("X"), 50<<20)
	data := append([]byte(`"1","1/2/2008 10:00","08MOSCOW1","E","SECRET","","","`), line...)
	cables, fails := collect(t, "huge.csv", data, Options{MaxRecordBytes: 1 << 20})
	if len(cables) != 0 || len(fails) != 1 {
		t.Fatalf("cables %d failures %v, want one failure", len(cables), fails)
	}
	cables, fails = collect(t, "huge.txt", append([]byte("UNCLAS MOSCOW 000001\n"), line...), Options{MaxRecordBytes: 1 << 20})
	if len(cables) != 0 || len(fails) != 1 || !strings.Contains(fails[0].Reason, "larger") {
		t.Fatalf("cables %d failures %v, want one size failure", len(cables), fails)
	}
}

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	seed, err := os.ReadFile("testdata/08MOSCOW235.txt")
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(dir, "sub"), 0o755))
	must(os.WriteFile(filepath.Join(dir, "b.txt"), seed, 0o644))
	must(os.WriteFile(filepath.Join(dir, "index.csv"), []byte("reference_id\n"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "PROVENANCE.txt"), []byte("source"), 0o644))
	must(os.WriteFile(filepath.Join(dir, ".hidden"), seed, 0o644))
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, err = zw.Write(seed)
	must(err)
	must(zw.Close())
	must(os.WriteFile(filepath.Join(dir, "sub", "a.txt.gz"), gz.Bytes(), 0o644))

	var seen []string
	var fails []*Failure
	err = Open(context.Background(), []string{dir, filepath.Join(dir, "missing"), "-"}, strings.NewReader(string(seed)),
		func(path string, r io.Reader) error {
			b, err := io.ReadAll(r)
			if err != nil {
				return err
			}
			if !bytes.Equal(b, seed) {
				t.Errorf("%s: content differs (gzip not decompressed?)", path)
			}
			seen = append(seen, strings.TrimPrefix(path, dir))
			return nil
		}, func(f *Failure) { fails = append(fails, f) })
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(seen, " "); got != "/b.txt /sub/a.txt.gz -" {
		t.Errorf("inputs = %q", got)
	}
	if len(fails) != 1 || !strings.HasSuffix(fails[0].Path, "missing") {
		t.Errorf("failures = %v, want the missing path", fails)
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name, head, want string
	}{
		{"x.txt", "Identifier\nCreated\n", graph.FormatPage},
		{"x.html", "<h3>Viewing cable 08X1, Y</h3>\n<table class='cable'>", graph.FormatHTML},
		{"x.txt", "<code><pre>C O N F I D E N T I A L", graph.FormatBody},
		{"x.txt", "Appears in these articles:<br />\n", graph.FormatBody},
		{"cables.csv", `"1","12/28/1966 18:48","66BUENOSAIRES2481",`, graph.FormatCSV},
		{"x", "VZCZCXRO5116\nOO RUEHFL\n", graph.FormatTelegram},
		{"x", "C O N F I D E N T I A L MOSCOW 000235\n", graph.FormatTelegram},
		{"x", "\x00\x01junk", ""},
		{"x", "", ""},
	}
	for _, tt := range tests {
		if got := Detect(tt.name, []byte(tt.head)); got != tt.want {
			t.Errorf("Detect(%q, %q) = %q, want %q", tt.name, tt.head, got, tt.want)
		}
	}
}
