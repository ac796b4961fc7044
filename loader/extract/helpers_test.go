package extract

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/loader/parse"
)

// moduleRoot walks up from the working directory to go.mod.
func moduleRoot(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("go.mod not found above the test's working directory")
		}
		dir = parent
	}
}

// sharedDir returns ../shared relative to the module root, or skips.
func sharedDir(tb testing.TB, sub string) string {
	tb.Helper()
	d := filepath.Join(moduleRoot(tb), "..", "shared", sub)
	if _, err := os.Stat(d); err != nil {
		tb.Skipf("../shared/%s not present: %v", sub, err)
	}
	return d
}

// parseBytes parses one cable file's bytes with the project's parser.
func parseBytes(tb testing.TB, path string, data []byte) *graph.Cable {
	tb.Helper()
	var out *graph.Cable
	err := parse.Records(context.Background(), path, bytes.NewReader(data), parse.Options{}, func(rec parse.Record) error {
		c, err := parse.ParseRecord(rec)
		if err != nil {
			return err
		}
		if out == nil {
			out = c
		}
		return nil
	}, func(f *parse.Failure) { tb.Errorf("parse %s: %v", path, f) })
	if err != nil {
		tb.Fatalf("parse %s: %v", path, err)
	}
	if out == nil {
		tb.Fatalf("parse %s: no cable", path)
	}
	return out
}

func parseFile(tb testing.TB, path string) *graph.Cable {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return parseBytes(tb, path, data)
}

func newTestExtractor(tb testing.TB) *Extractor {
	tb.Helper()
	e, err := New(Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return e
}
