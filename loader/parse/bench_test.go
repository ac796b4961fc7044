package parse

import "testing"

// BenchmarkParseCorpus parses every shared cable (already in memory) and
// reports MB/s and cables/s.
func BenchmarkParseCorpus(b *testing.B) {
	recs, n := readCorpus(b, sharedDir(b, "data/cables"))
	b.SetBytes(n)
	b.ResetTimer()
	for b.Loop() {
		for _, r := range recs {
			if _, err := ParseRecord(r); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(recs))*float64(b.N)/b.Elapsed().Seconds(), "cables/s")
}
