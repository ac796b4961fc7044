package main

import (
	"fmt"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/cablegraph/cablegraph/graph/memstore"
)

// startCPUProfile writes a CPU profile to path (nothing when path is "")
// until the returned stop is called; stop may be called more than once.
// It exists so that a slow start-up (load or restore) can be profiled on
// the real binary and corpus, where benchmarks would need a copy of serve.
func startCPUProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("creating the CPU profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("starting the CPU profile: %w", err)
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			pprof.StopCPUProfile()
			f.Close()
		})
	}, nil
}

// processCPU is the user plus system CPU time this process has used so
// far: on a shared machine wall time says little about start-up cost.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// peakRSS is the process's peak resident set size in bytes (Linux reports
// kilobytes).
func peakRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Maxrss * 1024
}

// startupGCPercent is the garbage collector's target while the embedded
// store is built, and startupMemShare the share of the machine's memory
// that caps the heap meanwhile.
const (
	startupGCPercent = 300
	startupMemShare  = 0.5
	// servingMemShare and servingHeadroom cap the heap softly while
	// serving: the whole release holds ~8-10 GB live in the embedded
	// store, and the default target alone (twice the live heap) let it
	// reach 19-20 GB RSS while the snapshot was written, more than a
	// 24 GiB machine spares. The cap is twice the live heap plus 1 GiB,
	// at most servingMemShare of the machine; the collector only works
	// harder near it, and a small store never reaches it.
	//
	// It was half again the live heap plus 1 GiB. Marking the whole
	// release takes 5-20 s of a loaded machine, while questions
	// allocate ~300 MB/s (discussions): with ~5 GB of room the pacer
	// started each collection a few seconds after the last (gctrace:
	// three cycles in 40 s, 1-5 CPU-s of them done by the requests as
	// assists), which was most of the embedded store's p99.
	servingMemShare = 0.75
	servingHeadroom = 1 << 30
)

// servingLimit is the soft memory limit while serving a live heap of
// live bytes on a machine of memTotal bytes.
func servingLimit(live, memTotal int64) int64 {
	return min(2*live+servingHeadroom, int64(float64(memTotal)*servingMemShare))
}

// provisionalLimit is the soft memory limit until the first collection
// after a build measures the live heap: from the heap as it stands (live
// data plus the build's garbage, so more than the live heap), half again
// plus 1 GiB, at most servingMemShare of the machine.
func provisionalLimit(heap, memTotal int64) int64 {
	return min(heap+heap/2+servingHeadroom, int64(float64(memTotal)*servingMemShare))
}

// liveHeap is the heap the last collection found live (0 if unknown).
func liveHeap() int64 { return readMetric("/gc/heap/live:bytes") }

// heapObjects is the heap's objects now, live or not yet collected.
func heapObjects() int64 { return readMetric("/memory/classes/heap/objects:bytes") }

func readMetric(name string) int64 {
	sample := []metrics.Sample{{Name: name}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(sample[0].Value.Uint64())
}

// relaxGC makes the garbage collector run less often while the embedded
// store is built (loaded or restored): the heap only grows then, and with
// the default target every collection rescans the whole growing store
// (11% of a load's CPU, a fifth of a restore's). The heap may grow to
// 1+startupGCPercent/100 times the live data, capped by a soft memory
// limit of startupMemShare of the machine's memory, after which the
// collector works harder instead of growing further. The returned func
// puts the GC target back for serving, with a soft memory limit from the
// live heap (servingLimit) where there was none, and calls onLimit (if not
// nil) with that limit once set. An operator's GOGC or GOMEMLIMIT wins:
// relaxGC then changes nothing.
func relaxGC(memTotal int64, onLimit func(int64)) (restore func()) {
	return relaxGCAbove(memTotal, servingHeadroom, onLimit)
}

// relaxGCAbove is relaxGC deferring the measure of the live heap to the
// next collection the program needs anyway, when the heap holds more than
// bigHeap bytes. Collecting at once (the last collection of a relaxed
// build may have seen well under the final live heap) marks the whole
// store: 25-60 s of CPU for the whole release, overlapping the first
// minute of questions, which then waited behind it (p99 x2-x5 right after
// a restart). Instead the collector stays off under a provisional soft
// limit from the heap as it stands (live data plus the build's garbage,
// so an estimate from above); the first collection that limit forces
// measures the live heap, and then the usual target and the serving limit
// come back, exactly as before.
func relaxGCAbove(memTotal, bigHeap int64, onLimit func(int64)) (restore func()) {
	if operatorTunedGC() || memTotal <= 0 {
		return func() {}
	}
	pct := debug.SetGCPercent(startupGCPercent)
	limit := debug.SetMemoryLimit(int64(float64(memTotal) * startupMemShare))
	set := func(l int64) {
		debug.SetMemoryLimit(l)
		if onLimit != nil {
			onLimit(l)
		}
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			switch {
			case limit != math.MaxInt64:
				debug.SetGCPercent(pct)
				set(limit)
			case heapObjects() > bigHeap:
				debug.SetGCPercent(-1)
				debug.SetMemoryLimit(provisionalLimit(heapObjects(), memTotal))
				afterNextGC(func() {
					debug.SetGCPercent(pct)
					set(servingLimit(liveHeap(), memTotal))
				})
			default:
				debug.SetGCPercent(pct)
				set(servingLimit(liveHeap(), memTotal))
			}
		})
	}
}

// afterNextGC calls f once, on its own goroutine, after the next garbage
// collection completes: the cleanup of an object nothing references runs
// only once a collection has found it unreachable. No goroutine waits
// meanwhile, and a program that never collects again never calls f.
func afterNextGC(f func()) {
	sentinel := new([2]*byte) // holds pointers: not batched by the tiny allocator
	runtime.AddCleanup(sentinel, func(struct{}) { go f() }, struct{}{})
}

// pauseGC turns the collector off until resume is called (under the soft
// memory limit relaxGC set, which still bounds the heap): restoring a
// snapshot only adds live data, so a collection during it marks a growing
// store to free almost nothing (a third of a full-size restore's CPU).
// An operator's GOGC or GOMEMLIMIT wins: pauseGC then changes nothing.
func pauseGC() (resume func()) {
	if operatorTunedGC() {
		return func() {}
	}
	pct := debug.SetGCPercent(-1)
	return func() { debug.SetGCPercent(pct) }
}

// restorePaused runs restore with the collector paused (pause is pauseGC)
// and resumes it only when nothing was restored, for the load that follows.
// A restored store keeps the collector off until ready, where relaxGC's
// restore sets the serving policy: resuming here put the build's target
// back over a heap whose last collection saw almost nothing live, so a
// full collection of the restored store (4.5 s, 9 CPU-s at full size)
// started at once and held up ready, only to measure what the first
// serving collection measures anyway.
func restorePaused(pause func() (resume func()), restore func() *memstore.Store) *memstore.Store {
	resume := pause()
	mem := restore()
	if mem == nil {
		resume()
	}
	return mem
}

// operatorTunedGC reports whether the operator chose the collector's
// settings (GOGC or GOMEMLIMIT): the process then leaves them alone.
func operatorTunedGC() bool {
	return os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != ""
}

// memTotal is the machine's memory in bytes from /proc/meminfo, or 0 when
// it cannot be read (then relaxGC leaves the collector alone).
func memTotal() int64 {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(b)) {
		if rest, ok := strings.CutPrefix(line, "MemTotal:"); ok {
			f := strings.Fields(rest)
			if len(f) == 2 && f[1] == "kB" {
				if kb, err := strconv.ParseInt(f[0], 10, 64); err == nil {
					return kb << 10
				}
			}
		}
	}
	return 0
}
