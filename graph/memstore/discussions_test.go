package memstore_test

import (
	"cmp"
	"context"
	"os"
	"reflect"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/graph/query"
)

// TestDiscussionsSourceSameAnswers: discussions answered through the
// memstore's DiscussionsSource (one read lock, sentences filtered before
// they are copied) equal those answered over the plain Reader, on the
// real shared cables, for topics that are tag codes, countries, people
// and plain words, with and without co-mentions and a window.
func TestDiscussionsSourceSameAnswers(t *testing.T) {
	if testing.Short() {
		t.Skip("parses the 6,712 shared cables")
	}
	ctx := context.Background()
	cables := corpus(t)
	st := memstore.New()
	hs := make([]string, len(cables))
	for i, c := range cables {
		hs[i] = c.ID
	}
	if err := st.WriteCables(ctx, cables, hs); err != nil {
		t.Fatal(err)
	}
	if _, ok := query.ReaderAs[query.DiscussionsSource](st); !ok {
		t.Fatal("memstore is not a query.DiscussionsSource")
	}
	fast, slow := query.New(st, nil), query.New(plainReader{st}, nil)
	since := time.Date(2008, 1, 1, 0, 0, 0, 0, time.UTC)
	until := time.Date(2009, 6, 30, 0, 0, 0, 0, time.UTC)
	nonEmpty := 0
	for _, topic := range []string{"Kosovo", "KV", "Iran", "nuclear", "oil", "Russia", "election", "Lavrov", "PREL", "trade", "Afghanistan", "human rights", "Hamas", "zzznothing"} {
		for _, q := range []graph.DiscussionQuery{
			{Topic: topic},
			{Topic: topic, IncludeCoMentions: true, First: 100},
			{Topic: topic, Since: &since, Until: &until},
		} {
			want, err := slow.Discussions(ctx, q)
			if err != nil {
				t.Fatalf("%+v over the Reader: %v", q, err)
			}
			got, err := fast.Discussions(ctx, q)
			if err != nil {
				t.Fatalf("%+v on the DiscussionsSource: %v", q, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%+v:\n got %+v\nwant %+v", q, got, want)
			}
			// Asked again, the answer comes from the store's memo.
			again, err := fast.Discussions(ctx, q)
			if err != nil || !reflect.DeepEqual(again, want) {
				t.Fatalf("%+v asked again: %v\n got %+v\nwant %+v", q, err, again, want)
			}
			if len(want) > 0 {
				nonEmpty++
			}
		}
	}
	if nonEmpty < 20 {
		t.Fatalf("only %d questions had discussions: the comparison proves little", nonEmpty)
	}
	t.Logf("%d non-empty answers compared", nonEmpty)
}

// TestDiscussionsSeeWrites: the sentences naming a topic word are cached
// between questions; a write that adds, replaces or removes such a
// sentence must show in the next answer.
func TestDiscussionsSeeWrites(t *testing.T) {
	ctx := context.Background()
	s := memstore.New()
	day := time.Date(2009, 3, 1, 0, 0, 0, 0, time.UTC)
	mk := func(id, sentence string) *graph.Cable {
		c := &graph.Cable{ID: id, Subject: "NOTES", Body: sentence, Classification: graph.Unclassified, Created: &day,
			Paragraphs: []graph.Paragraph{{Number: 1, Text: sentence}}}
		for _, k := range []string{"smith|US", "jones|GB"} {
			c.Persons = append(c.Persons, graph.PersonMention{Key: k, Name: k[:5], Surname: k[:5], Count: 1, Paragraphs: []int{1}})
		}
		c.Interactions = []graph.Interaction{{A: "smith|US", B: "jones|GB", Kind: graph.InteractionMet, Cable: id,
			Paragraph: 1, Evidence: sentence, Date: &day, Confidence: 1}}
		return c
	}
	write := func(cs ...*graph.Cable) {
		t.Helper()
		hs := make([]string, len(cs))
		for i, c := range cs {
			hs[i] = c.ID + c.Body
		}
		if err := s.WriteCables(ctx, cs, hs); err != nil {
			t.Fatal(err)
		}
	}
	q := query.New(s, nil)
	cables := func() []string {
		t.Helper()
		ds, err := q.Discussions(ctx, graph.DiscussionQuery{Topic: "fisheries"})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, d := range ds {
			out = append(out, d.Cables...)
		}
		return out
	}
	write(mk("09A1", "Smith met Jones about fisheries."), mk("09A2", "Smith met Jones about tariffs."))
	if got := cables(); !reflect.DeepEqual(got, []string{"09A1"}) {
		t.Fatalf("fisheries in %v, want [09A1]", got)
	}
	write(mk("09A3", "Smith met Jones on fisheries again."))
	if got := cables(); !reflect.DeepEqual(got, []string{"09A1", "09A3"}) {
		t.Errorf("after a new cable, fisheries in %v, want [09A1 09A3]", got)
	}
	write(mk("09A1", "Smith met Jones about nothing."))
	if got := cables(); !reflect.DeepEqual(got, []string{"09A3"}) {
		t.Errorf("after a replaced cable, fisheries in %v, want [09A3]", got)
	}
}

// BenchmarkDiscussionsShared asks discussions(topic) of the 6,712 shared
// cables through the memstore's DiscussionsSource: the CPU one question
// costs, which under concurrent clients is what bounds the p99.
func BenchmarkDiscussionsShared(b *testing.B) {
	ctx := context.Background()
	cables := corpus(b)
	st := memstore.New()
	hs := make([]string, len(cables))
	for i, c := range cables {
		hs[i] = c.ID
	}
	if err := st.WriteCables(ctx, cables, hs); err != nil {
		b.Fatal(err)
	}
	q := query.New(st, nil)
	for _, topic := range []string{"Kosovo", "Iran", "nuclear"} {
		b.Run(topic, func(b *testing.B) {
			for b.Loop() {
				ds, err := q.Discussions(ctx, graph.DiscussionQuery{Topic: topic, First: 10})
				if err != nil || len(ds) == 0 {
					b.Fatalf("%d discussions, %v", len(ds), err)
				}
			}
		})
	}
}

// BenchmarkSnapshotDiscussions restores the snapshot file named by
// CABLEGRAPH_SNAPSHOT (one written by serve --data; at the full release's
// size it needs ~10 GB) and asks discussions(topic: CABLEGRAPH_TOPIC,
// default "Kosovo", first: 10) from 4 goroutines, as the API benchmark's
// clients do, without HTTP and GraphQL: p50 and p99 per question, the
// bytes one question allocates and the collections during the run (which
// decide the tail: each marks the whole store while the clients assist).
// The collector runs as serve runs it: GOGC 100 and a soft memory limit of
// half again the live heap plus 1 GiB (cmd/cablegraph, servingLimit), so
// that a collection comes after ~live/2+1 GiB of allocation as it does
// there, not after a live heap's worth.
func BenchmarkSnapshotDiscussions(b *testing.B) {
	path, info := snapshotFromEnv(b)
	topic := cmp.Or(os.Getenv("CABLEGRAPH_TOPIC"), "Kosovo")
	ctx := context.Background()
	st, _, err := memstore.OpenSnapshot(ctx, path, info.Key)
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	live := int64(ms.HeapAlloc)
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(live + live/2 + 1<<30))
	q := query.New(st, nil)
	// A repeated question is answered from the store's memo; "fresh"
	// questions each have a window of their own (from a second after the
	// last, all cables with a date within it), so each is computed from
	// the cached lists.
	var fresh atomic.Bool
	var windows atomic.Int64
	epoch := time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC)
	ask := func() time.Duration {
		t := time.Now()
		dq := graph.DiscussionQuery{Topic: topic, First: 10}
		if fresh.Load() {
			since := epoch.Add(time.Duration(windows.Add(1)) * time.Second)
			dq.Since = &since
		}
		ds, err := q.Discussions(ctx, dq)
		if err != nil || len(ds) == 0 {
			b.Fatalf("%d discussions, %v", len(ds), err)
		}
		return time.Since(t)
	}
	ask() // the first question builds the cached lists
	for _, run := range []struct {
		clients int
		fresh   bool
	}{{1, false}, {4, false}, {1, true}, {4, true}} {
		name := "clients=" + strconv.Itoa(run.clients)
		if run.fresh {
			name += "/fresh"
		}
		clients := run.clients
		fresh.Store(run.fresh)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			runtime.ReadMemStats(&ms)
			gcBefore := ms.NumGC
			b.ResetTimer()
			var mu sync.Mutex
			var lat []time.Duration
			var wg sync.WaitGroup
			per := (b.N + clients - 1) / clients
			for range clients {
				wg.Add(1)
				go func() {
					defer wg.Done()
					mine := make([]time.Duration, 0, per)
					for range per {
						mine = append(mine, ask())
					}
					mu.Lock()
					lat = append(lat, mine...)
					mu.Unlock()
				}()
			}
			wg.Wait()
			b.StopTimer()
			runtime.ReadMemStats(&ms)
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
			b.ReportMetric(float64(ms.NumGC-gcBefore), "gc-cycles")
			b.ReportMetric(float64(live)/(1<<30), "live-GiB")
		})
	}
	runtime.KeepAlive(st)
}
