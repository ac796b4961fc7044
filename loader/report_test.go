package loader_test

import (
	"bytes"
	"flag"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/loader"
	"github.com/cablegraph/cablegraph/loader/parse"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		writeFile(t, path, got)
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./loader -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test ./loader -update rewrites it):\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

func TestSummaryWrite(t *testing.T) {
	fails := []parse.Failure{
		{Path: "cables/a.html", Line: 1, Reason: "unknown format (not a cable in any supported format)"},
		{Path: "cables.csv", Record: 7, Line: 120, Reason: "no cable id found"},
		{Path: "cables.csv", Record: 9, Line: 200, Reason: "record larger than 64 bytes"},
	}
	base := loader.Summary{
		Read: 1003, Loaded: 900, Unchanged: 99, Failed: 3, Duplicates: 1, Cables: 999, Batches: 2,
		Bytes: 12_500_000, Duration: 2500 * time.Millisecond, Version: "abc123", Failures: fails,
	}
	clean := loader.Summary{Read: 10, Loaded: 10, Cables: 10, Bytes: 1_000_000, Duration: time.Second, Version: "v1"}
	stopped := base
	stopped.Dropped, stopped.Version = 4, ""
	tests := []struct {
		name  string
		sum   loader.Summary
		max   int
		file  string
		final string
	}{
		{"clean", clean, 20, "", "summary-clean.golden"},
		{"failures-all-shown", base, 20, "", "summary-failures.golden"},
		{"failures-capped", base, 1, "", "summary-capped.golden"},
		{"failures-to-file", base, 1, "fail.tsv", "summary-file.golden"},
		{"stopped-early", stopped, 20, "", "summary-stopped.golden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tt.sum.Write(&buf, tt.max, tt.file); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.final, buf.Bytes())
		})
	}
}

func TestFormatFailureKeepsOneLine(t *testing.T) {
	got := loader.FormatFailure(parse.Failure{Path: "a\tb.html", Record: 2, Line: 3, Reason: "bad\nthing"})
	if want := "a b.html\t2\t3\tbad thing\n"; got != want {
		t.Errorf("FormatFailure = %q, want %q", got, want)
	}
}

func TestSnapshotEstimates(t *testing.T) {
	tests := []struct {
		name     string
		s        loader.Snapshot
		rate     float64
		eta      time.Duration
		etaKnown bool
	}{
		{"half way", loader.Snapshot{Loaded: 80, Unchanged: 20, Bytes: 50, TotalBytes: 100, Elapsed: 10 * time.Second}, 10, 10 * time.Second, true},
		{"quarter", loader.Snapshot{Loaded: 10, Bytes: 25, TotalBytes: 100, Elapsed: 5 * time.Second}, 2, 15 * time.Second, true},
		{"stdin, size unknown", loader.Snapshot{Loaded: 10, Bytes: 25, Elapsed: 5 * time.Second}, 2, 0, false},
		{"nothing yet", loader.Snapshot{TotalBytes: 100}, 0, 0, false},
		{"phase 2 measures the spooled cables", loader.Snapshot{Loaded: 20, Unchanged: 5, Bytes: 100, TotalBytes: 100, Spooled: 100, Elapsed: 50 * time.Second, Phase2: 3 * time.Second}, 0.5, 9 * time.Second, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.s.Rate(); got != tt.rate {
				t.Errorf("Rate = %v, want %v", got, tt.rate)
			}
			eta, ok := tt.s.ETA()
			if ok != tt.etaKnown || eta.Round(time.Millisecond) != tt.eta {
				t.Errorf("ETA = %v, %v; want %v, %v", eta, ok, tt.eta, tt.etaKnown)
			}
		})
	}
}

func TestBarLine(t *testing.T) {
	tests := []struct {
		name  string
		s     loader.Snapshot
		final bool
		want  string
	}{
		{"running", loader.Snapshot{Read: 150, Loaded: 80, Unchanged: 20, Failed: 2, Bytes: 5e6, TotalBytes: 10e6, Elapsed: 10 * time.Second}, false,
			"[############------------]  50% 150 read (15/s, 0.5 MB/s), 100 stored (80 new, 20 unchanged), ETA 10s, 2 failed"},
		{"stdin", loader.Snapshot{Read: 5, Bytes: 1e6, Elapsed: time.Second}, false,
			"5 read (5.0/s, 1.0 MB/s), 0 stored (0 new, 0 unchanged)"},
		{"phase 2", loader.Snapshot{Read: 100, Loaded: 25, Bytes: 10e6, TotalBytes: 10e6, Spooled: 100, Elapsed: 10 * time.Second, Phase2: time.Second}, false,
			"[######------------------]  25% resolved person keys, writing: 100 read (10/s, 1.0 MB/s), 25 stored (25 new, 0 unchanged), ETA 3s"},
		{"final", loader.Snapshot{Read: 100, Loaded: 100, Bytes: 10e6, TotalBytes: 10e6, Elapsed: 4 * time.Second}, true,
			"[########################] 100% 100 read (25/s, 2.5 MB/s), 100 stored (100 new, 0 unchanged), 4s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := loader.BarLine(tt.s, tt.final); got != tt.want {
				t.Errorf("BarLine =\n%q, want\n%q", got, tt.want)
			}
		})
	}
}

func TestBarRedrawsOneLine(t *testing.T) {
	var buf bytes.Buffer
	bar := loader.NewBar(&buf)
	bar.Update(loader.Snapshot{Loaded: 123456, Bytes: 1, TotalBytes: 100, Elapsed: time.Second})
	bar.Update(loader.Snapshot{Loaded: 1, Elapsed: time.Second})
	bar.Finish(loader.Snapshot{Loaded: 2, Elapsed: time.Second})
	out := buf.String()
	if n := bytes.Count(buf.Bytes(), []byte("\n")); n != 1 || out[len(out)-1] != '\n' {
		t.Errorf("bar wrote %d newlines, want exactly one at the end: %q", n, out)
	}
	if n := bytes.Count(buf.Bytes(), []byte("\r")); n != 3 {
		t.Errorf("bar wrote %d carriage returns, want 3: %q", n, out)
	}
}

func TestDatasetVersionIgnoresOrderButNotContent(t *testing.T) {
	a := loader.DatasetVersion(map[string]string{"01A": "h1", "02B": "h2"})
	b := loader.DatasetVersion(map[string]string{"02B": "h2", "01A": "h1"})
	c := loader.DatasetVersion(map[string]string{"01A": "h1", "02B": "h3"})
	d := loader.DatasetVersion(map[string]string{"01A": "h1"})
	if a != b {
		t.Errorf("version depends on map order: %s vs %s", a, b)
	}
	if a == c || a == d || len(a) != 64 {
		t.Errorf("versions %s %s %s should differ and be hex sha256", a, c, d)
	}
}

func TestLogProgressLines(t *testing.T) {
	var buf bytes.Buffer
	p := loader.NewLogProgress(slog.New(slog.NewTextHandler(&buf, nil)), 0)
	if p.Every() != 5*time.Second {
		t.Errorf("default interval %v, want 5s", p.Every())
	}
	s := loader.Snapshot{Read: 30, Loaded: 20, Unchanged: 5, Failed: 1, Bytes: 25, TotalBytes: 100, Elapsed: 10 * time.Second}
	p.Update(s)
	p.Finish(s)
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d lines, want 2:\n%s", len(lines), buf.String())
	}
	for _, want := range []string{"msg=loading", "read=30", "loaded=20", "unchanged=5", "failed=1", "cables_per_s=2.5", "percent=25", "eta=30s"} {
		if !strings.Contains(lines[0], want) {
			t.Errorf("progress line lacks %s: %s", want, lines[0])
		}
	}
	if !strings.Contains(lines[1], `msg="load finished"`) || strings.Contains(lines[1], "eta=") {
		t.Errorf("final line should say finished without an ETA: %s", lines[1])
	}
}
