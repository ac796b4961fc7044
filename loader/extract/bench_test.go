package extract

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/loader/parse"
)

// BenchmarkParseExtract parses and extracts the corpus fragments (up to
// 2,000 files read into memory first) and reports cables per second per
// core. Run: go test -bench ParseExtract -run ^$ ./loader/extract
func BenchmarkParseExtract(b *testing.B) {
	root := sharedDir(b, filepath.Join("data", "cables", "cablegate-html-fragments", "cable"))
	var files [][]byte
	var names []string
	_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || len(files) >= 2000 {
			return nil
		}
		data, err := os.ReadFile(p)
		if err == nil {
			files = append(files, data)
			names = append(names, p)
		}
		return nil
	})
	if len(files) == 0 {
		b.Skip("no cables under " + root)
	}
	e := newTestExtractor(b)
	ctx := context.Background()
	b.ResetTimer()
	cpu0 := cpuTime()
	n := 0
	for i := 0; i < b.N; i++ {
		k := i % len(files)
		_ = parse.Records(ctx, names[k], bytes.NewReader(files[k]), parse.Options{}, func(rec parse.Record) error {
			c, err := parse.ParseRecord(rec)
			if err != nil {
				return nil
			}
			e.Extract(c)
			n++
			return nil
		}, func(*parse.Failure) {})
	}
	cpu := cpuTime() - cpu0
	b.StopTimer()
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(n)/s, "cables/s")
		b.ReportMetric(float64(n)/s/float64(runtime.GOMAXPROCS(0)), "cables/s/core")
	}
	if cpu > 0 {
		b.ReportMetric(float64(n)/cpu.Seconds(), "cables/cpu-s")
	}
}

// BenchmarkExtract measures extraction alone on the seed cable.
func BenchmarkExtract(b *testing.B) {
	c := parseFile(b, filepath.Join(moduleRoot(b), "examples", "08MOSCOW235.txt"))
	e := newTestExtractor(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cc := *c
		e.Extract(&cc)
	}
}

// BenchmarkExtractCorpus measures extraction alone over up to 1,000 corpus
// cables parsed beforehand, in cables per second per core.
func BenchmarkExtractCorpus(b *testing.B) {
	root := sharedDir(b, filepath.Join("data", "cables", "cablegate-html-fragments", "cable"))
	var cables []*graph.Cable
	_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || len(cables) >= 1000 {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		_ = parse.Records(context.Background(), p, bytes.NewReader(data), parse.Options{}, func(rec parse.Record) error {
			if c, err := parse.ParseRecord(rec); err == nil {
				cables = append(cables, c)
			}
			return nil
		}, func(*parse.Failure) {})
		return nil
	})
	if len(cables) == 0 {
		b.Skip("no cables parsed under " + root)
	}
	e := newTestExtractor(b)
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		c := *cables[i%len(cables)]
		e.Extract(&c)
	}
	cpu := cpuTime() - cpu0
	b.StopTimer()
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(b.N)/s, "cables/s")
		b.ReportMetric(float64(b.N)/s/float64(runtime.GOMAXPROCS(0)), "cables/s/core")
	}
	if cpu > 0 {
		b.ReportMetric(float64(b.N)/cpu.Seconds(), "cables/cpu-s")
	}
}

// cpuTime is the process's user+system CPU time: on a shared machine the
// wall clock overstates the cost, so benchmarks also report cables per CPU
// second.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
