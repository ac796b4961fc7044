package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph/memstore"
)

// TestRelaxGC: while the store is built the collector target is relaxed
// and a soft memory limit set; the returned func puts the previous values
// back, once, however often it is called; an operator's GOGC wins.
func TestServingLimit(t *testing.T) {
	const gib = 1 << 30
	for _, tt := range []struct{ live, mem, want int64 }{
		{0, 24 * gib, gib},             // a small store: 1 GiB it never reaches
		{8 * gib, 24 * gib, 17 * gib},  // the whole release: 2x + 1 GiB
		{10 * gib, 24 * gib, 18 * gib}, // capped at 3/4 of the machine
		{2 * gib, 4 * gib, 3 * gib},    // a small machine: the cap again
	} {
		if got := servingLimit(tt.live, tt.mem); got != tt.want {
			t.Errorf("servingLimit(%d GiB live, %d GiB) = %.2f GiB, want %.2f", tt.live/gib, tt.mem/gib, float64(got)/gib, float64(tt.want)/gib)
		}
	}
	for _, tt := range []struct{ heap, mem, want int64 }{
		{0, 24 * gib, gib},             // nothing built yet
		{10 * gib, 24 * gib, 16 * gib}, // a restored release: 1.5x + 1 GiB
		{14 * gib, 24 * gib, 18 * gib}, // a first load's garbage: the cap
	} {
		if got := provisionalLimit(tt.heap, tt.mem); got != tt.want {
			t.Errorf("provisionalLimit(%d GiB heap, %d GiB) = %.2f GiB, want %.2f", tt.heap/gib, tt.mem/gib, float64(got)/gib, float64(tt.want)/gib)
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

// TestRelaxGCMeasuresABigHeapAtTheNextCollection: with a heap above the
// threshold, restoring returns at once without collecting (serving
// starts), the collector stays off under a provisional limit from the
// heap as it stands, and the first collection after that measures the
// live heap: the serving limit and the GC percent follow, reported
// through onLimit.
func TestRelaxGCMeasuresABigHeapAtTheNextCollection(t *testing.T) {
	defaultCollector(t)
	done := make(chan int64, 1)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	gcs := ms.NumGC
	relaxGCAbove(8<<30, 0, func(l int64) { done <- l })()
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("GC percent right after restore = %d, want -1 (off until the next collection)", got)
	}
	runtime.ReadMemStats(&ms)
	if ms.NumGC != gcs {
		t.Errorf("restore collected %d times, want none", ms.NumGC-gcs)
	}
	if got := debug.SetMemoryLimit(-1); got < servingLimit(0, 8<<30) || got > 6<<30 {
		t.Errorf("provisional limit = %d, want the serving limit of the heap as it stands (1 GiB .. 3/4 of 8 GiB)", got)
	}
	select {
	case l := <-done:
		t.Fatalf("onLimit told %d before any collection", l)
	default:
	}
	runtime.GC()
	var got int64
	select {
	case got = <-done:
	case <-time.After(time.Minute):
		t.Fatal("onLimit not called within a minute of a collection")
	}
	if want := servingLimit(liveHeap(), 8<<30); got != want || debug.SetMemoryLimit(-1) != got {
		t.Errorf("serving limit = %d (set %d), want %d from the live heap %d", got, debug.SetMemoryLimit(-1), want, liveHeap())
	}
	if pct := debug.SetGCPercent(100); pct != 100 {
		t.Errorf("GC percent after the collection = %d, want 100 back", pct)
	}
}

// TestPauseGC: the collector is off between pauseGC and resume, then
// back at what it was; with GOGC set, pauseGC changes nothing.
func TestPauseGC(t *testing.T) {
	defaultCollector(t)
	debug.SetGCPercent(startupGCPercent)
	resume := pauseGC()
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("GC percent while paused = %d, want -1", got)
	}
	resume()
	if got := debug.SetGCPercent(100); got != startupGCPercent {
		t.Errorf("GC percent after resume = %d, want %d", got, startupGCPercent)
	}
	t.Setenv("GOGC", "100")
	pauseGC()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC set, pauseGC changed the GC percent to %d", got)
	}
}

// TestRestorePausedResumesOnlyForALoad: after a restore the collector stays
// paused until ready sets the serving policy (resuming started a full
// collection of the restored store before ready); when nothing was
// restored, a load follows and the collector must run again.
func TestRestorePausedResumesOnlyForALoad(t *testing.T) {
	for _, tc := range []struct {
		name       string
		restored   *memstore.Store
		wantResume bool
	}{{"restored", memstore.New(), false}, {"nothing restored", nil, true}} {
		t.Run(tc.name, func(t *testing.T) {
			paused, resumed := false, false
			pause := func() func() { paused = true; return func() { resumed = true } }
			got := restorePaused(pause, func() *memstore.Store {
				if !paused {
					t.Error("restore ran with the collector not paused")
				}
				return tc.restored
			})
			if got != tc.restored || resumed != tc.wantResume {
				t.Errorf("store %p (want %p), resumed %v (want %v)", got, tc.restored, resumed, tc.wantResume)
			}
		})
	}
}
