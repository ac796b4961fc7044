package main

import (
	"math"
	"os"
	"runtime/debug"
	"testing"
)

// TestRelaxGC: while the store is built the collector target is relaxed
// and a soft memory limit set; the returned func puts the previous values
// back, once, however often it is called; an operator's GOGC wins.
func TestRelaxGC(t *testing.T) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOGC or GOMEMLIMIT is set: relaxGC leaves the collector alone by design")
	}
	pct := debug.SetGCPercent(100)
	defer debug.SetGCPercent(pct)
	limit := debug.SetMemoryLimit(math.MaxInt64)
	defer debug.SetMemoryLimit(limit)
	restore := relaxGC(8 << 30)
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
	if got := debug.SetMemoryLimit(-1); got != 6<<30 {
		t.Errorf("memory limit while serving = %d, want 3/4 of 8 GiB", got)
	}

	// A limit the program already had is put back as it was.
	debug.SetMemoryLimit(5 << 30)
	relaxGC(8 << 30)()
	if got := debug.SetMemoryLimit(-1); got != 5<<30 {
		t.Errorf("memory limit after = %d, want the 5 GiB set before", got)
	}

	t.Setenv("GOGC", "100")
	relaxGC(8 << 30)()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC set, relaxGC changed the GC percent to %d", got)
	}
	if memTotal() < 0 {
		t.Errorf("memTotal = %d", memTotal())
	}
}
