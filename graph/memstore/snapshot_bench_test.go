package memstore_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
)

// benchSnapshot writes n cables built by gen into a store, then times
// writing its snapshot to a file and restoring a store from it, and
// reports both against the time the direct writes took.
func benchSnapshot(b *testing.B, n int, gen func(i int) *graph.Cable) {
	ctx := context.Background()
	src := memstore.New()
	var direct time.Duration
	for i := 0; i < n; i += 1000 {
		cs := make([]*graph.Cable, 0, 1000)
		for j := i; j < min(i+1000, n); j++ {
			cs = append(cs, gen(j))
		}
		t := time.Now()
		if err := src.WriteCables(ctx, cs, hashes(cs)); err != nil {
			b.Fatal(err)
		}
		direct += time.Since(t)
	}
	want, err := src.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "bench.snap")
	b.ResetTimer()
	for b.Loop() {
		t := time.Now()
		if _, err := src.SaveSnapshot(ctx, path, "bench", ""); err != nil {
			b.Fatal(err)
		}
		save := time.Since(t)
		fi, err := os.Stat(path)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		t = time.Now()
		got, _, err := memstore.OpenSnapshot(ctx, path, "bench")
		if err != nil {
			b.Fatal(err)
		}
		restore := time.Since(t)
		st, err := got.Stats(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if st.Nodes[graph.KindCable] != want.Nodes[graph.KindCable] || st.Relationships[graph.RelInteracted] != want.Relationships[graph.RelInteracted] {
			b.Fatalf("restored %v / %v, want %v / %v", st.Nodes, st.Relationships, want.Nodes, want.Relationships)
		}
		b.ReportMetric(direct.Seconds(), "direct-write-s")
		b.ReportMetric(save.Seconds(), "save-s")
		b.ReportMetric(restore.Seconds(), "restore-s")
		b.ReportMetric(float64(n)/restore.Seconds(), "restore-cables/s")
		b.ReportMetric(float64(fi.Size())/(1<<20), "file-MiB")
		runtime.KeepAlive(got)
	}
}

// BenchmarkSnapshot: 5,000 synthetic cables.
func BenchmarkSnapshot(b *testing.B) {
	cs := synthetic(5000, 11)
	benchSnapshot(b, len(cs), func(i int) *graph.Cable { return cs[i] })
}

// BenchmarkFullScaleSnapshot: the release's size, realistic synthetic
// cables (CABLEGRAPH_FULLSCALE=1; CABLEGRAPH_FULLSCALE_N overrides the size).
func BenchmarkFullScaleSnapshot(b *testing.B) {
	if os.Getenv("CABLEGRAPH_FULLSCALE") != "1" {
		b.Skip("set CABLEGRAPH_FULLSCALE=1 to snapshot 251,287 synthetic cables (minutes, several GB)")
	}
	n := fullScaleCables
	if v, err := strconv.Atoi(os.Getenv("CABLEGRAPH_FULLSCALE_N")); err == nil && v > 0 {
		n = v
	}
	vocab := fullVocab()
	benchSnapshot(b, n, func(i int) *graph.Cable { return realistic(i, 42, vocab) })
}

// snapshotFromEnv returns the snapshot file named by CABLEGRAPH_SNAPSHOT
// and its header, skipping the benchmark when it is unset.
func snapshotFromEnv(b *testing.B) (string, memstore.SnapshotInfo) {
	b.Helper()
	path := os.Getenv("CABLEGRAPH_SNAPSHOT")
	if path == "" {
		b.Skip("set CABLEGRAPH_SNAPSHOT to a snapshot file written by cablegraph serve --data")
	}
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	info, err := memstore.ReadSnapshotInfo(f)
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	return path, info
}

// BenchmarkRestoreFile restores the snapshot file named by
// CABLEGRAPH_SNAPSHOT (one written by serve --data, under --cache-dir) and
// reports the time it took and the heap the restored store holds; with
// -memprofile it shows where that memory goes.
func BenchmarkRestoreFile(b *testing.B) {
	path, info := snapshotFromEnv(b)
	ctx := context.Background()
	for b.Loop() {
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		t := time.Now()
		s, _, err := memstore.OpenSnapshot(ctx, path, info.Key)
		if err != nil {
			b.Fatal(err)
		}
		restore := time.Since(t)
		var m runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m)
		heap := float64(m.HeapAlloc) - float64(before.HeapAlloc)
		b.ReportMetric(restore.Seconds(), "restore-s")
		b.ReportMetric(float64(info.Cables)/restore.Seconds(), "cables/s")
		b.ReportMetric(heap/(1<<20), "heapMiB")
		b.ReportMetric(heap/float64(info.Cables), "heapB/cable")
		if hp := os.Getenv("CABLEGRAPH_HEAPPROFILE"); hp != "" {
			// -memprofile is written after the store is gone; this is
			// the heap while it is alive.
			f, err := os.Create(hp)
			if err != nil {
				b.Fatal(err)
			}
			err = errors.Join(pprof.WriteHeapProfile(f), f.Close())
			if err != nil {
				b.Fatal(err)
			}
		}
		runtime.KeepAlive(s)
	}
}
