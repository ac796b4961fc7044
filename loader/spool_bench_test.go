package loader

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/cablegraph/cablegraph/examples"
	"github.com/cablegraph/cablegraph/loader/extract"
	"github.com/cablegraph/cablegraph/loader/parse"
)

// BenchmarkSpool writes 1000 extracted cables (the example cable under
// 1000 ids) to a spool and reads them back, with and without compression; it
// reports the spool's bytes per cable.
func BenchmarkSpool(b *testing.B) {
	ext, err := extract.New(extract.Options{})
	if err != nil {
		b.Fatal(err)
	}
	it := work(ext, job{rec: parse.Record{Path: examples.Moscow235Name, Format: "page", Data: examples.Moscow235}}, Options{})
	if it.Failure != nil {
		b.Fatalf("example cable: %+v", it.Failure)
	}
	const n = 1000
	items := make([]Item, n)
	for i := range items {
		c := *it.Cable
		c.ID = fmt.Sprintf("08MOSCOW%d", i)
		raw, h, err := contentEncoding(&c)
		if err != nil {
			b.Fatal(err)
		}
		items[i] = Item{Cable: &c, Hash: h, raw: raw}
	}
	for _, zip := range []bool{false, true} {
		b.Run(fmt.Sprintf("compress=%v", zip), func(b *testing.B) {
			dir := b.TempDir()
			var size int64
			for b.Loop() {
				sp, err := newSpool(dir, zip)
				if err != nil {
					b.Fatal(err)
				}
				for _, it := range items {
					if err := sp.write(it); err != nil {
						b.Fatal(err)
					}
				}
				if err := sp.finish(); err != nil {
					b.Fatal(err)
				}
				fi, _ := os.Stat(filepath.Join(dir, filepath.Base(sp.f.Name())))
				size = fi.Size()
				if _, err := sp.eachParallel(context.Background(), 1, func(*Item) error { return nil }, func(Item) error { return nil }); err != nil {
					b.Fatal(err)
				}
				if err := sp.remove(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(size)/n, "spoolB/cable")
		})
	}
}
