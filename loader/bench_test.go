package loader_test

import (
	"context"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/loader"
)

// BenchmarkLoadMemstore loads every cablegate HTML fragment of ../shared
// into a fresh memstore per iteration and reports cables/s, MB/s and the
// peak heap seen while loading (sampled every 5ms with
// runtime.ReadMemStats). The peak includes the store itself, which grows
// with the graph; the pipeline's own share is bounded (see the package doc).
//
//	go test ./loader -run '^$' -bench LoadMemstore -benchtime 1x
func BenchmarkLoadMemstore(b *testing.B) {
	dir := filepath.Join(sharedDir(b), "data", "cables", "cablegate-html-fragments")
	ext := newExtractor(b)
	var peak atomic.Uint64
	var cables, bytes int
	b.ResetTimer()
	for b.Loop() {
		store := memstore.New()
		stop := sampleHeap(&peak)
		sum, err := loader.Load(context.Background(), store, ext, loader.Source{Paths: []string{dir}}, loader.Options{})
		stop()
		if err != nil && sum.Loaded == 0 {
			b.Fatal(err)
		}
		cables += sum.Loaded + sum.Unchanged
		bytes += int(sum.Bytes)
	}
	secs := b.Elapsed().Seconds()
	b.ReportMetric(float64(cables)/secs, "cables/s")
	b.ReportMetric(float64(bytes)/1e6/secs, "MB/s")
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MiB")
}

// BenchmarkStreamParseExtract measures the pipeline without a store: the
// peak heap here is the loader's own working set, which must stay small
// and flat whatever the input size.
func BenchmarkStreamParseExtract(b *testing.B) {
	dir := filepath.Join(sharedDir(b), "data", "cables", "cablegate-html-fragments")
	ext := newExtractor(b)
	var peak atomic.Uint64
	var n int
	b.ResetTimer()
	cpu := time.Duration(0)
	for b.Loop() {
		runtime.GC()
		cpu0 := cpuTime()
		stop := sampleHeap(&peak)
		err := loader.Stream(context.Background(), ext, loader.Source{Paths: []string{dir}}, loader.Options{}, func(it loader.Item) error {
			n++
			return nil
		})
		stop()
		cpu += cpuTime() - cpu0
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "records/s")
	if cpu > 0 && n > 0 {
		// CPU per record: on a shared machine the wall clock overstates
		// the cost.
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(n), "cpu-ms/record")
	}
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MiB")
}

func sampleHeap(peak *atomic.Uint64) (stop func()) {
	quit := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > peak.Load() {
				peak.Store(m.HeapAlloc)
			}
			select {
			case <-t.C:
			case <-quit:
				return
			}
		}
	})
	return func() { close(quit); wg.Wait() }
}

// cpuTime is the process's user+system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
