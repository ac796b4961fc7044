package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
)

// TestRelaxGC: while the store is built the collector target is relaxed
// and a soft memory limit set; the returned func puts the previous values
// back, once, however often it is called; an operator's GOGC wins.
func TestServingLimit(t *testing.T) {
	const gib = 1 << 30
	for _, tt := range []struct{ live, mem, want int64 }{
		{0, 24 * gib, gib},             // a small store: 1 GiB it never reaches
		{10 * gib, 24 * gib, 16 * gib}, // the whole release: 1.5x + 1 GiB
		{14 * gib, 24 * gib, 18 * gib}, // capped at 3/4 of the machine
		{2 * gib, 4 * gib, 3 * gib},    // a small machine: the cap again
	} {
		if got := servingLimit(tt.live, tt.mem); got != tt.want {
			t.Errorf("servingLimit(%d GiB live, %d GiB) = %.2f GiB, want %.2f", tt.live/gib, tt.mem/gib, float64(got)/gib, float64(tt.want)/gib)
		}
	}
	runtime.GC()
	if liveHeap() <= 0 || heapObjects() <= 0 {
		t.Errorf("liveHeap = %d, heapObjects = %d, want this test binary's heap", liveHeap(), heapObjects())
	}
}

// defaultCollector skips t when the operator's GOGC or GOMEMLIMIT is set
// (relaxGC then leaves the collector alone by design), and otherwise
// starts t at the defaults (GC percent 100, no memory limit), putting the
// process's own settings back when t ends.
func defaultCollector(t *testing.T) {
	t.Helper()
	if operatorTunedGC() {
		t.Skip("GOGC or GOMEMLIMIT is set: relaxGC leaves the collector alone by design")
	}
	pct := debug.SetGCPercent(100)
	limit := debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() {
		debug.SetGCPercent(pct)
		debug.SetMemoryLimit(limit)
	})
}

func TestRelaxGC(t *testing.T) {
	defaultCollector(t)
	var told int64
	restore := relaxGC(8<<30, func(l int64) { told = l })
	if got := debug.SetGCPercent(startupGCPercent); got != startupGCPercent {
		t.Errorf("GC percent while building = %d, want %d", got, startupGCPercent)
	}
	if got := debug.SetMemoryLimit(-1); got != 4<<30 {
		t.Errorf("memory limit while building = %d, want half of 8 GiB", got)
	}
	restore()
	restore()
	if got := debug.SetGCPercent(-1); got != 100 {
		t.Errorf("GC percent after = %d, want 100", got)
	}
	debug.SetGCPercent(100)
	if got, want := debug.SetMemoryLimit(-1), servingLimit(liveHeap(), 8<<30); got != want || got > 6<<30 || got < 1<<30 {
		t.Errorf("memory limit while serving = %d, want %d (live %d), within 1 GiB .. 3/4 of 8 GiB", got, want, liveHeap())
	}
	if told != debug.SetMemoryLimit(-1) {
		t.Errorf("onLimit was told %d, the limit is %d", told, debug.SetMemoryLimit(-1))
	}

	// A limit the program already had is put back as it was.
	debug.SetMemoryLimit(5 << 30)
	relaxGC(8<<30, nil)()
	if got := debug.SetMemoryLimit(-1); got != 5<<30 {
		t.Errorf("memory limit after = %d, want the 5 GiB set before", got)
	}

	t.Setenv("GOGC", "100")
	relaxGC(8<<30, nil)()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC set, relaxGC changed the GC percent to %d", got)
	}
	if memTotal() < 0 {
		t.Errorf("memTotal = %d", memTotal())
	}
}

// TestRelaxGCMeasuresABigHeapInTheBackground: with a heap above the
// threshold, restoring returns at once (serving starts) and the serving
// limit follows one collection later, reported through onLimit.
func TestRelaxGCMeasuresABigHeapInTheBackground(t *testing.T) {
	defaultCollector(t)
	done := make(chan int64, 1)
	cycles := func() uint32 {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.NumForcedGC
	}
	before := cycles()
	relaxGCAbove(8<<30, 0, func(l int64) { done <- l })()
	got := <-done
	if want := servingLimit(liveHeap(), 8<<30); got != want || debug.SetMemoryLimit(-1) != got {
		t.Errorf("serving limit = %d (set %d), want %d from the live heap %d", got, debug.SetMemoryLimit(-1), want, liveHeap())
	}
	if cycles() == before {
		t.Error("no forced collection measured the live heap")
	}
}
