package memstore_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
)

// synthetic builds n cables shaped like the corpus: a few tags out of 300,
// persons out of 5,000, a few interactions with topics, a 400-word body.
func synthetic(n int, seed uint64) []*graph.Cable {
	rng := rand.New(rand.NewPCG(seed, 1))
	vocab := make([]string, 5000)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("w%x", i*7919)
	}
	out := make([]*graph.Cable, n)
	base := time.Date(2003, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range out {
		created := base.Add(time.Duration(rng.IntN(7*365*24)) * time.Hour)
		c := &graph.Cable{
			ID: fmt.Sprintf("%02dPOST%d", 3+i%7, i), Created: &created, Classification: graph.Confidential,
			Origin: fmt.Sprintf("Embassy %d", rng.IntN(270)), Subject: "SUBJECT " + vocab[rng.IntN(len(vocab))],
		}
		var body strings.Builder
		for range 400 {
			body.WriteString(vocab[int(rng.ExpFloat64()*300)%len(vocab)])
			body.WriteByte(' ')
		}
		c.Body = body.String()
		for range 1 + rng.IntN(5) {
			c.Tags = append(c.Tags, fmt.Sprintf("T%03d", int(rng.ExpFloat64()*40)%300))
		}
		for range rng.IntN(8) {
			k := fmt.Sprintf("person-%d", int(rng.ExpFloat64()*500)%5000)
			c.Persons = append(c.Persons, graph.PersonMention{Key: k, Name: "Name " + k, Surname: k, Count: 1, Country: "C" + k[len(k)-1:]})
		}
		c.Countries = []graph.CountryMention{{Code: fmt.Sprintf("C%d", rng.IntN(10)), Name: "Country", Count: 2, Origin: true}}
		for j := 1; j < len(c.Persons); j++ {
			c.Interactions = append(c.Interactions, graph.Interaction{
				A: c.Persons[0].Key, B: c.Persons[j].Key, Kind: graph.InteractionMet, Paragraph: j,
				Evidence: "met", Topics: []string{c.Tags[0], "topic" + fmt.Sprint(rng.IntN(50))}, Date: &created,
			})
		}
		out[i] = c
	}
	return out
}

func hashes(cs []*graph.Cable) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

func loaded(b *testing.B, n int) *memstore.Store {
	b.Helper()
	s := memstore.New()
	cs := synthetic(n, 42)
	for i := 0; i < len(cs); i += 1000 {
		j := min(i+1000, len(cs))
		if err := s.WriteCables(context.Background(), cs[i:j], hashes(cs[i:j])); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

func BenchmarkWriteCables(b *testing.B) {
	cs := synthetic(2000, 7)
	hs := hashes(cs)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		s := memstore.New()
		for i := 0; i < len(cs); i += 500 {
			if err := s.WriteCables(ctx, cs[i:i+500], hs[i:i+500]); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(cs)*b.N)/b.Elapsed().Seconds(), "cables/s")
}

func BenchmarkListCablesByTag(b *testing.B) {
	s := loaded(b, 20000)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		f := graph.CableFilter{Tags: []string{fmt.Sprintf("T%03d", i%20)}}
		if _, err := s.ListCables(ctx, f, graph.OrderCreatedDesc, graph.Page{Offset: 20, Limit: 20}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkInteractionsByTopic(b *testing.B) {
	s := loaded(b, 20000)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		f := graph.InteractionFilter{Topics: []string{fmt.Sprintf("topic%d", i%50)}, Limit: 100}
		if _, err := s.Interactions(ctx, f); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSearch(b *testing.B) {
	s := loaded(b, 20000)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		q := fmt.Sprintf("w%x w%x", (i%40)*7919, (i%7)*7919)
		if _, err := s.Search(ctx, q, graph.Page{Limit: 20}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkListCablesAll(b *testing.B) {
	s := loaded(b, 20000)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.ListCables(ctx, graph.CableFilter{}, "", graph.Page{Limit: 20}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEdgesHubs asks for the edges of the busiest tags and countries
// with the cap a neighbourhood level uses: the cost a depth-2 neighbourhood
// pays around a hub.
func BenchmarkEdgesHubs(b *testing.B) {
	s := loaded(b, 20000)
	ctx := context.Background()
	nodes := []graph.NodeRef{{Kind: graph.KindTag, ID: "T000"}, {Kind: graph.KindTag, ID: "T001"}, {Kind: graph.KindCountry, ID: "C1"}, {Kind: graph.KindPerson, ID: "person-1"}}
	b.ResetTimer()
	for b.Loop() {
		es, total, err := s.Edges(ctx, nodes, 20000)
		if err != nil || len(es) == 0 || total < len(es) {
			b.Fatalf("%d edges of %d, %v", len(es), total, err)
		}
	}
}
