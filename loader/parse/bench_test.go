package parse

import "testing"

// BenchmarkParseCorpus parses every shared cable (already in memory) and
// reports MB/s and cables/s, and cables per CPU second (steadier when the
// machine is shared: run with GOMAXPROCS=1 for a per-core figure).
func BenchmarkParseCorpus(b *testing.B) {
	recs, n := readCorpus(b, sharedDir(b, "data/cables"))
	b.SetBytes(n)
	cpu0, cpuOK := processCPU()
	b.ResetTimer()
	for b.Loop() {
		for _, r := range recs {
			if _, err := ParseRecord(r); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(recs))*float64(b.N)/b.Elapsed().Seconds(), "cables/s")
	if cpu1, ok := processCPU(); ok && cpuOK && cpu1 > cpu0 {
		b.ReportMetric(float64(len(recs))*float64(b.N)/(cpu1-cpu0).Seconds(), "cables/cpu-s")
	}
}
