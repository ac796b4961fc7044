package memstore_test

import (
	"context"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/graph/query"
)

// plainReader hides the memstore's optional interfaces (query.LinkSource),
// so that a Service over it takes the path every store has.
type plainReader struct{ graph.Reader }

// BenchmarkFullScaleQueries loads the synthetic corpus of BenchmarkFullScale
// (CABLEGRAPH_FULLSCALE=1; CABLEGRAPH_FULLSCALE_N overrides the size) and
// reports p50 and p99 of the two relationship questions whose cost grows
// with the graph: connection between persons of every popularity (the
// synthetic persons are Zipf-popular: person-0 is in a large share of the
// cables) and neighbourhood depth 2, limit 100, around cables. The first
// neighbourhoods sort the hubs' edges once; the figures include them.
func BenchmarkFullScaleQueries(b *testing.B) {
	n := fullScaleSize(b)
	ctx := context.Background()
	vocab := fullVocab()
	s := memstore.New()
	var ids []string
	const batch = 1000
	for i := 0; i < n; i += batch {
		cs := make([]*graph.Cable, 0, batch)
		for j := i; j < min(i+batch, n); j++ {
			c := realistic(j, 42, vocab)
			cs = append(cs, c)
			if j%(n/200+1) == 0 {
				ids = append(ids, c.ID)
			}
		}
		if err := s.WriteCables(ctx, cs, hashes(cs)); err != nil {
			b.Fatal(err)
		}
	}
	q := query.New(s, nil)
	plain := query.New(plainReader{s}, nil)
	// Pairs from the hubs to the tail: person-r is the r-th most popular.
	ranks := []int{0, 1, 3, 10, 30, 100, 300, 1000, 3000, 10000}
	var pairs [][2]string
	for i, a := range ranks {
		for _, c := range ranks[i+1:] {
			pairs = append(pairs, [2]string{"person-" + strconv.Itoa(a), "person-" + strconv.Itoa(c)})
		}
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	quantiles := func(ds []time.Duration) (p50, p99 time.Duration) {
		slices.Sort(ds)
		return ds[len(ds)/2], ds[len(ds)*99/100]
	}
	conn := func(svc *query.Service, name string) {
		var ds []time.Duration
		found := 0
		for range 3 {
			for _, p := range pairs {
				t := time.Now()
				c, err := svc.Connection(ctx, graph.ConnectionQuery{A: p[0], B: p[1], MaxHops: 4})
				ds = append(ds, time.Since(t))
				if err != nil {
					b.Fatal(err)
				}
				if len(c.Persons) > 0 {
					found++
				}
			}
		}
		p50, p99 := quantiles(ds)
		b.ReportMetric(ms(p50), "p50-"+name+"-ms")
		b.ReportMetric(ms(p99), "p99-"+name+"-ms")
		b.Logf("%s: %d of %d searches found a chain", name, found, len(ds))
	}
	for b.Loop() {
		conn(q, "connection")
		conn(plain, "connectionGeneric")
		var ds []time.Duration
		for range 2 {
			for _, id := range ids {
				t := time.Now()
				g, err := q.Neighborhood(ctx, id, 2, 100)
				ds = append(ds, time.Since(t))
				if err != nil {
					b.Fatal(err)
				}
				if len(g.Nodes) == 0 {
					b.Fatalf("neighbourhood of %s is empty", id)
				}
			}
		}
		p50, p99 := quantiles(ds)
		b.ReportMetric(ms(p50), "p50-neighborhood-ms")
		b.ReportMetric(ms(p99), "p99-neighborhood-ms")
	}
}
