package memstore_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
)

// fullScaleCables is the size of the Cablegate release.
const fullScaleCables = 251287

// realistic builds cable i of a synthetic corpus shaped like Cablegate:
// Zipf-popular tags, persons and origins, ~4 KB bodies in paragraphs,
// interactions with topics and references to earlier cables. Each cable
// is built independently from (seed, i) so a full-scale corpus never has
// to be held in memory at once.
func realistic(i int, seed uint64, vocab []string) *graph.Cable {
	rng := rand.New(rand.NewPCG(seed, uint64(i)))
	// Skewed popularity (rank ~ n*u^4, a few very popular values and a long
	// tail); cheaper than rand.NewZipf, whose setup dominated generation.
	zipf := func(n uint64) int { u := rng.Float64(); return int(float64(n) * u * u * u * u) }
	created := time.Date(1985, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rng.IntN(25*365*24)) * time.Hour)
	post := zipf(270)
	c := &graph.Cable{
		ID: fmt.Sprintf("%02dPOST%d%06d", created.Year()%100, post, i), Created: &created, Classification: []string{graph.Unclassified, graph.Confidential, graph.Secret, graph.ConfidentialNF}[rng.IntN(4)],
		Origin: "Embassy " + strconv.Itoa(post), DTG: "301543Z JAN 08", Precedence: "PRIORITY", From: "AMEMBASSY " + strconv.Itoa(post),
		To: []string{"SECSTATE WASHDC"}, Info: []string{"NATO EU COLLECTIVE"}, Caveats: []string{"SIPDIS"},
		Source:       graph.Source{Path: fmt.Sprintf("cable/%d/%02d/%d.html", created.Year(), created.Month(), i), Format: graph.FormatHTML},
		ClassifiedBy: &graph.Classifier{Name: "Political Counselor " + strconv.Itoa(post), Title: "Political Counselor", Reasons: []string{"1.4 (b/d)"}},
	}
	words := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(vocab[zipf(uint64(len(vocab)))])
			b.WriteByte(' ')
		}
		return strings.TrimSpace(b.String())
	}
	c.Subject = strings.ToUpper(words(8))
	var body strings.Builder
	for p := 1; p <= 4+rng.IntN(8); p++ {
		t := words(40 + rng.IntN(100))
		c.Paragraphs = append(c.Paragraphs, graph.Paragraph{Number: p, Marking: "C", Text: t})
		fmt.Fprintf(&body, "%d. (C) %s\n\n", p, t)
	}
	c.Body = body.String()
	for range 2 + rng.IntN(4) {
		code := fmt.Sprintf("T%03d", zipf(400))
		if !slices.Contains(c.Tags, code) {
			c.Tags = append(c.Tags, code)
			c.TagInfo = append(c.TagInfo, graph.Tag{Code: code, Meaning: "meaning of " + code, Kind: "subject"})
		}
	}
	cc := fmt.Sprintf("C%d", post%190)
	c.Countries = []graph.CountryMention{{Code: cc, Name: "Country " + cc, Count: 3, Origin: true}}
	for range rng.IntN(4) {
		x := fmt.Sprintf("C%d", zipf(190))
		if x != cc {
			c.Countries = append(c.Countries, graph.CountryMention{Code: x, Name: "Country " + x, Count: 1 + rng.IntN(5)})
		}
	}
	for range rng.IntN(10) {
		n := zipf(60000)
		k := "person-" + strconv.Itoa(n)
		if slices.ContainsFunc(c.Persons, func(p graph.PersonMention) bool { return p.Key == k }) {
			continue
		}
		how := []string{"title+name"}
		if len(c.Persons) == 0 && rng.IntN(3) == 0 {
			how = append(how, "classifiedBy")
		}
		c.Persons = append(c.Persons, graph.PersonMention{
			Key: k, Name: "Given" + strconv.Itoa(n) + " Surname" + strconv.Itoa(n), Surname: "Surname" + strconv.Itoa(n),
			Aliases: []string{"SURNAME" + strconv.Itoa(n)}, Roles: []string{"Minister"}, Country: fmt.Sprintf("C%d", n%190),
			How: how, Count: 1 + rng.IntN(4), Paragraphs: []int{1 + rng.IntN(len(c.Paragraphs))},
		})
	}
	for j := 1; j < len(c.Persons); j++ {
		kind := []string{graph.InteractionMet, graph.InteractionCoMentioned, graph.InteractionCoMentioned}[rng.IntN(3)]
		c.Interactions = append(c.Interactions, graph.Interaction{
			A: c.Persons[0].Key, B: c.Persons[j].Key, Kind: kind, Paragraph: c.Persons[j].Paragraphs[0],
			Evidence: "met with " + c.Persons[j].Name, Topics: []string{c.Tags[0], "topic" + strconv.Itoa(zipf(200))}, Date: &created, Confidence: 0.8,
		})
	}
	for l := range rng.IntN(4) {
		if i == 0 {
			break
		}
		c.References = append(c.References, graph.Ref{Raw: "REF", ID: fmt.Sprintf("%02dPOST%d%06d", 0, zipf(270), rng.IntN(i+1)), Kind: graph.RefCable, Letter: string(rune('A' + l))})
	}
	for range rng.IntN(3) {
		k := "ORG" + strconv.Itoa(zipf(500))
		c.Organizations = append(c.Organizations, graph.OrgMention{Key: k, Name: "Organization " + k, Kind: "government", Count: 1})
	}
	return c
}

func fullVocab() []string {
	rng := rand.New(rand.NewPCG(1, 2))
	v := make([]string, 60000)
	for i := range v {
		var b strings.Builder
		for range 3 + rng.IntN(8) {
			b.WriteByte(byte('a' + rng.IntN(26)))
		}
		v[i] = b.String()
	}
	return v
}

// p99 runs q n times and returns the 99th-percentile latency.
func p99(b *testing.B, n int, q func(i int) error) time.Duration {
	ds := make([]time.Duration, n)
	for i := range ds {
		t := time.Now()
		if err := q(i); err != nil {
			b.Fatal(err)
		}
		ds[i] = time.Since(t)
	}
	slices.Sort(ds)
	return ds[n*99/100]
}

// BenchmarkFullScale loads a synthetic corpus the size of the release
// (CABLEGRAPH_FULLSCALE=1; CABLEGRAPH_FULLSCALE_N overrides the size) and
// reports write time, the heap the store holds and p99 read latencies.
func BenchmarkFullScale(b *testing.B) {
	n := fullScaleSize(b)
	ctx := context.Background()
	vocab := fullVocab()
	for b.Loop() {
		s := memstore.New()
		var write time.Duration
		const batch = 1000
		for i := 0; i < n; i += batch {
			cs := make([]*graph.Cable, 0, batch)
			for j := i; j < min(i+batch, n); j++ {
				cs = append(cs, realistic(j, 42, vocab))
			}
			t := time.Now()
			if err := s.WriteCables(ctx, cs, hashes(cs)); err != nil {
				b.Fatal(err)
			}
			write += time.Since(t)
		}
		var m runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m)
		b.ReportMetric(write.Seconds(), "write-s")
		b.ReportMetric(float64(n)/write.Seconds(), "cables/s")
		b.ReportMetric(float64(m.HeapInuse)/(1<<20), "heapMiB")
		b.ReportMetric(float64(m.HeapInuse)/float64(n), "heapB/cable")
		st, err := s.Stats(ctx)
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("%d cables: nodes %v relationships %v", n, st.Nodes, st.Relationships)
		ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
		var page []string
		b.ReportMetric(ms(p99(b, 200, func(i int) error {
			f := graph.CableFilter{Tags: []string{fmt.Sprintf("T%03d", 2+i%30)}}
			p, err := s.ListCables(ctx, f, graph.OrderCreatedDesc, graph.Page{Offset: 20 * (i % 5), Limit: 20})
			page = p.IDs
			return err
		})), "p99-listTag-ms")
		b.ReportMetric(ms(p99(b, 200, func(i int) error {
			f := graph.CableFilter{Tags: []string{fmt.Sprintf("T%03d", 2+i%30)}, Country: fmt.Sprintf("C%d", i%20)}
			_, err := s.ListCables(ctx, f, graph.OrderCreatedDesc, graph.Page{Limit: 20})
			return err
		})), "p99-listTagCountry-ms")
		b.ReportMetric(ms(p99(b, 200, func(i int) error {
			p, err := s.ListCables(ctx, graph.CableFilter{Since: &time.Time{}}, graph.OrderCreatedDesc, graph.Page{Offset: (i * 997) % n, Limit: 20})
			if err == nil {
				_, err = s.Cables(ctx, p.IDs)
			}
			return err
		})), "p99-cables20-ms")
		b.ReportMetric(ms(p99(b, 200, func(i int) error {
			_, err := s.Cables(ctx, page[:1])
			return err
		})), "p99-cableByID-ms")
		b.ReportMetric(ms(p99(b, 100, func(i int) error {
			_, err := s.Interactions(ctx, graph.InteractionFilter{Topics: []string{"topic" + strconv.Itoa(2+i%50)}, Limit: 100})
			return err
		})), "p99-interTopic-ms")
		b.ReportMetric(ms(p99(b, 100, func(i int) error {
			_, err := s.Search(ctx, vocab[10+i%50]+" "+vocab[200+i%300], graph.Page{Limit: 20})
			return err
		})), "p99-search-ms")
		b.ReportMetric(ms(p99(b, 20, func(i int) error {
			_, err := s.ListCables(ctx, graph.CableFilter{Text: vocab[3000+i*37]}, "", graph.Page{Limit: 20})
			return err
		})), "p99-text-ms")
		runtime.KeepAlive(s)
	}
}

// fullScaleSize skips unless CABLEGRAPH_FULLSCALE=1 and returns the corpus
// size: the release's, or CABLEGRAPH_FULLSCALE_N.
func fullScaleSize(b *testing.B) int {
	b.Helper()
	if os.Getenv("CABLEGRAPH_FULLSCALE") != "1" {
		b.Skip("set CABLEGRAPH_FULLSCALE=1 to load 251,287 synthetic cables (minutes, several GB)")
	}
	if v, err := strconv.Atoi(os.Getenv("CABLEGRAPH_FULLSCALE_N")); err == nil && v > 0 {
		return v
	}
	return fullScaleCables
}
