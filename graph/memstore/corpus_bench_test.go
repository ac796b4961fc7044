package memstore_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/loader/extract"
	"github.com/cablegraph/cablegraph/loader/parse"
)

// corpus parses and extracts every cable of the shared HTML fragments.
func corpus(b testing.TB) []*graph.Cable {
	b.Helper()
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			b.Skip("../shared/data/cables not present: no module root found")
		}
		dir = parent
	}
	root := filepath.Join(dir, "..", "shared", "data", "cables", "cablegate-html-fragments", "cable")
	if _, err := os.Stat(root); err != nil {
		b.Skipf("../shared/data/cables not present: %v", err)
	}
	ex, err := extract.New(extract.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var out []*graph.Cable
	err = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".html" {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		c, err := parse.ParseRecord(parse.Record{Path: path, Format: graph.FormatHTML, Line: 1, Data: data})
		if err != nil {
			b.Logf("skip %s: %v", path, err)
			return nil
		}
		ex.Extract(c)
		out = append(out, c)
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return out
}

// BenchmarkLoadSharedCorpus writes all shared cables twice (the second
// write must leave identical counts) and reports write throughput and the
// heap the graph holds beyond the parsed corpus.
func BenchmarkLoadSharedCorpus(b *testing.B) {
	cs := corpus(b)
	hs := hashes(cs)
	ctx := context.Background()
	var base runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&base) // the parsed corpus itself, not the store
	b.ResetTimer()
	for b.Loop() {
		s := memstore.New()
		var first *graph.Stats
		for pass := range 2 {
			for i := 0; i < len(cs); i += 1000 {
				j := min(i+1000, len(cs))
				if err := s.WriteCables(ctx, cs[i:j], hs[i:j]); err != nil {
					b.Fatal(err)
				}
			}
			st, err := s.Stats(ctx)
			if err != nil {
				b.Fatal(err)
			}
			if pass == 0 {
				first = st
				b.Logf("%d cables: nodes %v relationships %v", len(cs), st.Nodes, st.Relationships)
				continue
			}
			for k, v := range first.Nodes {
				if st.Nodes[k] != v {
					b.Errorf("second load changed %s nodes: %d -> %d", k, v, st.Nodes[k])
				}
			}
			for k, v := range first.Relationships {
				if st.Relationships[k] != v {
					b.Errorf("second load changed %s relationships: %d -> %d", k, v, st.Relationships[k])
				}
			}
		}
		var m runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m)
		b.ReportMetric(float64(int64(m.HeapAlloc)-int64(base.HeapAlloc))/(1<<20), "storeMiB")
		runtime.KeepAlive(s)
	}
	b.ReportMetric(float64(2*len(cs)*b.N)/b.Elapsed().Seconds(), "cables/s")
}
