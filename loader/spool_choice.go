package loader

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
)

// Where SpoolAuto keeps phase 1's cables for a store in this process.
//
// Keeping them in memory saves a JSON and gzip round trip per cable (about a
// third of the loader's CPU) but costs far more memory than the input: a
// decoded cable with its persons, mentions and interactions is many times
// its bytes, and they all wait until phase 1 ends, beside the store that
// phase 2 fills. Peak RSS of `cablegraph serve` with the cables in memory,
// store included: 8.4 GB for cables-50k.csv (394 MB, 21.3 bytes per input
// byte), 5.25 and 6.64 GB in two runs on cables-30k.csv (237 MB, 22.2 and
// 28), 1.29 GB for the 6,712 shared HTML fragments (69 MB, 18.8); the whole
// generated release (1.99 GB) reached 11 GB at 94k cables and could not
// have fit 24 GiB, while a spool file finished it at 10.1 GB. RSS varies
// from run to run because serve lets the heap run up to four times ahead
// of the live data while it loads (GOGC=300 under a soft memory limit that
// reclaims that slack under pressure): the factor covers the steady
// figures and the halved budget below covers the slack.
// A wrong "memory" is an out-of-memory kill of the whole load; a wrong
// "file" is a third more CPU. So auto picks memory only when the estimate
// fits in the budget: half of the memory available to the process (the
// machine is shared, available memory is a snapshot that others draw on
// too, and bytes per cable vary between formats), and no more than the
// headroom under GOMEMLIMIT. That soft limit is not halved: it caps the
// process as a whole and the collector trims its slack before reaching it
// (serve sets one at half the machine's memory while it loads, which the
// halved MemAvailable is already below).
const (
	// spoolMemoryFactor is the bytes of memory per input byte that a load
	// keeping phase 1 in memory needs at its peak (store included).
	spoolMemoryFactor = 23
	// fallbackBudget is the budget when no memory size can be detected
	// (not Linux): half of 4 GiB, which any machine that runs the loader
	// has, so that small corpora keep the faster path.
	fallbackBudget int64 = 2 << 30
)

// spoolInMemory reports whether phase 1 may keep inputBytes of input in
// memory within a budget of that many bytes. A negative inputBytes is
// unknown (stdin): it might be the whole release, so the answer is no.
func spoolInMemory(inputBytes, budget int64) bool {
	if inputBytes < 0 || budget <= 0 {
		return false
	}
	if inputBytes > math.MaxInt64/spoolMemoryFactor {
		return false
	}
	return inputBytes*spoolMemoryFactor <= budget
}

// spoolDecision is where phase 1 keeps its cables and why.
type spoolDecision struct {
	memory bool
	reason string
	input  int64 // -1: unknown; 0 when not needed
	budget int64 // 0 when not needed
}

// chooseSpool decides where phase 1 keeps its cables for store and an
// input of in bytes once decompressed (-1: unknown, see Source.sizes).
// budget is called only when the decision depends on it.
func (o Options) chooseSpool(store any, in int64, budget func() (int64, string)) spoolDecision {
	switch o.Spool {
	case SpoolMemory:
		return spoolDecision{memory: true, reason: "forced"}
	case SpoolFile:
		return spoolDecision{reason: "forced"}
	}
	if ip, ok := store.(InProcess); !ok || !ip.InProcess() {
		return spoolDecision{reason: "the store is not in this process"}
	}
	if in < 0 {
		return spoolDecision{input: -1, reason: "input of unknown size (stdin) might be the whole release"}
	}
	b, from := budget()
	d := spoolDecision{memory: spoolInMemory(in, b), input: in, budget: b}
	need := "~" + formatBytes(in*spoolMemoryFactor)
	if in > math.MaxInt64/spoolMemoryFactor {
		need = "more than can be counted"
	}
	d.reason = fmt.Sprintf("input %s needs %s in memory, budget %s: %s", formatBytes(in), need, formatBytes(b), from)
	return d
}

// memoryBudget is Options.MemoryBudget when set, else what the system
// allows (see spoolBudget), else fallbackBudget.
func (o Options) memoryBudget() (int64, string) {
	if o.MemoryBudget > 0 {
		return o.MemoryBudget, "Options.MemoryBudget"
	}
	limit := debug.SetMemoryLimit(-1)
	n, from := spoolBudget(os.ReadFile, limit, goMemoryInUse())
	if from == "" {
		return fallbackBudget, "assumed, no memory size detected"
	}
	return n, from
}

// goMemoryInUse is the memory the Go runtime holds from the system, for
// the headroom under GOMEMLIMIT.
func goMemoryInUse() int64 {
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	var n int64
	if s[0].Value.Kind() == metrics.KindUint64 {
		n = int64(s[0].Value.Uint64())
	}
	if s[1].Value.Kind() == metrics.KindUint64 {
		n -= int64(s[1].Value.Uint64())
	}
	return max(n, 0)
}

// spoolBudget is the least of: half of MemAvailable in /proc/meminfo,
// half of the headroom under this process's cgroup limit (v2 memory.max or
// v1 memory.limit_in_bytes, less the usage that cannot be reclaimed), and
// the headroom under GOMEMLIMIT (goLimit, math.MaxInt64 when unset, less
// goInUse). It says where the answer came from, "" when nothing is known.
// read is os.ReadFile but for tests.
func spoolBudget(read func(string) ([]byte, error), goLimit, goInUse int64) (int64, string) {
	var best int64
	var from string
	consider := func(n int64, name string) {
		n = max(n, 0)
		if from == "" || n < best {
			best, from = n, name
		}
	}
	if b, err := read("/proc/meminfo"); err == nil {
		if kb, ok := field(b, "MemAvailable:"); ok {
			n := kb * 1024
			consider(n/2, "half of MemAvailable "+formatBytes(n))
		}
	}
	for _, dir := range cgroupDirs(read) {
		if n, ok := cgroupHeadroom(read, dir); ok {
			consider(n/2, "half of the cgroup limit's headroom "+formatBytes(max(n, 0)))
			break
		}
	}
	if goLimit > 0 && goLimit < math.MaxInt64 {
		consider(goLimit-goInUse, "GOMEMLIMIT headroom")
	}
	return best, from
}

// cgroupDirs are the directories that may hold this process's memory
// limit, most specific first: its own cgroup (from /proc/self/cgroup) and
// the mount roots (what a container sees as its own).
func cgroupDirs(read func(string) ([]byte, error)) []string {
	var dirs []string
	if b, err := read("/proc/self/cgroup"); err == nil {
		for line := range strings.Lines(string(b)) {
			// "0::/path" (v2) or "4:memory:/path" (v1).
			parts := strings.SplitN(strings.TrimSpace(line), ":", 3)
			if len(parts) != 3 || strings.Contains(parts[2], "..") {
				continue
			}
			switch {
			case parts[0] == "0" && parts[1] == "":
				dirs = append(dirs, filepath.Join("/sys/fs/cgroup", parts[2]))
			case strings.Contains(","+parts[1]+",", ",memory,"):
				dirs = append(dirs, filepath.Join("/sys/fs/cgroup/memory", parts[2]))
			}
		}
	}
	return append(dirs, "/sys/fs/cgroup", "/sys/fs/cgroup/memory")
}

// cgroupHeadroom is the limit of the cgroup in dir less its usage that
// cannot be reclaimed (usage less inactive file pages, as container
// runtimes count it); ok is false when dir sets no limit.
func cgroupHeadroom(read func(string) ([]byte, error), dir string) (int64, bool) {
	for _, f := range []struct{ limit, usage, inactive string }{
		{"memory.max", "memory.current", "inactive_file"},                         // v2
		{"memory.limit_in_bytes", "memory.usage_in_bytes", "total_inactive_file"}, // v1
	} {
		b, err := read(filepath.Join(dir, f.limit))
		if err != nil {
			continue
		}
		limit, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
		if err != nil || limit <= 0 || limit >= 1<<62 {
			return 0, false // "max", or v1's page-rounded MaxInt64: no limit
		}
		var usage int64
		if b, err := read(filepath.Join(dir, f.usage)); err == nil {
			usage, _ = strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
		}
		if b, err := read(filepath.Join(dir, "memory.stat")); err == nil {
			if n, ok := field(b, f.inactive); ok && n <= usage {
				usage -= n
			}
		}
		return limit - usage, true
	}
	return 0, false
}

// field is the number after the line's first word name in b ("MemAvailable:
// 123 kB" or "inactive_file 123").
func field(b []byte, name string) (int64, bool) {
	for line := range bytes.Lines(b) {
		f := strings.Fields(string(line))
		if len(f) >= 2 && f[0] == name {
			n, err := strconv.ParseInt(f[1], 10, 64)
			return n, err == nil
		}
	}
	return 0, false
}

// inputSizes are the sizes of what a Source will read, from one walk of
// its paths (see Source.sizes).
type inputSizes struct {
	// files sums the regular files' sizes and the blobs, as the progress
	// total; 0 when unknown (stdin).
	files int64
	// decompressed counts a .gz file as its gzip trailer's uncompressed
	// size (see gzipSize), for the spool choice; -1 when unknown (stdin).
	decompressed int64
}

// sizes walks src's paths once for both sizes. Files the parser skips are
// counted too: they are estimates.
func (s Source) sizes(ctx context.Context) inputSizes {
	var n inputSizes
	for _, b := range s.Blobs {
		n.files += int64(len(b.Data))
	}
	n.decompressed = n.files
	for _, p := range s.Paths {
		if p == "-" {
			return inputSizes{files: 0, decompressed: -1}
		}
		_ = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if ctx.Err() != nil {
				return fs.SkipAll // the load is cancelled; stream says so
			}
			if err != nil {
				return nil // reported by the reader, not here
			}
			if !d.Type().IsRegular() {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return nil
			}
			size := info.Size()
			n.files = satAdd(n.files, size)
			if strings.HasSuffix(strings.ToLower(path), ".gz") {
				size = gzipSize(path, size)
			}
			n.decompressed = satAdd(n.decompressed, size)
			return nil
		})
	}
	return n
}

// gzipSize estimates the uncompressed size of the gzip file at path, of
// compressed bytes: its trailer holds the size modulo 4 GiB (of the last
// member only), so the estimate is the least size at least the compressed
// one that agrees with the trailer. A wrapped size thus counts as over
// 4 GiB, far beyond what fits in memory. Unreadable: the compressed size
// (the reader reports the file).
func gzipSize(path string, compressed int64) int64 {
	if compressed < 18 { // header and trailer
		return compressed
	}
	f, err := os.Open(path)
	if err != nil {
		return compressed
	}
	defer f.Close()
	var tail [4]byte
	if _, err := f.ReadAt(tail[:], compressed-4); err != nil {
		return compressed
	}
	size := int64(binary.LittleEndian.Uint32(tail[:]))
	for size < compressed {
		size += 1 << 32
	}
	return size
}

func satAdd(a, b int64) int64 {
	if a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

// formatBytes is n in decimal units, "1.99 GB".
func formatBytes(n int64) string {
	switch {
	case n >= 1e9:
		return fmt.Sprintf("%.2f GB", float64(n)/1e9)
	case n >= 1e6:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	case n >= 1e3:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	}
	return fmt.Sprintf("%d B", n)
}
