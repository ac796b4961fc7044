package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/cablegraph/cablegraph/internal/testenv"

	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/loader"
	"github.com/cablegraph/cablegraph/loader/extract"
	"github.com/cablegraph/cablegraph/resolvers"
)

// moduleShared is ../shared beside the module; it skips unless its cables
// are there.
func moduleShared(tb testing.TB) string {
	testenv.Shared(tb, "data/cables")
	return testenv.Shared(tb, "")
}

type namedQuery struct {
	Query     string         `json:"query"`
	Variables map[string]any `json:"variables"`
}

// handlerOver loads the cables under BENCH_CABLES (default: the 2006
// fragments, which hold the cable the query files ask for) into a memstore
// and returns the GraphQL handler serve would use.
func handlerOver(tb testing.TB) http.Handler {
	tb.Helper()
	src := os.Getenv("BENCH_CABLES")
	if src == "" {
		src = filepath.Join(moduleShared(tb), "data", "cables", "cablegate-html-fragments", "cable", "2006")
	}
	ext, err := extract.New(extract.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	store := memstore.New()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	sum, err := loader.Load(context.Background(), store, ext, loader.Source{Paths: []string{src}}, loader.Options{Logger: log})
	if err != nil {
		tb.Fatalf("loading %s: %v", src, err)
	}
	if sum.Loaded == 0 {
		tb.Fatalf("no cable loaded from %s", src)
	}
	h, err := resolvers.NewHandler(resolvers.Config{Store: store, Topics: ext, Logger: log})
	if err != nil {
		tb.Fatal(err)
	}
	return h
}

func readQueries(tb testing.TB) map[string]namedQuery {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join("queries", "cablegraph.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var qs map[string]namedQuery
	if err := json.Unmarshal(raw, &qs); err != nil {
		tb.Fatalf("queries/cablegraph.json: %v", err)
	}
	return qs
}

// ask posts one query to h and fails on a transport or GraphQL error.
func ask(tb testing.TB, h http.Handler, body []byte) []byte {
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var out struct {
		Errors []json.RawMessage `json:"errors"`
	}
	if rec.Code != http.StatusOK {
		tb.Fatalf("status %d: %.300s", rec.Code, rec.Body.String())
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || len(out.Errors) > 0 {
		tb.Fatalf("bad answer (%v): %.300s", err, rec.Body.String())
	}
	return rec.Body.Bytes()
}

// BenchmarkQueries runs every query of queries/cablegraph.json in process
// on the embedded store. Profile one with
//
//	go test -run '^$' -bench 'Queries/discussions' -cpuprofile cpu.prof ./bench && go tool pprof -top cpu.prof
func BenchmarkQueries(b *testing.B) {
	h := handlerOver(b)
	qs := readQueries(b)
	names := make([]string, 0, len(qs))
	for n := range qs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		body, err := json.Marshal(qs[n])
		if err != nil {
			b.Fatal(err)
		}
		b.Run(n, func(b *testing.B) {
			for b.Loop() {
				ask(b, h, body)
			}
		})
	}
}

// TestQueriesAnswer checks that every benchmark query is valid against the
// schema and answers without errors, so that the load generator measures
// answers and not error paths.
func TestQueriesAnswer(t *testing.T) {
	if testing.Short() {
		t.Skip("loads ~760 real cables; skipped with -short")
	}
	h := handlerOver(t)
	for name, q := range readQueries(t) {
		t.Run(name, func(t *testing.T) {
			body, err := json.Marshal(q)
			if err != nil {
				t.Fatal(err)
			}
			var out struct {
				Data map[string]json.RawMessage `json:"data"`
			}
			if err := json.Unmarshal(ask(t, h, body), &out); err != nil {
				t.Fatal(err)
			}
			if len(out.Data) == 0 {
				t.Fatalf("%s returned no data", name)
			}
			for k, v := range out.Data {
				if string(v) == "null" {
					t.Errorf("%s: %s is null", name, k)
				}
			}
		})
	}
}
