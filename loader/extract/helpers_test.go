package extract

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/cablegraph/cablegraph/internal/testenv"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/loader/parse"
)

func moduleRoot(tb testing.TB) string {
	return testenv.Root(tb)
}

func sharedDir(tb testing.TB, sub string) string {
	return testenv.Shared(tb, sub)
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
