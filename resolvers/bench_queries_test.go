package resolvers_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/examples"
	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/internal/testenv"
	"github.com/cablegraph/cablegraph/loader"
	"github.com/cablegraph/cablegraph/loader/extract"
	"github.com/cablegraph/cablegraph/resolvers/e2etest"
)

// BenchmarkBenchQueries asks the six queries of bench/queries/cablegraph.json
// (the ones scripts/bench-api.sh sends) over HTTP against the embedded
// store loaded with the shared corpus, one sub-benchmark per query, so that
// a profile (-cpuprofile) shows where each one spends its time in process.
func BenchmarkBenchQueries(b *testing.B) {
	dir := filepath.Join(testenv.Shared(b, ""), "data", "cables", "cablegate-html-fragments", "cable")
	if _, err := os.Stat(dir); err != nil {
		b.Skip("../shared/data/cables not present: ", err)
	}
	raw, err := os.ReadFile(filepath.Join("..", "bench", "queries", "cablegraph.json"))
	if err != nil {
		b.Fatal(err)
	}
	var queries map[string]struct {
		Query     string         `json:"query"`
		Variables map[string]any `json:"variables"`
	}
	if err := json.Unmarshal(raw, &queries); err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Minute)
	defer cancel()
	ex, err := extract.New(extract.Options{})
	if err != nil {
		b.Fatal(err)
	}
	store := memstore.New()
	src := loader.Source{Blobs: []loader.Blob{{Name: examples.Moscow235Name, Data: examples.Moscow235}}, Paths: []string{dir}}
	if _, err := loader.Load(ctx, store, ex, src, loader.Options{}); err != nil {
		b.Fatal(err)
	}
	srv := e2etest.Server(b, store, nil)
	names := make([]string, 0, len(queries))
	for name := range queries {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		q := queries[name]
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if resp := e2etest.Query(b, srv.URL+"/graphql", q.Query, q.Variables); len(resp.Errors) > 0 {
					b.Fatalf("%s: %s", name, resp.ErrorText())
				}
			}
		})
	}
}
