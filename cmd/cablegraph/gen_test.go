package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cablegraph/cablegraph/examples"
	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/loader"
)

// seedDir writes the embedded example cable into a fresh directory.
func seedDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, examples.Moscow235Name), []byte(examples.Moscow235), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// parseBack parses a generated corpus with the real loader pipeline.
func parseBack(t *testing.T, path string) ([]*graph.Cable, int) {
	t.Helper()
	var cables []*graph.Cable
	failed := 0
	err := loader.Stream(context.Background(), nil, loader.Source{Paths: []string{path}}, loader.Options{Workers: 2},
		func(it loader.Item) error {
			if it.Failure != nil {
				failed++
				t.Logf("failure: %s: %s", loader.Where(*it.Failure), it.Failure.Reason)
				return nil
			}
			cables = append(cables, it.Cable)
			return nil
		})
	if err != nil {
		t.Fatalf("parsing the generated corpus back: %v", err)
	}
	return cables, failed
}

func TestGenWritesACorpusTheParserReadsBack(t *testing.T) {
	src := seedDir(t)
	out := filepath.Join(t.TempDir(), "cables.csv")
	_, stderr, err := runCmd(t, context.Background(), nil, "gen", "--from", src, "--count", "200", "--seed", "3", "--out", out)
	if err != nil {
		t.Fatalf("gen: %v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "wrote 200 cables") {
		t.Errorf("summary does not state the cable count:\n%s", stderr)
	}
	info, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr, strconv.FormatInt(info.Size(), 10)+" bytes") {
		t.Errorf("summary does not state the %d bytes written:\n%s", info.Size(), stderr)
	}
	cables, failed := parseBack(t, out)
	if failed != 0 || len(cables) != 200 {
		t.Fatalf("parsed back %d cables with %d failures, want 200 and 0", len(cables), failed)
	}
	ids := map[string]bool{}
	for _, c := range cables {
		if ids[c.ID] {
			t.Errorf("duplicate id %s", c.ID)
		}
		ids[c.ID] = true
		if c.Subject == "" || len(c.Paragraphs) == 0 || c.Created == nil {
			t.Errorf("cable %s lacks subject, paragraphs or date: %q, %d paragraphs, created %v", c.ID, c.Subject, len(c.Paragraphs), c.Created)
		}
	}
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".*.tmp")); len(leftovers) != 0 {
		t.Errorf("temporary files left behind: %v", leftovers)
	}
}

func TestGenIsDeterministicAndGzipsOnSuffix(t *testing.T) {
	src := seedDir(t)
	dir := t.TempDir()
	gen := func(name, seed string) []byte {
		t.Helper()
		out := filepath.Join(dir, name)
		if _, stderr, err := runCmd(t, context.Background(), nil, "gen", src, "--count", "150", "--seed", seed, "--out", out); err != nil {
			t.Fatalf("gen %s: %v\n%s", name, err, stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(name, ".gz") {
			zr, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("%s is not gzip: %v", name, err)
			}
			if b, err = io.ReadAll(zr); err != nil {
				t.Fatalf("reading %s: %v", name, err)
			}
		}
		return b
	}
	a, b, gz, other := gen("a.csv", "9"), gen("b.csv", "9"), gen("c.csv.gz", "9"), gen("d.csv", "10")
	if len(a) == 0 {
		t.Fatal("empty corpus")
	}
	if !bytes.Equal(a, b) {
		t.Error("same seed gave different bytes")
	}
	if !bytes.Equal(a, gz) {
		t.Error("the .gz output does not decompress to the plain output")
	}
	if bytes.Equal(a, other) {
		t.Error("a different seed gave the same bytes")
	}
	cables, failed := parseBack(t, filepath.Join(dir, "c.csv.gz"))
	if failed != 0 || len(cables) != 150 {
		t.Errorf("parsed the .gz back to %d cables with %d failures, want 150 and 0", len(cables), failed)
	}
}

func TestGenFromSharedCables(t *testing.T) {
	shared := sharedDir(t)
	frag := filepath.Join(shared, "data", "cables", "cablegate-html-fragments", "cable", "2008")
	if _, err := os.Stat(frag); err != nil {
		t.Skipf("../shared/data/cables not present: %v", err)
	}
	out := filepath.Join(t.TempDir(), "cables.csv")
	if _, stderr, err := runCmd(t, context.Background(), nil, "gen", "--from", frag, "--count", "250", "--out", out); err != nil {
		t.Fatalf("gen: %v\n%s", err, stderr)
	}
	cables, failed := parseBack(t, out)
	if failed != 0 || len(cables) != 250 {
		t.Fatalf("parsed back %d cables with %d failures, want 250 and 0", len(cables), failed)
	}
	origins := map[string]bool{}
	for _, c := range cables {
		origins[c.Origin] = true
	}
	if len(origins) < 10 {
		t.Errorf("250 cables from a year of real cables came from only %d posts; the generator should spread them", len(origins))
	}
}

func TestGenUsageErrors(t *testing.T) {
	src := seedDir(t)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no source", []string{"gen", "--out", "x.csv"}, "--from"},
		{"no output", []string{"gen", "--from", src}, "--out"},
		{"zero count", []string{"gen", "--from", src, "--out", "x.csv", "--count", "0"}, "--count"},
		{"bad flag", []string{"gen", "--bogus"}, "bogus"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := runCmd(t, context.Background(), nil, tt.args...)
			var u *usageError
			if !errors.As(err, &u) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want a usage error mentioning %q", err, tt.want)
			}
		})
	}
}

func TestGenFailsOnSourcesWithoutCables(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "junk.txt"), []byte("not a cable at all\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "cables.csv")
	_, _, err := runCmd(t, context.Background(), nil, "gen", "--from", dir, "--count", "10", "--out", out)
	if err == nil {
		t.Fatal("gen succeeded without any usable source cable")
	}
	if _, serr := os.Stat(out); serr == nil {
		t.Error("an output file was written although gen failed")
	}
}

func TestGenHonoursCancel(t *testing.T) {
	src := seedDir(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := filepath.Join(t.TempDir(), "cables.csv")
	_, _, err := runCmd(t, ctx, nil, "gen", "--from", src, "--count", "100000", "--out", out)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
	if _, serr := os.Stat(out); serr == nil {
		t.Error("a cancelled gen left an output file")
	}
}
