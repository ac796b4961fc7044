package loader

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	mb = int64(1e6)
	gb = int64(1e9)
)

func TestSpoolInMemory(t *testing.T) {
	for _, c := range []struct {
		name          string
		input, budget int64
		want          bool
	}{
		{"unknown input (stdin)", -1, 100 * gb, false},
		{"no budget", 1 * mb, 0, false},
		{"empty input", 0, 1 * gb, true},
		{"6,712 fragments (70 MB), budget 10 GB", 70 * mb, 10 * gb, true},
		{"cables-30k.csv (237 MB), budget 10 GB", 237 * mb, 10 * gb, true},
		{"cables-50k.csv (394 MB), budget 10 GB", 394 * mb, 10 * gb, true},
		{"cables-50k.csv (394 MB), budget 6 GB", 394 * mb, 6 * gb, false},
		{"whole release (1.99 GB), budget 10 GB", 1985 * mb, 10 * gb, false},
		{"whole release (1.99 GB), budget 500 GB", 1985 * mb, 500 * gb, true},
		{"exactly the budget", 100, 100 * spoolMemoryFactor, true},
		{"one byte over", 101, 100 * spoolMemoryFactor, false},
		{"overflowing estimate", math.MaxInt64 / 2, math.MaxInt64, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := spoolInMemory(c.input, c.budget); got != c.want {
				t.Errorf("spoolInMemory(%d, %d) = %v, want %v", c.input, c.budget, got, c.want)
			}
		})
	}
}

// fakeFS reads files from a map, for availableMemory.
type fakeFS map[string]string

func (f fakeFS) read(name string) ([]byte, error) {
	s, ok := f[name]
	if !ok {
		return nil, fs.ErrNotExist
	}
	return []byte(s), nil
}

func TestSpoolBudget(t *testing.T) {
	const meminfo = "MemTotal:       24000000 kB\nMemFree:         1000000 kB\nMemAvailable:   20000000 kB\n"
	const halfMem = 20000000 * 1024 / 2
	const noLimit = math.MaxInt64
	for _, c := range []struct {
		name     string
		files    fakeFS
		goLimit  int64
		goInUse  int64
		want     int64
		wantFrom string
	}{
		{"nothing known", fakeFS{}, noLimit, 0, 0, ""},
		{"MemAvailable only", fakeFS{"/proc/meminfo": meminfo}, noLimit, 0, halfMem, "half of MemAvailable 20.48 GB"},
		{"meminfo without MemAvailable", fakeFS{"/proc/meminfo": "MemTotal: 1 kB\n"}, noLimit, 0, 0, ""},
		{"cgroup v2 unlimited", fakeFS{
			"/proc/meminfo": meminfo, "/proc/self/cgroup": "0::/\n",
			"/sys/fs/cgroup/memory.max": "max\n", "/sys/fs/cgroup/memory.current": "5000\n",
		}, noLimit, 0, halfMem, "half of MemAvailable 20.48 GB"},
		{"cgroup v2 limit of its own cgroup, less unreclaimable usage", fakeFS{
			"/proc/meminfo": meminfo, "/proc/self/cgroup": "0::/user.slice/job\n",
			"/sys/fs/cgroup/user.slice/job/memory.max":     "8000000000\n",
			"/sys/fs/cgroup/user.slice/job/memory.current": "3000000000\n",
			"/sys/fs/cgroup/user.slice/job/memory.stat":    "anon 1000000000\ninactive_file 1000000000\n",
		}, noLimit, 0, 3 * gb, "half of the cgroup limit's headroom 6.00 GB"},
		{"cgroup v2 limit at the root (container)", fakeFS{
			"/proc/meminfo": meminfo, "/proc/self/cgroup": "0::/\n",
			"/sys/fs/cgroup/memory.max": "4000000000\n", "/sys/fs/cgroup/memory.current": "1000000000\n",
		}, noLimit, 0, 1500 * mb, "half of the cgroup limit's headroom 3.00 GB"},
		{"cgroup v1 unlimited (page-rounded MaxInt64)", fakeFS{
			"/proc/meminfo": meminfo, "/proc/self/cgroup": "4:memory:/process_api/x\n0::/\n",
			"/sys/fs/cgroup/memory/memory.limit_in_bytes": "9223372036854771712\n",
			"/sys/fs/cgroup/memory/memory.usage_in_bytes": "11495723008\n",
		}, noLimit, 0, halfMem, "half of MemAvailable 20.48 GB"},
		{"cgroup v1 limit with inactive file pages", fakeFS{
			"/proc/meminfo": meminfo, "/proc/self/cgroup": "5:cpu,memory:/job\n",
			"/sys/fs/cgroup/memory/job/memory.limit_in_bytes": "6000000000\n",
			"/sys/fs/cgroup/memory/job/memory.usage_in_bytes": "5000000000\n",
			"/sys/fs/cgroup/memory/job/memory.stat":           "cache 4000000000\ntotal_inactive_file 3000000000\n",
		}, noLimit, 0, 2 * gb, "half of the cgroup limit's headroom 4.00 GB"},
		{"cgroup over its limit", fakeFS{
			"/proc/meminfo": meminfo, "/proc/self/cgroup": "0::/\n",
			"/sys/fs/cgroup/memory.max": "1000\n", "/sys/fs/cgroup/memory.current": "2000\n",
		}, noLimit, 0, 0, "half of the cgroup limit's headroom 0 B"},
		{"cgroup path escaping the mount is ignored", fakeFS{
			"/proc/meminfo": meminfo, "/proc/self/cgroup": "0::/../../etc\n",
			"/etc/memory.max": "1000\n",
		}, noLimit, 0, halfMem, "half of MemAvailable 20.48 GB"},
		{"GOMEMLIMIT below the rest", fakeFS{"/proc/meminfo": meminfo}, 2 * gb, gb / 2, 1500 * mb, "GOMEMLIMIT headroom"},
		{"GOMEMLIMIT above half of MemAvailable, not halved", fakeFS{"/proc/meminfo": meminfo}, 12 * gb, gb, halfMem, "half of MemAvailable 20.48 GB"},
		{"GOMEMLIMIT under half of MemAvailable, not halved", fakeFS{"/proc/meminfo": meminfo}, 10 * gb, gb, 9 * gb, "GOMEMLIMIT headroom"},
		{"GOMEMLIMIT alone", fakeFS{}, 3 * gb, 0, 3 * gb, "GOMEMLIMIT headroom"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, from := spoolBudget(c.files.read, c.goLimit, c.goInUse)
			if got != c.want || from != c.wantFrom {
				t.Errorf("spoolBudget = %d (%q), want %d (%q)", got, from, c.want, c.wantFrom)
			}
		})
	}
}

// TestSourceSizes: one walk gives the progress total (bytes on disk) and the
// spool choice's size (gzip counted uncompressed).
func TestSourceSizes(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	plain := write("tree/a.txt", bytes.Repeat([]byte("a"), 1000))
	write("tree/sub/b.html", bytes.Repeat([]byte("b"), 234))
	var zb bytes.Buffer
	zw := gzip.NewWriter(&zb)
	if _, err := zw.Write(bytes.Repeat([]byte("cable "), 10000)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	gz := write("c.csv.GZ", zb.Bytes())
	// A trailer smaller than the file: the size wrapped modulo 4 GiB.
	wrapped := make([]byte, 4096)
	binary.LittleEndian.PutUint32(wrapped[len(wrapped)-4:], 100)
	wrappedGz := write("wrapped.gz", wrapped)
	tiny := write("tiny.gz", []byte("x"))

	for _, c := range []struct {
		name             string
		src              Source
		want, wantOnDisk int64
	}{
		{"nothing", Source{}, 0, 0},
		{"blobs", Source{Blobs: []Blob{{Name: "x", Data: make([]byte, 42)}}}, 42, 42},
		{"one file", Source{Paths: []string{plain}}, 1000, 1000},
		{"a directory, walked", Source{Paths: []string{filepath.Join(dir, "tree")}}, 1234, 1234},
		{"gzip counts as uncompressed", Source{Paths: []string{gz}}, 60000, int64(zb.Len())},
		{"wrapped gzip trailer counts over 4 GiB", Source{Paths: []string{wrappedGz}}, 1<<32 + 100, 4096},
		{"gzip too short for a trailer", Source{Paths: []string{tiny}}, 1, 1},
		{"missing path counts nothing", Source{Paths: []string{filepath.Join(dir, "nope")}}, 0, 0},
		{"stdin is unknown", Source{Paths: []string{plain, "-"}}, -1, 0},
		{"blobs and paths add up", Source{Blobs: []Blob{{Data: make([]byte, 6)}}, Paths: []string{plain, gz}}, 61006, 1006 + int64(zb.Len())},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := c.src.sizes(ctx)
			if got.decompressed != c.want {
				t.Errorf("decompressed = %d, want %d", got.decompressed, c.want)
			}
			if got.files != c.wantOnDisk {
				t.Errorf("files = %d, want %d", got.files, c.wantOnDisk)
			}
		})
	}
}

type inProcessStore bool

func (s inProcessStore) InProcess() bool { return bool(s) }

func TestChooseSpool(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	p := filepath.Join(dir, "in.csv")
	if err := os.WriteFile(p, make([]byte, 1000), 0o644); err != nil {
		t.Fatal(err)
	}
	files := Source{Paths: []string{p}}.sizes(ctx).decompressed
	stdin := Source{Paths: []string{"-"}}.sizes(ctx).decompressed
	plenty := func() (int64, string) { return 1000 * spoolMemoryFactor, "test" }
	scarce := func() (int64, string) { return 1000*spoolMemoryFactor - 1, "test" }
	for _, c := range []struct {
		name       string
		mode       SpoolMode
		store      any
		input      int64
		budget     func() (int64, string)
		want       bool
		wantReason string
	}{
		{"forced memory, whatever the size", SpoolMemory, struct{}{}, stdin, scarce, true, "forced"},
		{"forced file", SpoolFile, inProcessStore(true), files, plenty, false, "forced"},
		{"auto, remote store", SpoolAuto, struct{}{}, files, plenty, false, "not in this process"},
		{"auto, store that says it is not in process", SpoolAuto, inProcessStore(false), files, plenty, false, "not in this process"},
		{"auto, in process, fits", SpoolAuto, inProcessStore(true), files, plenty, true, "input 1.0 kB needs ~23.0 kB in memory, budget 23.0 kB: test"},
		{"auto, in process, does not fit", SpoolAuto, inProcessStore(true), files, scarce, false, "budget 23.0 kB: test"},
		{"auto, in process, stdin", SpoolAuto, inProcessStore(true), stdin, plenty, false, "unknown size"},
	} {
		t.Run(c.name, func(t *testing.T) {
			asked := false
			budget := func() (int64, string) { asked = true; return c.budget() }
			d := Options{Spool: c.mode}.chooseSpool(c.store, c.input, budget)
			if d.memory != c.want || !strings.Contains(d.reason, c.wantReason) {
				t.Errorf("chooseSpool = memory %v (%s), want %v (%s)", d.memory, d.reason, c.want, c.wantReason)
			}
			if needs := c.mode == SpoolAuto && c.want; needs && !asked {
				t.Error("chose memory without asking for the budget")
			}
		})
	}
}

func TestMemoryBudget(t *testing.T) {
	if n, from := (Options{MemoryBudget: 12345}).memoryBudget(); n != 12345 || from != "Options.MemoryBudget" {
		t.Errorf("with a budget: %d (%s), want 12345 (Options.MemoryBudget)", n, from)
	}
	// Detected: whatever the machine has, a size and where it came from.
	if n, from := (Options{}).memoryBudget(); n < 0 || from == "" {
		t.Errorf("detected %d (%q), want a size and its source", n, from)
	}
}
